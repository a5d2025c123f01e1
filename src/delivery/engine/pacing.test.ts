import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase, ENGINES } from '../../../test/support/databases.js';
import { deliveryEnv, seedIssue, senderDeps } from '../../../test/support/delivery.js';
import { startSmtpSink } from '../../../test/support/smtp-sink.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import type { Database } from '../../db/database.js';
import { loadConfig } from '../../config.js';
import { parseDomainLimits } from '../../lib/domain-limits.js';
import { Invalid } from '../../lib/errors.js';
import { emailKey } from '../../members/members.js';
import { createMailTransport } from '../../mail/transport.js';
import { createSend, getDeliveryCounts } from './deliveries.service.js';
import { findPaces } from './pacing.queries.js';
import { runDelivery } from './sender.js';

// Pacing per receiving domain against a real SMTP server on 127.0.0.1 that defers one domain
// (451 at RCPT TO) when it gets more than one message in 300 ms, after its first three, while
// it accepts the other domains at any speed: the other domains finish at full speed, the
// deferred one later, nobody is lost or sent twice, and the pace is in the database.

async function addSubscribers(db: Database, addresses: readonly string[]): Promise<void> {
  const now = '2026-11-01T00:00:00.000Z';
  await db.updateTable('contacts').set({ subscribed: 0 }).execute();
  await db
    .insertInto('contacts')
    .values(addresses.map((email, i) => ({ email, email_key: emailKey(email), name: `Reader ${i}`, company_id: null, language: 'en' as const, subscription_changed_at: null, created_at: now, updated_at: now })))
    .execute();
}

describe('parseDomainLimits', () => {
  it('reads domain=count/unit into messages per hour, and names what is malformed', () => {
    expect(parseDomainLimits('qq.com=4000/h, 163.com=1000/h,Exmail.QQ.com=2/s, slow.example=24/d')).toEqual(new Map([['qq.com', 4000], ['163.com', 1000], ['exmail.qq.com', 7200], ['slow.example', 1]]));
    expect(parseDomainLimits('')).toEqual(new Map());
    expect(() => parseDomainLimits('qq.com=fast')).toThrow(/"qq.com=fast" is not a limit like qq.com=4000\/h/);
    expect(() => parseDomainLimits('qq.com=0/h')).toThrow(/more than 0/);
    expect(() => parseDomainLimits('localhost=5/h')).toThrow(/not a limit/);
  });

  it('a malformed SEND_DOMAIN_LIMITS is a start-up error naming the variable; a good one is read per hour', () => {
    const dir = mkdtempSync(join(tmpdir(), 'insights-limits-'));
    expect(loadConfig({ DATA_DIR: dir, SEND_DOMAIN_LIMITS: 'qq.com=4000/h,163.com=1000/h' }).sendDomainLimits).toEqual(new Map([['qq.com', 4000], ['163.com', 1000]]));
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dir, SEND_DOMAIN_LIMITS: 'qq.com=lots' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).problems.map((problem) => problem.where)).toEqual(['SEND_DOMAIN_LIMITS']);
  });
});

describe.each(ENGINES)('pacing per receiving domain [%s]', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
  }, 60_000);
  afterAll(async () => {
    await destroyTestDatabase(db);
  });

  it('a domain that defers is slowed alone: the others finish at full speed, it finishes later, nobody is lost or sent twice', async () => {
    const slug = await seedIssue(db, 2042, 'spring');
    const fast = [...Array.from({ length: 40 }, (_, i) => `f${i}@fast.test`), ...Array.from({ length: 40 }, (_, i) => `o${i}@other.test`)];
    const slow = Array.from({ length: 8 }, (_, i) => `s${i}@slow.test`);
    await addSubscribers(db, [...slow.slice(0, 4), ...fast, ...slow.slice(4)]);
    const sink = await startSmtpSink({ keepRaw: false });
    let slowAccepted = 0;
    let lastSlow = 0;
    let slowDeferred = 0;
    sink.rcptReply = (address) => {
      if (!address.endsWith('@slow.test')) return null;
      const now = Date.now();
      if (slowAccepted >= 3 && now - lastSlow < 300) {
        slowDeferred++;
        return { code: 451, message: '4.7.1 Too many messages from your IP, slow down' };
      }
      slowAccepted++;
      lastSlow = now;
      return null;
    };
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: 4, dkim: undefined });
    try {
      const delivery = await createSend(deliveryEnv(db), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR });
      const started = Date.now();
      expect(await runDelivery(senderDeps(db, transport, { concurrency: 4, rate: 100_000, retryBaseMs: 20, domainBackoffMs: 200, maxAttempts: 5 }), delivery.id)).toBe('done');

      expect(slowDeferred).toBeGreaterThan(0);
      // Everybody once.
      const received = sink.messages.flatMap((message) => message.to).sort();
      expect(received).toEqual([...fast, ...slow].sort());
      expect(await getDeliveryCounts(db, delivery.id)).toMatchObject({ total: 88, sent: 88, failed: 0, queued: 0, sending: 0 });
      // The other domains were never deferred and finished first, at full speed.
      for (const address of fast) expect(sink.rcptAt.get(address), address).toHaveLength(1);
      const rows = await db.selectFrom('delivery_recipients').select(['email', 'domain', 'sent_at', 'attempts', 'deferrals']).where('delivery_id', '=', delivery.id).execute();
      const finished = (domain: string) => Math.max(...rows.filter((row) => row.domain === domain).map((row) => Date.parse(row.sent_at!)));
      expect(Math.max(finished('fast.test'), finished('other.test'))).toBeLessThan(finished('slow.test') - 1500);
      expect(Math.max(finished('fast.test'), finished('other.test')) - started).toBeLessThan(6000);
      // Pacing waits count no attempt: each attempt of a row is its one acceptance or one deferral.
      for (const row of rows) expect(row.attempts, row.email).toBe(row.deferrals + 1);
      expect(rows.filter((row) => row.domain === 'slow.test').some((row) => row.deferrals > 0)).toBe(true);
      // The pace is kept in the database (every sender shares it); only the deferring domain has one.
      const paces = await findPaces(db);
      expect(paces.map((pace) => pace.domain)).toEqual(['slow.test']);
      expect(paces[0]!.intervalMs).toBeGreaterThan(0);
      expect(paces[0]!.lastDeferral).toMatch(/451/);
    } finally {
      transport.close();
      await sink.close();
    }
  }, 90_000);

  it('a fixed limit spaces the domain out from the first message; other domains are not held back', async () => {
    await db.deleteFrom('send_domain_pace').execute();
    const slug = await seedIssue(db, 2042, 'summer');
    const limited = Array.from({ length: 4 }, (_, i) => `l${i}@limited.test`);
    const free = Array.from({ length: 30 }, (_, i) => `x${i}@free.test`);
    await addSubscribers(db, [...limited, ...free]);
    const sink = await startSmtpSink({ keepRaw: false });
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: 3, dkim: undefined });
    try {
      const delivery = await createSend(deliveryEnv(db), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR });
      // 7200 per hour: one every 500 ms.
      expect(await runDelivery(senderDeps(db, transport, { concurrency: 3, domainLimits: new Map([['limited.test', 7200]]) }), delivery.id)).toBe('done');
      const times = limited.map((address) => sink.rcptAt.get(address)![0]!).sort((a, b) => a - b);
      // Spaced at claim time; the server sees them with the jitter of the connections in between
      // (one message can wait for its connection longer than the next, on a loaded machine): no two
      // together, and over the four, three spacings' worth (the limit's rate).
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(100);
      expect(times[times.length - 1]! - times[0]!).toBeGreaterThanOrEqual(1350);
      const freeDone = Math.max(...free.map((address) => sink.rcptAt.get(address)![0]!));
      expect(freeDone).toBeLessThan(times[times.length - 1]!);
      expect(sink.messages).toHaveLength(34);
    } finally {
      transport.close();
      await sink.close();
    }
  }, 60_000);
});
