import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase, enginesFor } from '../../../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue, senderDeps } from '../../../test/support/delivery.js';
import { startSmtpSink } from '../../../test/support/smtp-sink.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import type { Database } from '../../db/database.js';
import { systemClock } from '../../lib/clock.js';
import { Conflict } from '../../lib/errors.js';
import { createMailTransport, type MailTransport } from '../../mail/transport.js';
import { beginDelivery, changeDelivery, createSend, createTestSend, getDelivery, getDeliveryCounts, retryFailed, startDueDeliveries } from './deliveries.service.js';
import { findDelivery, insertDelivery } from './deliveries.queries.js';
import { markSent } from './recipients.queries.js';
import { runDelivery } from './sender.js';

// The steering of deliveries, fast: test sends, one send per edition, schedules that cannot
// start, re-runs after a cancel, and what the sender does when the server refuses *us*.

async function onlySubscribers(db: Database, count: number, prefix: string) {
  await db.updateTable('contacts').set({ subscribed: 0 }).execute();
  return (await seedContacts(db, { members: 0, subscribers: count, prefix })).subscribers;
}

async function ledgerEmails(db: Database, deliveryId: number): Promise<string[]> {
  const rows = await db.selectFrom('delivery_recipients').select('email').where('delivery_id', '=', deliveryId).orderBy('email').execute();
  return rows.map((row) => row.email);
}

describe.each(enginesFor('deliveries'))('deliveries [%s]', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
  }, 60_000);
  afterAll(async () => {
    await destroyTestDatabase(db);
  });

  it('a test send is written already sending with its own addresses; a worker never starts it with the audience', async () => {
    const slug = await seedIssue(db, 2030, 'spring');
    await onlySubscribers(db, 4, 'tst');
    const test = await createTestSend(deliveryEnv(db), { slug, edition: 'teaser', addresses: ['editor@example.test'], actor: SYSTEM_ACTOR });
    expect(test.status).toBe('sending');
    expect(await ledgerEmails(db, test.id)).toEqual(['editor@example.test']);

    // The state the old code left between its two transactions: a test delivery, scheduled, due.
    const issue = await db.selectFrom('issues').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const stranded = await insertDelivery(db, { issueId: issue.id, edition: 'teaser', kind: 'test', status: 'scheduled', scheduledAt: now, createdBy: 'x', now });
    expect(await startDueDeliveries(deliveryEnv(db))).toEqual([]);
    await expect(beginDelivery(deliveryEnv(db), stranded)).rejects.toBeInstanceOf(Conflict);
    expect(await ledgerEmails(db, stranded)).toEqual([]);
  });

  it('a draft issue may be test-sent (editors proofread before publishing), never sent to the audience', async () => {
    const slug = await seedIssue(db, 2030, 'summer');
    await db.updateTable('issues').set({ status: 'draft' }).where('slug', '=', slug).execute();
    const test = await createTestSend(deliveryEnv(db), { slug, edition: 'full', addresses: ['editor@example.test'], actor: SYSTEM_ACTOR });
    expect(test.kind).toBe('test');
    expect(await ledgerEmails(db, test.id)).toEqual(['editor@example.test']);
    await expect(createSend(deliveryEnv(db), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR })).rejects.toBeInstanceOf(Conflict);
    const sends = await db.selectFrom('deliveries').innerJoin('issues', 'issues.id', 'deliveries.issue_id').select('deliveries.id').where('issues.slug', '=', slug).where('deliveries.kind', '=', 'send').execute();
    expect(sends).toEqual([]);
  });

  it('one real send per issue × edition: the database refuses a second, and two racing createSend make one delivery', async () => {
    const slug = await seedIssue(db, 2030, 'fall');
    const issue = await db.selectFrom('issues').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const row = { issueId: issue.id, edition: 'full' as const, kind: 'send' as const, status: 'scheduled' as const, scheduledAt: now, createdBy: 'x', now };
    const first = await insertDelivery(db, row);
    const error = await insertDelivery(db, row).then(() => undefined, (e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    await db.updateTable('deliveries').set({ status: 'cancelled' }).where('id', '=', first).execute();

    const later = new Date(Date.now() + 86_400_000).toISOString();
    const results = await Promise.allSettled([0, 1].map(() => createSend(deliveryEnv(db), { slug, edition: 'full', scheduledAt: later, actor: SYSTEM_ACTOR })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(Conflict);
    const open = await db.selectFrom('deliveries').select('id').where('issue_id', '=', issue.id).where('edition', '=', 'full').where('status', '<>', 'cancelled').execute();
    expect(open).toHaveLength(1);
  });

  it('a scheduled delivery that cannot start is paused with the reason; the others still start; resume puts it back to scheduled', async () => {
    const good = await seedIssue(db, 2031, 'spring');
    const bad = await seedIssue(db, 2031, 'summer');
    await onlySubscribers(db, 2, 'due');
    const past = new Date(Date.now() - 60_000).toISOString();
    const badSend = await createSend(deliveryEnv(db), { slug: bad, edition: 'teaser', scheduledAt: past, actor: SYSTEM_ACTOR });
    const goodSend = await createSend(deliveryEnv(db), { slug: good, edition: 'teaser', scheduledAt: past, actor: SYSTEM_ACTOR });
    await db.updateTable('issues').set({ status: 'draft' }).where('slug', '=', bad).execute();

    const logged: string[] = [];
    const started = await startDueDeliveries(deliveryEnv(db), (message) => logged.push(message));
    expect(started).toContain(goodSend.id);
    expect(started).not.toContain(badSend.id);
    const paused = await getDelivery(db, badSend.id);
    expect(paused).toMatchObject({ status: 'paused', problem: expect.stringMatching(/could not start: .*draft/) });
    expect(logged.join('\n')).toContain(`delivery #${badSend.id} could not start`);
    expect((await getDelivery(db, goodSend.id)).status).toBe('sending');

    const resumed = await changeDelivery(db, systemClock, badSend.id, 'resume', SYSTEM_ACTOR);
    expect(resumed).toMatchObject({ status: 'scheduled', problem: null });
  });

  it('a send after a cancelled one leaves out every address the cancelled one already delivered to', async () => {
    const slug = await seedIssue(db, 2031, 'fall');
    const people = await onlySubscribers(db, 4, 'rerun');
    const first = await createSend(deliveryEnv(db), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR });
    const rows = await db.selectFrom('delivery_recipients').select(['id', 'email']).where('delivery_id', '=', first.id).orderBy('email').execute();
    expect(rows.map((r) => r.email)).toEqual([...people].sort());
    const now = new Date().toISOString();
    for (const row of rows.slice(0, 2)) await markSent(db, row.id, now);
    await changeDelivery(db, systemClock, first.id, 'cancel', SYSTEM_ACTOR);

    const second = await createSend(deliveryEnv(db), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR });
    expect(await ledgerEmails(db, second.id)).toEqual(rows.slice(2).map((r) => r.email));
  });
});

describe('the sender when something other than a recipient fails [sqlite]', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
  }, 60_000);
  afterAll(async () => {
    await destroyTestDatabase(db);
  });

  it('a refused envelope sender (550 5.1.0 at MAIL FROM) suppresses nobody, fails no row and pauses the delivery with the reason', async () => {
    const slug = await seedIssue(db, 2032, 'spring');
    await onlySubscribers(db, 5, 'mailfrom');
    const sink = await startSmtpSink({ rejectMailFrom: { code: 550, message: '5.1.0 <bounces+1x00@insights.test>: Sender address rejected' } });
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: 2, dkim: undefined });
    try {
      const delivery = await createSend(deliveryEnv(db), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR });
      expect(await runDelivery(senderDeps(db, transport, { concurrency: 2 }), delivery.id)).toBe('paused');
      expect(sink.mailFromRejections).toBeGreaterThan(0);
      expect(await getDeliveryCounts(db, delivery.id)).toMatchObject({ total: 5, failed: 0, sent: 0, queued: 5 });
      expect(await db.selectFrom('suppressions').selectAll().execute()).toEqual([]);
      expect(await db.selectFrom('delivery_events').selectAll().execute()).toEqual([]);
      const attempts = await db.selectFrom('delivery_recipients').select('attempts').where('delivery_id', '=', delivery.id).execute();
      expect(attempts.every((row) => row.attempts === 0)).toBe(true);
      expect((await findDelivery(db, delivery.id))?.problem).toMatch(/Sender address rejected/);
    } finally {
      transport.close();
      await sink.close();
    }
  });

  it('when one slot throws, the other slots stop claiming before runDelivery rethrows', async () => {
    const slug = await seedIssue(db, 2032, 'summer');
    await onlySubscribers(db, 40, 'slots');
    let sends = 0;
    const transport: MailTransport = {
      describe: 'breaks on the third message',
      outboxDir: null,
      send: async () => {
        sends++;
        if (sends === 3) throw new Error('ENOSPC: no space left on device');
        await new Promise((resolve) => setTimeout(resolve, 10));
        return { ok: true, response: '250 ok' };
      },
      close: () => undefined,
    };
    const delivery = await createSend(deliveryEnv(db), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR });
    await expect(runDelivery(senderDeps(db, transport, { concurrency: 3 }), delivery.id)).rejects.toThrow(/ENOSPC/);
    const atReturn = sends;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sends).toBe(atReturn);
    expect(sends).toBeLessThan(10);
  });
});

describe('unsubscribes and suppressions during a send [sqlite]', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
  }, 60_000);
  afterAll(async () => {
    await destroyTestDatabase(db);
  });

  it('rows of contacts who unsubscribed or addresses suppressed after the audience was taken are skipped, counted, and never requeued', async () => {
    const slug = await seedIssue(db, 2034, 'spring');
    const people = await onlySubscribers(db, 6, 'mid');
    const [unsubscribed, suppressed, failedThenGone] = people;
    const delivery = await createSend(deliveryEnv(db), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR });
    const now = new Date().toISOString();
    await db.updateTable('contacts').set({ subscribed: 0 }).where('email_key', 'in', [unsubscribed!, failedThenGone!]).execute();
    await db.insertInto('suppressions').values({ email_key: suppressed!, reason: 'manual', detail: null, created_at: now }).execute();
    await db.updateTable('delivery_recipients').set({ state: 'failed', last_error: '550 refused' }).where('email_key', '=', failedThenGone!).execute();
    expect(await retryFailed(db, systemClock, delivery.id, SYSTEM_ACTOR)).toBe(0);

    const sink = await startSmtpSink({ keepRaw: false });
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: 2, dkim: undefined });
    try {
      expect(await runDelivery(senderDeps(db, transport, { concurrency: 2 }), delivery.id)).toBe('done');
    } finally {
      transport.close();
      await sink.close();
    }
    expect(sink.messages.flatMap((m) => m.to).sort()).toEqual(people.slice(3).sort());
    expect(await getDeliveryCounts(db, delivery.id)).toMatchObject({ total: 6, sent: 3, failed: 1, skipped: 2, queued: 0 });
    const reasons = await db.selectFrom('delivery_recipients').select(['email', 'last_error']).where('state', '=', 'skipped').orderBy('email').execute();
    expect(reasons).toEqual([
      { email: unsubscribed, last_error: 'skipped: the contact unsubscribed during the send' },
      { email: suppressed, last_error: 'skipped: the address was suppressed during the send' },
    ].sort((a, b) => (a.email! < b.email! ? -1 : 1)));
  });
});
