import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { loadDemoIfEmpty } from './content-folder/demo.js';
import { connectDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { systemClock } from './lib/clock.js';
import { formatProblem, Invalid } from './lib/errors.js';
import { createMailer } from './mail/mailer.js';
import { senderFrom, transportFrom } from './delivery/setup.js';
import { runWorker } from './worker.js';

// Reads config, prepares the database, listens. Everything else is composed in app.ts.

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await connectDatabase(config.database);
  await migrateToLatest(db);
  const clock = systemClock;
  const demo = config.demo ? await loadDemoIfEmpty(db, clock) : undefined;

  const mailer = createMailer(config);
  const { http } = await buildApp({ config, db, clock, mailer });
  if (demo) http.log.info({ demo }, 'loaded the demo content into the empty database');

  // The send loop runs here too when WORKER is on (the default with SQLite), so sends started on
  // the desk go out with `npm start` alone. With PostgreSQL it is off by default: several web
  // processes would each send at SEND_RATE; run `insights worker` processes instead.
  const stopWorker = new AbortController();
  const transport = config.worker ? transportFrom(config) : undefined;
  const worker = transport
    ? runWorker({ sender: senderFrom(config, db, clock, transport), signal: stopWorker.signal, log: (message) => http.log.info(message) })
    : Promise.resolve();

  const shutdown = async (signal: string) => {
    http.log.info({ signal }, 'shutting down');
    stopWorker.abort();
    await worker;
    transport?.close();
    await http.close();
    mailer.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await http.listen({ port: config.port, host: config.host });
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  process.stdout.write(`listening on http://${host}:${port}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof Invalid) {
    process.stderr.write(`${error.message}\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
