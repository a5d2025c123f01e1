import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET_KEY } from '../../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase, serverUrlOf } from '../../../test/support/databases.js';
import { seedContacts, seedIssue } from '../../../test/support/delivery.js';
import { startSmtpSink, type SmtpSink } from '../../../test/support/smtp-sink.js';
import { connectDatabase } from '../../db/connect.js';
import type { Database } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { getDeliveryCounts } from './deliveries.service.js';

// kill -9 of a real `insights send` process at about 40%, then a re-run: nobody is missing,
// at most SEND_CONCURRENCY messages arrive twice, and the report says how many may have. On
// SQLite (a file both processes open) and, when TEST_DATABASE_URL names a server, on a fresh
// PostgreSQL database there (claims with FOR UPDATE SKIP LOCKED). PGlite lives inside one process.

const CONCURRENCY = 5;
const RECIPIENTS = 600;
const CLI = join(import.meta.dirname, '../../cli/insights.ts');

function runCli(dataDir: string, databaseUrl: string, sink: SmtpSink, args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: {
      ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, SMTP_URL: sink.url, SECRET_KEY: TEST_SECRET_KEY, SITE_URL: 'http://insights.test',
      MAIL_FROM: 'Innovation Insights <newsletter@insights.test>', SEND_CONCURRENCY: String(CONCURRENCY), SEND_RATE: '150', SEND_LEASE_SECONDS: '2', DEMO: '0', ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

const SERVER = process.env.TEST_DATABASE_URL;

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(SERVER ? ['sqlite', 'postgres'] : ['sqlite'])('a send killed with SIGKILL and run again [%s]', (engine) => {
  let dataDir: string;
  let databaseUrl = '';
  let db: Database;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'insights-crash-'));
    if (engine === 'postgres') {
      // A test database of the server (dropped without `with (force)`, which made pg emit
      // errors from the pool's last connections while they closed), opened by the CLI too.
      db = await createTestDatabase('postgres');
      databaseUrl = serverUrlOf(db);
    } else {
      db = await connectDatabase({ kind: 'sqlite', file: join(dataDir, 'insights.sqlite') });
      await migrateToLatest(db);
    }
  }, 60_000);
  afterAll(async () => {
    await (engine === 'postgres' ? destroyTestDatabase(db) : db.destroy());
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nobody, repeats at most SEND_CONCURRENCY, and reports what may have repeated', async () => {
    const slug = await seedIssue(db);
    const people = await seedContacts(db, { members: RECIPIENTS, subscribers: 0, prefix: 'crash' });
    const sink = await startSmtpSink({ keepRaw: false });
    try {
      const first = runCli(dataDir, databaseUrl, sink, ['send', slug, '--edition', 'full']);
      const killedAt = await new Promise<number>((resolve, reject) => {
        const timer = setInterval(() => {
          if (sink.messages.length >= RECIPIENTS * 0.4) {
            clearInterval(timer);
            first.child.kill('SIGKILL');
            resolve(sink.messages.length);
          }
        }, 5);
        void first.exited.then((code) => {
          clearInterval(timer);
          reject(new Error(`the first run ended by itself (${code}) before 40%: ${first.output().stderr}`));
        });
      });
      expect(await first.exited).toBe(null);
      expect(killedAt).toBeLessThan(RECIPIENTS * 0.6);

      const second = runCli(dataDir, databaseUrl, sink, ['send', slug, '--edition', 'full']);
      expect(await second.exited, second.output().stderr).toBe(0);

      const received = new Map<string, number>();
      for (const message of sink.messages) for (const to of message.to) received.set(to, (received.get(to) ?? 0) + 1);
      const missing = people.members.filter((address) => !received.has(address));
      expect(missing).toEqual([]);
      const duplicates = sink.messages.length - RECIPIENTS;
      expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);

      const delivery = await db.selectFrom('deliveries').select('id').where('kind', '=', 'send').executeTakeFirstOrThrow();
      const counts = await getDeliveryCounts(db, delivery.id);
      expect(counts).toMatchObject({ total: RECIPIENTS, sent: RECIPIENTS, queued: 0, sending: 0 });
      expect(counts.mayHaveRepeated).toBeGreaterThanOrEqual(duplicates);
      expect(counts.mayHaveRepeated).toBeLessThanOrEqual(CONCURRENCY);
      expect(second.output().stderr).toContain('resuming delivery');
      if (counts.mayHaveRepeated > 0) expect(second.output().stdout).toContain(`${counts.mayHaveRepeated} may have been sent twice`);
      expect(second.output().stdout).toContain(`${RECIPIENTS} sent, 0 failed`);
    } finally {
      await sink.close();
    }
  }, 90_000);

  it('pauses itself when the relay answers 421, exits 1 naming the reason; a worker killed with SIGKILL while paused loses nothing; the next one resumes, each address once', async () => {
    const slug = await seedIssue(db, 2041, 'winter');
    await db.updateTable('contacts').set({ subscribed: 0 }).execute();
    const people = await seedContacts(db, { members: 300, subscribers: 0, prefix: 'paused' });
    const sink = await startSmtpSink({ keepRaw: false });
    const health = { SEND_BREAKER_FAILURES: '3', SEND_PROBE_SECONDS: '0.3' };
    const deliveryOf = () => db.selectFrom('deliveries').select(['id', 'status', 'pause_reason', 'probes']).where('kind', '=', 'send').orderBy('id', 'desc').executeTakeFirstOrThrow();
    try {
      const send = runCli(dataDir, databaseUrl, sink, ['send', slug, '--edition', 'full'], health);
      const watcher = setInterval(() => {
        if (sink.messages.length >= 100 && !sink.refuse) sink.refuse = { code: 421, message: '4.3.2 Service shutting down, closing transmission channel' };
      }, 2);
      const code = await send.exited;
      clearInterval(watcher);
      expect(code, send.output().stderr).toBe(1);
      expect(send.output().stderr).toMatch(/paused itself: the mail server did not answer \d+ times in a row \(421/);
      const paused = await deliveryOf();
      expect(paused).toMatchObject({ status: 'paused', pause_reason: 'transport' });
      const sentBefore = sink.messages.length;
      expect(sentBefore).toBeLessThan(300);

      // A worker probes the refusing relay and is killed while the delivery is paused.
      const rejections = sink.mailFromRejections;
      const doomed = runCli(dataDir, databaseUrl, sink, ['worker', '--no-bounces'], health);
      await waitFor('a probe', () => sink.mailFromRejections > rejections, 30_000);
      doomed.child.kill('SIGKILL');
      expect(await doomed.exited).toBe(null);
      expect(sink.messages.length).toBe(sentBefore);
      expect(await deliveryOf()).toMatchObject({ status: 'paused', pause_reason: 'transport' });
      const counts = await getDeliveryCounts(db, paused.id);
      expect(counts).toMatchObject({ failed: 0, sent: sentBefore });
      expect(counts.queued + counts.sending).toBe(300 - sentBefore);

      // The relay answers again: the next worker's probe resumes the delivery and it finishes.
      sink.refuse = null;
      const worker = runCli(dataDir, databaseUrl, sink, ['worker', '--no-bounces'], health);
      try {
        await waitFor('the delivery to finish', async () => (await deliveryOf()).status === 'done', 60_000);
      } finally {
        worker.child.kill('SIGTERM');
        await worker.exited;
      }
      const received = new Map<string, number>();
      for (const message of sink.messages) for (const to of message.to) received.set(to, (received.get(to) ?? 0) + 1);
      expect(people.members.filter((address) => received.get(address) !== 1)).toEqual([]);
      expect(sink.messages).toHaveLength(300);
      expect(await getDeliveryCounts(db, paused.id)).toMatchObject({ total: 300, sent: 300, failed: 0, queued: 0, sending: 0 });
      expect(worker.output().stderr + worker.output().stdout).toMatch(/answers again/);
    } finally {
      await sink.close();
    }
  }, 150_000);
});
