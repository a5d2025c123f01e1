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
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { createSegment } from '../audiences/segments.service.js';
import { systemClock } from '../lib/clock.js';

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
    expect(first.stdout).toMatch(
      new RegExp(`^${slug} full, everyone of the edition: 3 new recipient\\(s\\)\\n${slug} teaser, everyone of the edition: 4 new recipient\\(s\\)\\n${slug} full \\(delivery #\\d+\\): 3 recipients, 3 sent, 0 failed, 0 bounced, 0 left\\n${slug} teaser \\(delivery #\\d+\\): 4 recipients, 4 sent, 0 failed, 0 bounced, 0 left\\n$`),
    );
    expect(sink.messages.flatMap((m) => m.to).sort()).toEqual([...people.members, ...people.subscribers].sort());
    const again = await run('send', slug, '--edition', 'teaser');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('4 sent');
    expect(again.stdout).toMatch(/teaser, everyone of the edition: 0 new recipient\(s\) \(delivery #\d+ is done/);
    expect(sink.messages).toHaveLength(7);
  });

  it('--segment sends only to the segment, never prompts, prints the counts; an empty or unknown segment exits 1', async () => {
    const slug = await seedIssue(db, 2027, 'winter');
    await seedContacts(db, { members: 2, subscribers: 2, prefix: 'seg', languages: ['de', 'en'] });
    await createSegment(db, systemClock, { name: 'German', slug: 'german', filter: { languages: ['de'] } }, SYSTEM_ACTOR);
    await createSegment(db, systemClock, { name: 'Chinese', slug: 'chinese', filter: { languages: ['zh'] } }, SYSTEM_ACTOR);
    const before = sink.messages.length;
    const german = await run('send', slug, '--segment', 'german');
    expect(german.code, german.stderr).toBe(0);
    // The earlier issue's German readers (cli-*) are English: only the seg-* Germans, one per edition.
    expect(german.stdout).toContain(`${slug} full, segment german: 1 new recipient(s)`);
    expect(german.stdout).toContain(`${slug} teaser, segment german: 1 new recipient(s)`);
    expect(german.stdout).toMatch(/full \(segment german\) \(delivery #\d+\): 1 recipients, 1 sent/);
    expect(sink.messages.slice(before).flatMap((m) => m.to).sort()).toEqual(['seg-member-0@members.test', 'seg-reader-0@public.test']);
    // Everyone after that: the others only (the first test's three members and seg-member-1).
    const rest = await run('send', slug, '--edition', 'full');
    expect(rest.stdout).toContain(`${slug} full, everyone of the edition: 4 new recipient(s)`);
    const reached = sink.messages.slice(before).flatMap((m) => m.to);
    expect(reached).toHaveLength(6);
    expect(new Set(reached).size).toBe(6);

    const empty = await run('send', slug, '--segment', 'chinese');
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain(`${slug} full, segment chinese: 0 new recipient(s)`);
    expect(empty.stderr).toContain('segment "chinese" reaches nobody');
    const unknown = await run('send', slug, '--segment', 'nope');
    expect(unknown).toMatchObject({ code: 1, stderr: 'there is no segment "nope"\n' });
    expect(sink.messages.slice(before)).toHaveLength(6);
  });

  it('exits 1 with one line for an unknown issue, 2 for a bad edition', async () => {
    const unknown = await run('send', '1999-spring');
    expect(unknown).toMatchObject({ code: 1, stderr: 'there is no issue "1999-spring"\n' });
    expect((await run('send', 'x', '--edition', 'both')).code).toBe(2);
  });
});
