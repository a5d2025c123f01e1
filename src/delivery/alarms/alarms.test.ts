import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase, ENGINES } from '../../../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue, senderDeps } from '../../../test/support/delivery.js';
import { startSmtpSink, type SmtpSink } from '../../../test/support/smtp-sink.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { createMailTransport } from '../../mail/transport.js';
import { workOnce } from '../../worker.js';
import { createSend, getDelivery } from '../engine/deliveries.service.js';
import { runDelivery, type SenderDeps } from '../engine/sender.js';
import { DEFAULT_ALARM_SETTINGS, parseAlarm, type AlarmSettings } from './alarm.js';
import { checkAlarms, type AlarmChange } from './alarms.service.js';

// Alarms of a sending delivery, checked by the worker on its loop with the test's clock (no
// sleeping for minutes): stalled (no message accepted for SEND_ALARM_STALL_MINUTES), failing or
// deferring (a share of the window's replies above its threshold, over at least a minimum of
// replies). Raised once per incident, with one email per active owner and admin in their
// language through the jobs queue; cleared when the condition ends; a new incident alarms again.

const MINUTE = 60_000;

/** A clock the test moves by hand. */
function handClock(start: string): Clock & { advance(ms: number): void } {
  let at = Date.parse(start);
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

async function seedStaff(db: Database): Promise<void> {
  const now = '2026-11-01T00:00:00.000Z';
  const people = [
    { email: 'owner@example.org', name: 'Olga', role: 'owner', language: 'de', active: 1 },
    { email: 'admin@example.org', name: 'Ai', role: 'admin', language: 'zh', active: 1 },
    { email: 'admin2@example.org', name: '', role: 'admin', language: 'en', active: 1 },
    { email: 'gone@example.org', name: 'Gone', role: 'admin', language: 'en', active: 0 },
    { email: 'editor@example.org', name: 'Ed', role: 'editor', language: 'en', active: 1 },
    { email: 'contrib@example.org', name: 'Co', role: 'contributor', language: 'en', active: 1 },
  ] as const;
  for (const person of people) await db.insertInto('staff').values({ ...person, email_key: person.email, created_at: now, updated_at: now }).execute();
}

async function alarmMails(db: Database): Promise<{ to: string; subject: string; text: string; language: string }[]> {
  const jobs = await db.selectFrom('jobs').select(['payload']).where('kind', '=', 'mail').orderBy('id').execute();
  return jobs
    .map((job) => JSON.parse(job.payload) as { to: string; subject: string; text: string; headers: Record<string, string> })
    .filter((mail) => /#\d+/.test(mail.subject))
    .map((mail) => ({ to: mail.to, subject: mail.subject, text: mail.text, language: mail.headers['Content-Language'] ?? '' }));
}

describe.each(ENGINES)('delivery alarms [%s]', (engine) => {
  let db: Database;
  let sink: SmtpSink;
  let year = 2050;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
    sink = await startSmtpSink();
    await seedStaff(db);
  }, 60_000);
  afterAll(async () => {
    await sink.close();
    await destroyTestDatabase(db);
  });

  /** A real send to `count` new members (only them), started at the clock's time; and a sender on that clock. */
  async function newSend(clock: Clock, count: number, alarms: Partial<AlarmSettings> = {}, retryBaseMs = 30): Promise<{ id: number; addresses: string[]; deps: SenderDeps; mine: () => Promise<AlarmChange[]> }> {
    await db.updateTable('contacts').set({ subscribed: 0 }).execute();
    const prefix = `a${year}`;
    const slug = await seedIssue(db, year++, 'spring');
    const { members } = await seedContacts(db, { members: count, subscribers: 0, prefix });
    const delivery = await createSend(deliveryEnv(db, clock), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR });
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: '/nonexistent', concurrency: 2, dkim: undefined });
    const base = senderDeps(db, transport, { concurrency: 2, retryBaseMs, alarms: { ...DEFAULT_ALARM_SETTINGS, ...alarms } });
    const deps = { ...base, clock };
    // The check looks at every delivery; a test looks at what it did to its own.
    const mine = async () => (await checkAlarms(deps)).filter((change) => change.deliveryId === delivery.id);
    return { id: delivery.id, addresses: members, deps, mine };
  }

  it('stall: no alarm before SEND_ALARM_STALL_MINUTES, then one (worker loop), emailed once to owners and admins in their language; progress clears it, a new stall alarms again', async () => {
    const clock = handClock('2026-12-05T08:00:00.000Z');
    // Retries wait an hour: the rows the sink refuses for now are not due again within the test's minutes.
    const { id, addresses, deps, mine } = await newSend(clock, 6, { stallMs: 15 * MINUTE, minMessages: 1000 }, 3600_000);
    const before = (await alarmMails(db)).length;
    const logs: string[] = [];
    sink.rcptReply = () => ({ code: 450, message: '4.2.1 mailbox busy, try later' });
    try {
      await runDelivery(deps, id, { waitForRetries: false });
    } finally {
      sink.rcptReply = null;
    }

    clock.advance(14 * MINUTE + 59_000);
    expect(await mine()).toEqual([]);
    clock.advance(1000);
    // The worker checks on its loop (nothing is due to send: every row waits for its retry).
    await workOnce({ sender: deps, log: (line) => logs.push(line) }, 'alarm-worker');
    const raised = await getDelivery(db, id);
    expect(parseAlarm(raised.alarm)).toEqual({ kind: 'stalled', minutes: 15 });
    expect(raised.alarmAt).toBe('2026-12-05T08:15:00.000Z');
    expect(logs.some((line) => line.includes(`delivery #${id}: ALARM: no message went out for 15 minutes`))).toBe(true);

    const mails = (await alarmMails(db)).slice(before);
    expect(mails.map((mail) => mail.to).sort()).toEqual(['admin2@example.org', 'admin@example.org', 'owner@example.org']);
    const byTo = new Map(mails.map((mail) => [mail.to, mail]));
    expect(byTo.get('owner@example.org')).toMatchObject({ language: 'de', subject: `Versand #${id} erfordert Aufmerksamkeit: seit 15 Minuten ging keine Nachricht hinaus` });
    expect(byTo.get('owner@example.org')!.text).toContain('Guten Tag Olga');
    expect(byTo.get('owner@example.org')!.text).toContain('vollständige Ausgabe');
    expect(byTo.get('owner@example.org')!.text).toContain(`/admin/deliveries/${id}`);
    expect(byTo.get('admin@example.org')).toMatchObject({ language: 'zh-Hans', subject: `发送 #${id} 需要处理：已有 15 分钟没有发出任何邮件` });
    expect(byTo.get('admin2@example.org')).toMatchObject({ language: 'en', subject: `Delivery #${id} needs attention: no message went out for 15 minutes` });
    expect(byTo.get('admin2@example.org')!.text).toContain('0 of 6 sent so far, 6 left');
    const activity = await db.selectFrom('activity').select(['action', 'actor_type', 'detail']).where('action', '=', 'delivery.alarm').where('subject_id', '=', id).execute();
    expect(activity).toEqual([{ action: 'delivery.alarm', actor_type: 'system', detail: 'no message went out for 15 minutes' }]);

    // Once per incident: later checks, even two at once, mail nobody again.
    clock.advance(5 * MINUTE);
    await Promise.all([checkAlarms(deps), checkAlarms(deps)]);
    expect((await alarmMails(db)).length - before).toBe(3);
    expect(parseAlarm((await getDelivery(db, id)).alarm)).toEqual({ kind: 'stalled', minutes: 20 });

    // Progress: the retries are due; two messages go out, the rest wait again: the incident ends.
    clock.advance(2 * 3600_000);
    const accepted = new Set(addresses.slice(0, 2));
    sink.rcptReply = (address) => (accepted.has(address) ? null : { code: 450, message: '4.2.1 mailbox busy, try later' });
    try {
      await runDelivery(deps, id, { waitForRetries: false });
    } finally {
      sink.rcptReply = null;
    }
    expect(await mine()).toEqual([{ deliveryId: id, change: 'cleared', alarm: null }]);
    expect((await getDelivery(db, id)).alarm).toBeNull();

    // A new incident: 15 minutes more without a message alarms, and mails, again.
    clock.advance(15 * MINUTE);
    expect(await mine()).toEqual([{ deliveryId: id, change: 'raised', alarm: { kind: 'stalled', minutes: 15 } }]);
    expect((await alarmMails(db)).length - before).toBe(6);
    expect((await alarmMails(db)).slice(before + 3).find((mail) => mail.to === 'admin2@example.org')!.text).toContain('2 of 6 sent so far, 4 left');
  });

  it('failure rate: 1 failure of 2 trips nothing (below the minimum sample); 8 of 30 (27% > 10%) alarms; done clears it', async () => {
    const small = handClock('2026-12-05T09:00:00.000Z');
    const few = await newSend(small, 2, { minMessages: 20, failurePercent: 10 });
    sink.rcptReply = (address) => (address === few.addresses[0] ? { code: 550, message: '5.7.1 refused by policy' } : null);
    try {
      expect(await runDelivery(few.deps, few.id, { waitForRetries: false })).toBe('done');
    } finally {
      sink.rcptReply = null;
    }
    expect(await few.mine()).toEqual([]);

    const clock = handClock('2026-12-05T10:00:00.000Z');
    const { id, addresses, deps, mine } = await newSend(clock, 30, { minMessages: 20, failurePercent: 10 });
    const refused = new Set(addresses.slice(0, 8));
    const before = (await alarmMails(db)).length;
    sink.rcptReply = (address) => (refused.has(address) ? { code: 550, message: '5.7.1 refused by policy' } : null);
    // Stop before the end, so the delivery is still sending: the last two rows wait for a retry.
    const later = new Set(addresses.slice(28));
    const reply = sink.rcptReply;
    sink.rcptReply = (address) => (later.has(address) ? { code: 450, message: '4.2.1 busy' } : reply(address));
    try {
      await runDelivery(deps, id, { waitForRetries: false });
    } finally {
      sink.rcptReply = null;
    }
    const counts = await db.selectFrom('delivery_domain_minutes').select(['domain', 'minute', 'accepted', 'deferred', 'failed']).where('delivery_id', '=', id).execute();
    expect(counts.map((row) => ({ ...row, accepted: Number(row.accepted), deferred: Number(row.deferred), failed: Number(row.failed) }))).toEqual([{ domain: 'members.test', minute: '2026-12-05T10:00', accepted: 20, deferred: 2, failed: 8 }]);
    expect(await mine()).toEqual([{ deliveryId: id, change: 'raised', alarm: { kind: 'failing', percent: 27, count: 30 } }]);
    expect((await alarmMails(db)).slice(before).map((mail) => mail.subject)).toContain(`Delivery #${id} needs attention: 27% of the last 30 messages failed`);

    // The last rows go out: the delivery is done, the alarm ends.
    clock.advance(MINUTE);
    expect(await runDelivery(deps, id, { waitForRetries: false })).toBe('done');
    expect(await mine()).toEqual([{ deliveryId: id, change: 'cleared', alarm: null }]);
  });

  it('deferral rate: 25 of 50 refused for now (50% > 30%) alarms; the rate is judged over the window only, so 25 accepted later clear it', async () => {
    const clock = handClock('2026-12-05T11:00:00.000Z');
    const { id, addresses, deps, mine } = await newSend(clock, 50, { minMessages: 20, deferralPercent: 30, windowMs: 15 * MINUTE });
    const deferred = new Set(addresses.filter((_, index) => index % 2 === 0));
    sink.rcptReply = (address) => (deferred.has(address) ? { code: 450, message: '4.2.1 mailbox busy, try later' } : null);
    try {
      await runDelivery(deps, id, { waitForRetries: false });
    } finally {
      sink.rcptReply = null;
    }
    expect(await mine()).toEqual([{ deliveryId: id, change: 'raised', alarm: { kind: 'deferring', percent: 50, count: 50 } }]);
    expect((await getDelivery(db, id)).status).toBe('sending');

    // Sixteen minutes on, the deferred rows are accepted: in the window, 25 replies, none refused.
    clock.advance(16 * MINUTE);
    expect(await runDelivery(deps, id, { waitForRetries: false })).toBe('done');
    // Still sending would also clear it; here it is done, which ends every incident.
    expect((await mine()).map((change) => change.change)).toEqual(['cleared']);
  });

  it('a rate alarm stays while too few replies say otherwise, and clears once enough do', async () => {
    const clock = handClock('2026-12-05T12:00:00.000Z');
    const { id, addresses, deps, mine } = await newSend(clock, 60, { minMessages: 20, deferralPercent: 30, windowMs: 10 * MINUTE, stallMs: 120 * MINUTE });
    const first = new Set(addresses.slice(0, 30));
    // The first 30: 20 refused for now, 10 accepted; the other 30 wait (refused for now too, but later).
    sink.rcptReply = (address) => (!first.has(address) || addresses.indexOf(address) < 20 ? { code: 450, message: '4.2.1 busy' } : null);
    try {
      await runDelivery(deps, id, { waitForRetries: false });
    } finally {
      sink.rcptReply = null;
    }
    const raised = await mine();
    expect(raised.map((change) => [change.change, change.alarm?.kind])).toEqual([['raised', 'deferring']]);

    // Eleven minutes on, the window is empty: too few replies to judge, the alarm stays.
    clock.advance(11 * MINUTE);
    expect(await mine()).toEqual([]);
    expect(parseAlarm((await getDelivery(db, id)).alarm)?.kind).toBe('deferring');

    // Everything left is accepted now: 50 replies in the window, none refused.
    expect(await runDelivery(deps, id, { waitForRetries: false })).toBe('done');
    await db.updateTable('deliveries').set({ status: 'sending' }).where('id', '=', id).execute();
    expect(await mine()).toEqual([{ deliveryId: id, change: 'cleared', alarm: null }]);
    await db.updateTable('deliveries').set({ status: 'done' }).where('id', '=', id).execute();
  });
});
