import { existsSync } from 'node:fs';
import { buildApp } from './app.js';
import { loadConfig, recordServerAddress } from './config.js';
import { loadDemoIfEmpty } from './content-folder/demo.js';
import { newWorkerId } from './delivery/engine/sender.js';
import { createHeartbeat } from './jobs/heartbeats.service.js';
import { formatProblem, Invalid } from './lib/errors.js';
import { indexIsStale, reindexAll } from './search/search.service.js';
import { buildServices } from './services.js';
import { missingFontWarning } from './reports/finding-chart.js';
import { runWorker } from './worker.js';

// Reads config, builds the services (services.ts), loads the demo into an empty database,
// listens. The web process always runs the transactional job loop (app.ts); with WORKER on it
// also sends newsletters.

async function main(): Promise<void> {
  const config = loadConfig();
  const services = await buildServices(config);
  const demo = config.demo ? await loadDemoIfEmpty(services.db, services.clock, config.siteName) : undefined;

  const { http } = await buildApp(services);
  if (demo) http.log.info({ demo }, 'loaded the demo content into the empty database');
  const fontWarning = missingFontWarning(existsSync);
  if (fontWarning) http.log.warn(fontWarning);
  // Intl.Segmenter's words depend on ICU: an index built with another version (or never rebuilt) is rebuilt now.
  if (await indexIsStale(services.db)) http.log.info({ items: await reindexAll(services.db, undefined, services.clock.now()) }, 'rebuilt the search index (new ICU version)');

  // The send loop runs here too when WORKER is on (the default with SQLite), so sends started on
  // the desk go out with `npm start` alone. With PostgreSQL it is off by default: several web
  // processes would each send at SEND_RATE; run `insights worker` processes instead.
  const stopWorker = new AbortController();
  const workerId = `web-sender:${newWorkerId()}`;
  const worker = config.worker
    ? runWorker({ sender: services.sender, heartbeat: createHeartbeat(services.db, services.clock, workerId, ['sending']), signal: stopWorker.signal, log: (message) => http.log.info(message) })
    : Promise.resolve();

  // Set once listening: removes DATA_DIR/server-address.json, which CLI commands read for links.
  let forgetAddress = () => {};
  const shutdown = async (signal: string) => {
    http.log.info({ signal }, 'shutting down');
    forgetAddress();
    stopWorker.abort();
    await worker;
    await http.close();
    await services.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await http.listen({ port: config.port, host: config.host });
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  forgetAddress = recordServerAddress(config, port);
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
