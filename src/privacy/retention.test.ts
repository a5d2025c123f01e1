import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createTestApp, destroyTestApp } from '../../test/support/app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue, senderDeps } from '../../test/support/delivery.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { createSend } from '../delivery/engine/deliveries.service.js';
import { runDelivery } from '../delivery/engine/sender.js';
import { fixedClock, type Clock } from '../lib/clock.js';
import { createMailTransport, type MailTransport } from '../mail/transport.js';
import { DEFAULT_RETENTION } from '../settings/settings.js';
import { purgeExpired } from './retention.service.js';

// The retention purge on both engines: a real send through the real sender (to the outbox),
// then the app's one clock moved past the ages: old details go, young ones stay, a delivered
// row's tombstone stops a resumed send from mailing the person again, consent rows keep their
// evidence, and a second run finds nothing.

const DAY = 86_400_000;
const settings = { retention: { ...DEFAULT_RETENTION } };

forEachDialect('retention purge', ({ db }) => {
  let outbox: string;
  let transport: MailTransport;
  let offset = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offset) };
  const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
  beforeAll(() => {
    outbox = mkdtempSync(join(tmpdir(), 'insights-retention-'));
    transport = createMailTransport({ smtpUrl: undefined, outboxDir: outbox, concurrency: 2, dkim: undefined });
  });
  afterAll(() => {
    transport.close();
    rmSync(outbox, { recursive: true, force: true });
  });
  const count = (report: Awaited<ReturnType<typeof purgeExpired>>, rule: string) => report.counts.find((entry) => entry.rule === rule)?.count;

  afterEach(() => {
    offset = 0;
  });

  it('keeps young rows, purges old ones, and a tombstone stops a resumed send from re-sending', async () => {
    const slug = await seedIssue(db());
    const people = await seedContacts(db(), { members: 3, subscribers: 0, prefix: 'keep' });
    const delivery = await createSend(deliveryEnv(db()), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR });
    expect(await runDelivery(senderDeps(db(), transport), delivery.id)).toBe('done');
    expect(readdirSync(outbox)).toHaveLength(3);

    // Ten days on, nothing of the send is old enough.
    offset = 10 * DAY;
    const young = await purgeExpired(db(), clock, settings);
    expect(count(young, 'delivery-snapshots')).toBe(0);
    expect(count(young, 'delivery-errors')).toBe(0);

    // The send is interrupted for the last person (their row back to queued, as after a crash),
    // and a year and more passes.
    const rows = await db().selectFrom('delivery_recipients').select(['id', 'email_key', 'contact_id']).where('delivery_id', '=', delivery.id).orderBy('id').execute();
    const pending = rows[2]!;
    await db().updateTable('delivery_recipients').set({ state: 'queued', sent_at: null }).where('id', '=', pending.id).execute();
    await db().updateTable('deliveries').set({ status: 'sending', finished_at: null }).where('id', '=', delivery.id).execute();
    await db().updateTable('delivery_recipients').set({ last_error: '421 try later' }).where('id', '=', rows[0]!.id).execute();
    offset = 400 * DAY;
    const old = await purgeExpired(db(), clock, settings);
    expect(count(old, 'delivery-snapshots')).toBe(2);
    expect(count(old, 'delivery-errors')).toBe(1);

    const after = await db().selectFrom('delivery_recipients').select(['id', 'email', 'email_key', 'name', 'contact_id', 'state', 'last_error']).where('delivery_id', '=', delivery.id).orderBy('id').execute();
    expect(after.slice(0, 2)).toEqual(rows.slice(0, 2).map((row) => ({ id: row.id, email: `erased:${row.id}`, email_key: `erased:${row.id}`, name: '', contact_id: row.contact_id, state: 'sent', last_error: null })));
    // The queued row is untouched.
    expect(after[2]).toMatchObject({ email_key: pending.email_key, state: 'queued' });
    for (const address of people.members.slice(0, 2)) expect(JSON.stringify(after)).not.toContain(address);

    // The send resumes: only the queued person gets mail.
    expect(await runDelivery(senderDeps(db(), transport), delivery.id)).toBe('done');
    expect(readdirSync(outbox)).toHaveLength(4);
    const states = await db().selectFrom('delivery_recipients').select('state').where('delivery_id', '=', delivery.id).execute();
    expect(states.map((row) => row.state)).toEqual(['sent', 'sent', 'sent']);

    // The resumed row was sent by the real clock, a year before the moved one: the next run makes it
    // a tombstone too, and a run after that finds nothing. Each run that purged wrote one entry,
    // with counts and no address.
    expect(count(await purgeExpired(db(), clock, settings), 'delivery-snapshots')).toBe(1);
    expect((await purgeExpired(db(), clock, settings)).counts.every((entry) => entry.count === 0)).toBe(true);
    const entries = await db().selectFrom('activity').select(['detail']).where('action', '=', 'retention.purge').orderBy('id').execute();
    expect(entries).toHaveLength(2);
    expect(entries[0]!.detail).toContain('delivery-snapshots 2');
    for (const entry of entries) expect(entry.detail).not.toContain('@');
    expect(JSON.stringify(await db().selectFrom('delivery_recipients').selectAll().execute())).not.toContain(people.members[2]!);
  });

  it('a send re-run after a cancel skips contacts whose delivered rows are tombstones', async () => {
    const slug = await seedIssue(db(), 2025, 'spring');
    await seedContacts(db(), { members: 2, subscribers: 0, prefix: 'rerun' });
    const first = await createSend(deliveryEnv(db()), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR });
    const before = readdirSync(outbox).length;
    expect(await runDelivery(senderDeps(db(), transport), first.id)).toBe('done');
    const mailed = readdirSync(outbox).length - before;
    expect(mailed).toBeGreaterThanOrEqual(2);
    // The send was cancelled (after everyone was mailed), and a year and more passes.
    await db().updateTable('deliveries').set({ status: 'cancelled' }).where('id', '=', first.id).execute();
    offset = 400 * DAY;
    const report = await purgeExpired(db(), clock, settings);
    expect(count(report, 'delivery-snapshots')).toBe(mailed);

    const again = await createSend(deliveryEnv(db()), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR });
    // Its audience is empty (nothing to compile or send); the sender finds nothing to do.
    await runDelivery(senderDeps(db(), transport), again.id);
    expect(await db().selectFrom('delivery_recipients').select('id').where('delivery_id', '=', again.id).execute()).toEqual([]);
    expect(readdirSync(outbox).length - before).toBe(mailed);
  });

  it('deletes old rate-limit rows and finished jobs, keeps young ones and waiting jobs; a dry run changes nothing', async () => {
    await db().insertInto('rate_limits').values([{ key: 'rl-old', window_start: ago(3), count: 4 }, { key: 'rl-young', window_start: ago(1), count: 2 }]).execute();
    const job = (state: 'done' | 'failed' | 'queued', days: number) => ({ kind: 'mail', payload: '{"to":"old@example.test"}', state, run_at: ago(days), lease_until: null, last_error: null, created_at: ago(days), updated_at: ago(days) });
    await db().insertInto('jobs').values([job('done', 100), job('failed', 100), job('queued', 100), job('done', 5)]).execute();

    const dry = await purgeExpired(db(), clock, settings, { dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(count(dry, 'rate-limits')).toBe(1);
    expect(count(dry, 'finished-jobs')).toBe(2);
    expect((await db().selectFrom('rate_limits').select('key').where('key', 'like', 'rl-%').execute())).toHaveLength(2);

    const report = await purgeExpired(db(), clock, settings, { batch: 1 });
    expect(count(report, 'rate-limits')).toBe(1);
    expect(count(report, 'finished-jobs')).toBe(2);
    expect((await db().selectFrom('rate_limits').select('key').where('key', 'like', 'rl-%').execute()).map((row) => row.key)).toEqual(['rl-young']);
    const jobs = await db().selectFrom('jobs').select(['state', 'updated_at']).where('kind', '=', 'mail').orderBy('id').execute();
    expect(jobs.map((row) => row.state)).toEqual(['queued', 'done']);
  });

  it('runs in the web process\'s own job loop, which claims the hourly turn', async () => {
    await db().insertInto('rate_limits').values({ key: 'rl-web', window_start: '2026-11-20T00:00:00.000Z', count: 1 }).execute();
    const app = await createTestApp(db(), { clock: fixedClock('2026-11-28T12:00:00Z') });
    try {
      await app.jobs.drain();
      expect(await db().selectFrom('rate_limits').select('key').where('key', '=', 'rl-web').execute()).toEqual([]);
      const task = await db().selectFrom('periodic_tasks').selectAll().where('name', '=', 'retention.purge').executeTakeFirstOrThrow();
      expect(task.next_run_at).toBe('2026-11-28T13:00:00.000Z');
    } finally {
      await destroyTestApp(app);
    }
  });

  it('clears an old consent row\'s user agent and keeps its purpose, action, time, wording and IP', async () => {
    const at = ago(40);
    await db().insertInto('consent_wordings').values({ id: 'retention-test-wording', purpose: 'newsletter', language: 'en', text: 'Yes, send me the newsletter.', created_at: at }).execute();
    const row = (occurred: string) => ({ contact_id: null, subject_hash: 'h', purpose: 'newsletter' as const, action: 'confirmed' as const, occurred_at: occurred, source_kind: 'form' as const, source: '/subscribe', wording_id: 'retention-test-wording', subject_ref: null, ip: '198.51.100.7', user_agent: 'Mozilla/5.0 Test' });
    await db().insertInto('consent_events').values([row(at), row(ago(2))]).execute();

    const report = await purgeExpired(db(), clock, settings);
    expect(count(report, 'consent-user-agents')).toBe(1);
    const rows = await db().selectFrom('consent_events').select(['purpose', 'action', 'occurred_at', 'wording_id', 'source', 'ip', 'user_agent']).where('wording_id', '=', 'retention-test-wording').orderBy('occurred_at').execute();
    expect(rows).toEqual([
      { purpose: 'newsletter', action: 'confirmed', occurred_at: at, wording_id: 'retention-test-wording', source: '/subscribe', ip: '198.51.100.7', user_agent: null },
      { purpose: 'newsletter', action: 'confirmed', occurred_at: rows[1]!.occurred_at, wording_id: 'retention-test-wording', source: '/subscribe', ip: '198.51.100.7', user_agent: 'Mozilla/5.0 Test' },
    ]);
  });
});

it('every purge rule names a table and columns of the personal-data registry', async () => {
  const { PERSONAL_TABLES, RETENTION_RULES } = await import('./personal-data.js');
  for (const rule of RETENTION_RULES) {
    const entry = PERSONAL_TABLES.find((table) => table.table === rule.table);
    expect(entry, rule.name).toBeDefined();
    if (rule.action.action === 'clear') for (const column of Object.keys(rule.action.set)) expect(entry!.personal, `${rule.name}: ${column}`).toContain(column);
  }
});
