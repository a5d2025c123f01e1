// Send bench: 20,000 messages of the 2024 spring demo issue's full edition through the whole
// engine (audience snapshot, ledger claims and marks on SQLite, personalisation, pooled
// nodemailer) to a local smtp-server sink running in a child process; next to a baseline
// measured in the same run: nodemailer alone pushing one pre-rendered message 20,000 times
// through the same kind of pool. Run with `npm run bench:send` (`npx tsx bench/send.ts`); it
// prints figures to stderr and exactly one JSON line on stdout. It reports, it never asserts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { SYSTEM_ACTOR } from '../src/activity/activity.js';
import { DEMO_DIR } from '../src/content-folder/demo.js';
import { importContent } from '../src/content-folder/import.service.js';
import { connectDatabase } from '../src/db/connect.js';
import type { Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createSend, getDeliveryCounts } from '../src/delivery/engine/deliveries.service.js';
import { buildMessage, runDelivery } from '../src/delivery/engine/sender.js';
import { findDeliveryTemplate } from '../src/delivery/engine/deliveries.queries.js';
import { prepareEdition } from '../src/delivery/render/placeholders.js';
import { createMailTransport, createPooledNodemailer, toNodemailer } from '../src/mail/transport.js';
import { systemClock } from '../src/lib/clock.js';
import { companyKey, emailKey } from '../src/members/members.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const CONCURRENCY = Number(process.env.SEND_CONCURRENCY ?? 10);
const SECRET = 'bench-secret-key-that-is-long-enough-0123456789';

function say(message: string): void {
  process.stderr.write(`[bench:send] ${message}\n`);
}

/** The sink: counts messages and throws them away (runs in its own process). */
async function runSink(): Promise<void> {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        count++;
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1', () => {
    const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
    process.stdout.write(`${address.port}\n`);
  });
  process.on('message', () => process.send?.(count));
}

async function startSink(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--sink'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<string>((resolve) => child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  return { url: `smtp://127.0.0.1:${port}`, child };
}

async function seed(db: Database): Promise<string> {
  await importContent(db, DEMO_DIR, { clock: systemClock });
  const now = new Date().toISOString();
  const company = await db.insertInto('companies').values({ name: 'Bench GmbH', name_key: companyKey('Bench GmbH'), industry: null, membership: 'active', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('contacts').set({ subscribed: 0 }).execute();
  for (let i = 0; i < MESSAGES; i += 500) {
    const rows = Array.from({ length: Math.min(500, MESSAGES - i) }, (_, j) => {
      const email = `reader.${i + j}@bench.test`;
      return { email, email_key: emailKey(email), name: `Reader ${i + j}`, company_id: company.id, subscription_changed_at: null, created_at: now, updated_at: now };
    });
    await db.insertInto('contacts').values(rows).execute();
  }
  return '2024-spring';
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'insights-bench-send-'));
  const sink = await startSink();
  const db = await connectDatabase({ kind: 'sqlite', file: join(dir, 'bench.sqlite') });
  try {
    await migrateToLatest(db);
    const slug = await seed(db);
    say(`${MESSAGES} messages, ${CONCURRENCY} connections, sink ${sink.url}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const site = { name: 'Innovation Insights', url: 'https://insights.example.org' };
    const env = { db, clock: systemClock, secretKey: SECRET, site, mailDomain: 'insights.example.org' };
    const delivery = await createSend(env, { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR });

    // Baseline: one pre-rendered message pushed MESSAGES times through the same pool.
    const template = prepareEdition((await findDeliveryTemplate(db, delivery.id))!);
    const one = toNodemailer(buildMessage({ secretKey: SECRET, site, mailFrom: 'Innovation Insights <newsletter@insights.example.org>', mailDomain: 'insights.example.org' }, delivery, template, {
      contactId: 1, email: 'reader.0@bench.test', emailKey: 'reader.0@bench.test', name: 'Reader 0', messageId: '<bench.1@insights.example.org>', verpToken: '1x0123456789abcdef',
    }));
    const pool = createPooledNodemailer(sink.url, CONCURRENCY, undefined);
    const baselineStart = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < MESSAGES) {
        next++;
        await pool.sendMail(one);
      }
    }));
    const baselineMs = performance.now() - baselineStart;
    pool.close();
    const baseline = MESSAGES / (baselineMs / 1000);
    say(`baseline: nodemailer alone, ${Math.round(baseline)} messages/s (${Math.round(baselineMs)} ms)`);

    // The engine, with RSS sampled at each quarter.
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(dir, 'outbox'), concurrency: CONCURRENCY, dkim: undefined });
    const rss: Record<string, number> = {};
    const quarters = [25, 50, 75];
    const sampler = setInterval(() => {
      void db.selectFrom('delivery_recipients').select((eb) => eb.fn.countAll<number>().as('n')).where('delivery_id', '=', delivery.id).where('state', '=', 'sent').executeTakeFirstOrThrow().then(({ n }) => {
        const done = (Number(n) / MESSAGES) * 100;
        for (const q of quarters) if (done >= q && rss[`rss_${q}_mb`] === undefined) rss[`rss_${q}_mb`] = Math.round(process.memoryUsage().rss / 1048576);
      });
    }, 100);
    const start = performance.now();
    const result = await runDelivery({ ...env, transport, settings: { concurrency: CONCURRENCY, rate: 1_000_000, leaseMs: 120_000, retryBaseMs: 1000, maxAttempts: 5 }, mailFrom: 'Innovation Insights <newsletter@insights.example.org>' }, delivery.id);
    const ms = performance.now() - start;
    clearInterval(sampler);
    transport.close();
    rss.rss_100_mb = Math.round(process.memoryUsage().rss / 1048576);
    for (const q of quarters) rss[`rss_${q}_mb`] ??= rss.rss_100_mb;
    const counts = await getDeliveryCounts(db, delivery.id);
    const rate = MESSAGES / (ms / 1000);
    say(`engine: ${result}, ${counts.sent} sent, ${counts.failed} failed, ${Math.round(rate)} messages/s (${Math.round(ms)} ms)`);
    const line = {
      bench: 'send', messages: MESSAGES, concurrency: CONCURRENCY, messages_per_second: Math.round(rate), sent: counts.sent, failed: counts.failed,
      baseline_messages_per_second: Math.round(baseline), ratio: Number((rate / baseline).toFixed(2)),
      rss_25_mb: rss.rss_25_mb, rss_50_mb: rss.rss_50_mb, rss_75_mb: rss.rss_75_mb, rss_100_mb: rss.rss_100_mb,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    await db.destroy();
    sink.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--sink')) void runSink();
else await main();
