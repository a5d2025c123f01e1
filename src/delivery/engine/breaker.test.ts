import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase, ENGINES } from '../../../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue, senderDeps } from '../../../test/support/delivery.js';
import { startSmtpSink } from '../../../test/support/smtp-sink.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import type { Database } from '../../db/database.js';
import { createMailTransport } from '../../mail/transport.js';
import { changeDelivery, createSend, getDelivery, getDeliveryCounts } from './deliveries.service.js';
import { isTransportFailure, probeDelivery, runDelivery } from './sender.js';

// The circuit breaker: transport failures in a row (a silent server, 421 from the relay) pause
// the delivery by itself with the reason, count no attempt and fail nobody; the probe sends one
// message on a backoff and resumes once the server answers. Nothing is lost or sent twice.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function onlyMembers(db: Database, count: number, prefix: string): Promise<string[]> {
  await db.updateTable('contacts').set({ subscribed: 0 }).execute();
  return (await seedContacts(db, { members: count, subscribers: 0, prefix })).members;
}

describe('isTransportFailure', () => {
  it('timeouts, refused or lost connections, garbage and 421 are transport failures; server replies about a recipient or our sender are not', () => {
    const failure = (code: number | null, scope: 'sender' | 'recipient', permanent = false) => ({ ok: false as const, permanent, scope, code, enhanced: null, message: 'x' });
    expect(isTransportFailure(failure(null, 'sender'))).toBe(true);
    expect(isTransportFailure(failure(null, 'recipient'))).toBe(true);
    expect(isTransportFailure(failure(421, 'sender'))).toBe(true);
    expect(isTransportFailure(failure(421, 'recipient'))).toBe(true);
    expect(isTransportFailure(failure(451, 'recipient'))).toBe(false);
    expect(isTransportFailure(failure(550, 'sender', true))).toBe(false);
    expect(isTransportFailure(failure(550, 'recipient', true))).toBe(false);
    expect(isTransportFailure({ ok: true, response: '250' })).toBe(false);
  });
});

describe.each(ENGINES)('the circuit breaker [%s]', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
  }, 60_000);
  afterAll(async () => {
    await destroyTestDatabase(db);
  });

  it('a server that never answers pauses the delivery after N timeouts, fast, with no attempt counted and nobody failed', async () => {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const slug = await seedIssue(db, 2040, 'spring');
    await onlyMembers(db, 30, 'silent');
    const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, outboxDir: '/nonexistent', concurrency: 5, dkim: undefined, timeouts: { connectMs: 500, greetingMs: 300, socketMs: 500 } });
    try {
      const delivery = await createSend(deliveryEnv(db), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR });
      const started = performance.now();
      expect(await runDelivery(senderDeps(db, transport, { concurrency: 5, breakerFailures: 5, probeBaseMs: 60_000 }), delivery.id)).toBe('paused');
      // Five slots time out side by side: one round of greeting timeouts (30 messages in series would take 9 s).
      expect(performance.now() - started).toBeLessThan(4000);
      const paused = await getDelivery(db, delivery.id);
      expect(paused).toMatchObject({ status: 'paused', pauseReason: 'transport' });
      expect(paused.problem).toMatch(/did not answer 5 times in a row/);
      expect(Date.parse(paused.probeAt!)).toBeGreaterThan(Date.now() + 50_000);
      expect(await getDeliveryCounts(db, delivery.id)).toMatchObject({ total: 30, queued: 30, sending: 0, failed: 0, sent: 0 });
      const attempts = await db.selectFrom('delivery_recipients').select('attempts').where('delivery_id', '=', delivery.id).execute();
      expect(attempts.every((row) => row.attempts === 0)).toBe(true);
      const pauses = await db.selectFrom('activity').select(['action', 'detail']).where('action', '=', 'delivery.pause').execute();
      expect(pauses.some((entry) => /did not answer/.test(entry.detail ?? ''))).toBe(true);
      // The editor may cancel it: the breaker's state goes with the pause.
      const cancelled = await changeDelivery(db, deliveryEnv(db).clock, delivery.id, 'cancel', SYSTEM_ACTOR);
      expect(cancelled).toMatchObject({ status: 'cancelled', pauseReason: null, probeAt: null, problem: null });
    } finally {
      transport.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 30_000);

  it('421 from the relay mid-send pauses it; probes back off while it refuses; once it answers the delivery resumes and finishes, each address once', async () => {
    const slug = await seedIssue(db, 2040, 'summer');
    const people = await onlyMembers(db, 60, 'relay');
    const sink = await startSmtpSink({ keepRaw: false });
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: '/nonexistent', concurrency: 3, dkim: undefined });
    const deps = senderDeps(db, transport, { concurrency: 3, rate: 200, breakerFailures: 4, probeBaseMs: 1500 });
    try {
      const delivery = await createSend(deliveryEnv(db), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR });
      const watcher = setInterval(() => {
        if (sink.messages.length >= 20 && !sink.refuse) sink.refuse = { code: 421, message: '4.3.2 Service not available, closing transmission channel' };
      }, 2);
      let result;
      try {
        result = await runDelivery(deps, delivery.id);
      } finally {
        clearInterval(watcher);
      }
      expect(result).toBe('paused');
      const paused = await getDelivery(db, delivery.id);
      expect(paused).toMatchObject({ pauseReason: 'transport' });
      expect(paused.problem).toMatch(/421/);
      const atPause = await getDeliveryCounts(db, delivery.id);
      expect(atPause).toMatchObject({ failed: 0, sending: 0 });
      expect(atPause.sent).toBe(sink.messages.length);

      // Not due yet, then due: a probe that is refused again moves the next one further off.
      expect(await probeDelivery(deps, delivery.id)).toBe('not due');
      await sleep(Math.max(0, Date.parse(paused.probeAt!) - Date.now()) + 20);
      const rejectionsBefore = sink.mailFromRejections;
      expect(await probeDelivery(deps, delivery.id)).toBe('still failing');
      expect(sink.mailFromRejections).toBe(rejectionsBefore + 1);
      const stillPaused = await getDelivery(db, delivery.id);
      expect(stillPaused).toMatchObject({ status: 'paused', probes: 1 });
      expect(Date.parse(stillPaused.probeAt!) - Date.parse(paused.probeAt!)).toBeGreaterThan(2000);
      expect(await runDelivery(deps, delivery.id)).toBe('paused');

      sink.refuse = null;
      await sleep(Math.max(0, Date.parse(stillPaused.probeAt!) - Date.now()) + 20);
      expect(await probeDelivery(deps, delivery.id)).toBe('resumed');
      expect(await getDelivery(db, delivery.id)).toMatchObject({ status: 'sending', pauseReason: null, problem: null, probes: 0, transportFailures: 0 });
      const resumes = await db.selectFrom('activity').select(['actor_label', 'detail']).where('action', '=', 'delivery.resume').execute();
      expect(resumes.some((entry) => /answers again/.test(entry.detail ?? ''))).toBe(true);
      expect(await runDelivery(deps, delivery.id)).toBe('done');

      const received = sink.messages.flatMap((message) => message.to).sort();
      expect(received).toEqual([...people].sort());
      expect(await getDeliveryCounts(db, delivery.id)).toMatchObject({ total: 60, sent: 60, failed: 0, mayHaveRepeated: 0 });
      const attempts = await db.selectFrom('delivery_recipients').select('attempts').where('delivery_id', '=', delivery.id).execute();
      expect(attempts.every((row) => row.attempts === 1)).toBe(true);
    } finally {
      transport.close();
      await sink.close();
    }
  }, 60_000);
});
