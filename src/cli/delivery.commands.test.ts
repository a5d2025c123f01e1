import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInsights as run } from '../../test/support/cli.js';
import { seedContacts, seedIssue } from '../../test/support/delivery.js';
import { startSmtpSink, type SmtpSink } from '../../test/support/smtp-sink.js';
import { connectDatabase } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

// `insights send` end to end in-process on a real SQLite file and a real SMTP server: both
// editions each to its audience, a re-run sends nothing again, and the exit codes.

let dataDir: string;
let db: Database;
let sink: SmtpSink;
const saved = { ...process.env };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'insights-cli-send-'));
  sink = await startSmtpSink({ keepRaw: false });
  Object.assign(process.env, { DATA_DIR: dataDir, SMTP_URL: sink.url, SECRET_KEY: 'cli-send-secret-key-that-is-long-enough-0123', MAIL_FROM: 'News <news@insights.test>', SEND_RATE: '1000' });
  delete process.env.DATABASE_URL;
  db = await connectDatabase({ kind: 'sqlite', file: join(dataDir, 'insights.sqlite') });
  await migrateToLatest(db);
}, 60_000);
afterAll(async () => {
  process.env = saved;
  await db.destroy();
  await sink.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('insights send', () => {
  it('sends both editions, each to its audience, and a re-run sends nothing twice', async () => {
    const slug = await seedIssue(db);
    const people = await seedContacts(db, { members: 3, subscribers: 4, prefix: 'cli' });
    const first = await run('send', slug);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^${slug} full \\(delivery #\\d+\\): 3 recipients, 3 sent, 0 failed, 0 bounced, 0 left\\n${slug} teaser \\(delivery #\\d+\\): 4 recipients, 4 sent, 0 failed, 0 bounced, 0 left\\n$`));
    expect(sink.messages.flatMap((m) => m.to).sort()).toEqual([...people.members, ...people.subscribers].sort());
    const again = await run('send', slug, '--edition', 'teaser');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('4 sent');
    expect(sink.messages).toHaveLength(7);
  });

  it('exits 1 with one line for an unknown issue, 2 for a bad edition', async () => {
    const unknown = await run('send', '1999-spring');
    expect(unknown).toMatchObject({ code: 1, stderr: 'there is no issue "1999-spring"\n' });
    expect((await run('send', 'x', '--edition', 'both')).code).toBe(2);
  });
});
