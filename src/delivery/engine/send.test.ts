import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authenticate } from 'mailauth';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase, ENGINES } from '../../../test/support/databases.js';
import { MEMBERS_CANARY, TEASER_TEXT, deliveryEnv, seedContacts, seedIssue, senderDeps } from '../../../test/support/delivery.js';
import { startSmtpSink } from '../../../test/support/smtp-sink.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import type { Database } from '../../db/database.js';
import { createSend, getDeliveryCounts } from './deliveries.service.js';
import { runDelivery } from './sender.js';
import { createMailTransport, DKIM_SIGNED_FIELDS } from '../../mail/transport.js';
import type { Edition, SendSettings } from '../delivery.js';

// Acceptance against a real SMTP server on 127.0.0.1 (smtp-server), on SQLite and the run's
// PostgreSQL engine: a real server when TEST_DATABASE_URL names one (claims then really
// contend), otherwise PGlite. The same send at 5,000 recipients is `npm run bench:send`.

/** Undoes quoted-printable soft line breaks and `=3D`, so a marker split across lines is found. */
function plain(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}

async function sendEdition(db: Database, smtpUrl: string, slug: string, edition: Edition, settings: Partial<SendSettings> = {}) {
  const transport = createMailTransport({ smtpUrl, outboxDir: join(tmpdir(), 'unused'), concurrency: settings.concurrency ?? 5, dkim: undefined });
  try {
    const delivery = await createSend(deliveryEnv(db), { slug, edition, scheduledAt: null, actor: SYSTEM_ACTOR });
    const result = await runDelivery(senderDeps(db, transport, settings), delivery.id);
    return { delivery, result, counts: await getDeliveryCounts(db, delivery.id) };
  } finally {
    transport.close();
  }
}

describe.each(ENGINES)('sending through a real SMTP server [%s]', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
  }, 60_000);
  afterAll(async () => {
    await destroyTestDatabase(db);
  });

  it('200 recipients each get exactly one message; only members get the members-only text', async () => {
    const slug = await seedIssue(db, 2026, 'fall');
    const people = await seedContacts(db, { members: 100, subscribers: 100, prefix: 'big' });
    const sink = await startSmtpSink({ keepRaw: false, tag: (raw) => `${plain(raw).includes(MEMBERS_CANARY) ? 'canary' : 'clean'}:${plain(raw).includes(TEASER_TEXT) ? 'teaser' : 'none'}` });
    try {
      const full = await sendEdition(db, sink.url, slug, 'full', { concurrency: 10 });
      const teaser = await sendEdition(db, sink.url, slug, 'teaser', { concurrency: 10 });
      expect([full.result, teaser.result]).toEqual(['done', 'done']);
      expect(full.counts).toMatchObject({ total: 100, sent: 100, failed: 0, queued: 0, sending: 0 });
      expect(teaser.counts).toMatchObject({ total: 100, sent: 100, failed: 0 });

      const received = new Map<string, string[]>();
      for (const message of sink.messages) for (const to of message.to) received.set(to, [...(received.get(to) ?? []), message.tag]);
      expect(received.size).toBe(200);
      for (const address of people.members) expect(received.get(address)).toEqual(['canary:teaser']);
      for (const address of people.subscribers) expect(received.get(address)).toEqual(['clean:teaser']);
      expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(200);
    } finally {
      await sink.close();
    }
  }, 60_000);

  it('a German and a Chinese reader each get exactly one message, in their language; members-only text only for members', async () => {
    const slug = await seedIssue(db, 2030, 'spring');
    await db.updateTable('contacts').set({ subscribed: 0 }).execute();
    const people = await seedContacts(db, { members: 3, subscribers: 3, prefix: 'lang', languages: ['en', 'de', 'zh'] });
    const sink = await startSmtpSink({ keepRaw: true });
    try {
      const full = await sendEdition(db, sink.url, slug, 'full');
      const teaser = await sendEdition(db, sink.url, slug, 'teaser');
      expect([full.result, teaser.result]).toEqual(['done', 'done']);
      const stored = await db.selectFrom('delivery_templates').select(['delivery_id', 'language']).where('delivery_id', 'in', [full.delivery.id, teaser.delivery.id]).orderBy('delivery_id').orderBy('language').execute();
      expect(stored.map((row) => row.language)).toEqual(['de', 'en', 'zh', 'de', 'en', 'zh']);
      expect(sink.messages).toHaveLength(6);
      const expected = [
        { to: people.members[0]!, language: 'en', tag: 'en', greeting: 'Hello Member 0,', member: true, prefix: '' },
        { to: people.members[1]!, language: 'de', tag: 'de', greeting: 'Guten Tag Member 1,', member: true, prefix: '/de' },
        { to: people.members[2]!, language: 'zh', tag: 'zh-Hans', greeting: 'Member 2，您好：', member: true, prefix: '/zh' },
        { to: people.subscribers[0]!, language: 'en', tag: 'en', greeting: 'Hello Reader <0> & Co,', member: false, prefix: '' },
        { to: people.subscribers[1]!, language: 'de', tag: 'de', greeting: 'Guten Tag,', member: false, prefix: '/de' },
        { to: people.subscribers[2]!, language: 'zh', tag: 'zh-Hans', greeting: 'Reader <2> & Co，您好：', member: false, prefix: '/zh' },
      ];
      for (const person of expected) {
        const messages = sink.messages.filter((message) => message.to.includes(person.to));
        expect(messages, person.to).toHaveLength(1);
        const parsed = await simpleParser(messages[0]!.raw);
        expect(parsed.headers.get('content-language'), person.to).toBe(person.tag);
        expect(parsed.text!.split('\n')).toContain(person.greeting);
        expect(parsed.html).toContain(`<html lang="${person.tag}"`);
        expect(parsed.text!.includes(MEMBERS_CANARY), person.to).toBe(person.member);
        expect((parsed.html as string).includes(MEMBERS_CANARY), person.to).toBe(person.member);
        expect(parsed.text).toContain(TEASER_TEXT);
        expect(parsed.text).toContain(`http://insights.test${person.prefix}/issues/${slug}`);
        expect(parsed.text).toMatch(new RegExp(`http://insights\\.test${person.prefix}/unsubscribe/\\d+-\\d+-[0-9a-f]{24}`));
        expect(parsed.html).toContain(`href="http://insights.test${person.prefix}/account"`);
      }
      const german = await simpleParser(sink.messages.find((message) => message.to.includes(people.subscribers[1]!))!.raw);
      expect(german.text).toContain('Mitglieder erhalten die vollständige Ausgabe.');
      expect(german.text).not.toContain('View in your browser');
      const chinese = await simpleParser(sink.messages.find((message) => message.to.includes(people.members[2]!))!.raw);
      expect(chinese.subject).toBe('2030 spring Issue（会员版）');
      expect(chinese.text).toContain('退订');
    } finally {
      await sink.close();
    }
  }, 60_000);

  it('two senders on the same delivery share it: every recipient once, nobody twice', async () => {
    const slug = await seedIssue(db, 2028, 'winter');
    await db.updateTable('contacts').set({ subscribed: 0 }).execute();
    const people = await seedContacts(db, { members: 0, subscribers: 300, prefix: 'pair' });
    const sink = await startSmtpSink({ keepRaw: false });
    const transports = [0, 1].map(() => createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: 3, dkim: undefined }));
    try {
      const delivery = await createSend(deliveryEnv(db), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR });
      const results = await Promise.all(transports.map((transport, i) => runDelivery(senderDeps(db, transport, { concurrency: 3 }), delivery.id, { workerId: `sender-${i}` })));
      expect(results).toContain('done');
      expect(sink.messages.flatMap((m) => m.to).sort()).toEqual([...people.subscribers].sort());
      expect(await getDeliveryCounts(db, delivery.id)).toMatchObject({ sent: 300, mayHaveRepeated: 0 });
    } finally {
      for (const transport of transports) transport.close();
      await sink.close();
    }
  }, 60_000);

  it('a server answering 451 to a random 20% still gets every message once, after backing off', async () => {
    const slug = await seedIssue(db, 2027, 'spring');
    await db.updateTable('contacts').set({ subscribed: 0 }).execute();
    const people = await seedContacts(db, { members: 0, subscribers: 200, prefix: 'flaky' });
    const sink = await startSmtpSink({ tempFailRate: 0.2 });
    try {
      const retryBaseMs = 40;
      const { result, counts } = await sendEdition(db, sink.url, slug, 'teaser', { retryBaseMs });
      expect(result).toBe('done');
      expect(counts).toMatchObject({ total: 200, sent: 200, failed: 0 });
      expect(sink.tempFailures).toBeGreaterThan(10);
      expect(counts.retried).toBeGreaterThan(0);
      const delivered = sink.messages.flatMap((m) => m.to).sort();
      expect(delivered).toEqual([...people.subscribers].sort());
      // Backoff: every retried address's next attempt came at least base × 2^(n−1) × 0.8 (the
      // lowest jitter) after the attempt the server refused.
      const retried = [...sink.rcptAt.values()].filter((times) => times.length > 1);
      expect(retried.length).toBeGreaterThan(0);
      for (const times of retried) {
        for (let n = 1; n < times.length; n++) expect(times[n]! - times[n - 1]!).toBeGreaterThanOrEqual(Math.floor(retryBaseMs * 2 ** (n - 1) * 0.8));
      }
    } finally {
      await sink.close();
    }
  }, 60_000);

  it('a recipient that keeps getting 4xx fails after SEND_MAX_ATTEMPTS, with the reason', async () => {
    const slug = await seedIssue(db, 2029, 'spring');
    await db.updateTable('contacts').set({ subscribed: 0 }).execute();
    await seedContacts(db, { members: 0, subscribers: 3, prefix: 'busy' });
    const sink = await startSmtpSink({ tempFailRate: 1 });
    try {
      const { result, counts, delivery } = await sendEdition(db, sink.url, slug, 'teaser', { retryBaseMs: 10, maxAttempts: 3 });
      expect(result).toBe('done');
      expect(counts).toMatchObject({ total: 3, sent: 0, failed: 3 });
      expect(sink.tempFailures).toBe(9);
      const rows = await db.selectFrom('delivery_recipients').select(['attempts', 'last_error']).where('delivery_id', '=', delivery.id).execute();
      for (const row of rows) expect(row).toMatchObject({ attempts: 3, last_error: expect.stringMatching(/^gave up after 3 attempts: 451 /) });
      expect(await db.selectFrom('suppressions').select('email_key').where('email_key', 'like', 'busy-%').execute()).toEqual([]);
    } finally {
      await sink.close();
    }
  }, 60_000);

  it('550 5.1.1 fails the row, suppresses the address, never retries it, and leaves it out of the next send', async () => {
    const slug = await seedIssue(db, 2027, 'summer');
    await db.updateTable('contacts').set({ subscribed: 0 }).execute();
    const people = await seedContacts(db, { members: 0, subscribers: 20, prefix: 'hard' });
    const unknown = people.subscribers.slice(0, 3);
    const sink = await startSmtpSink({ rejectAddresses: unknown });
    try {
      const { delivery, counts } = await sendEdition(db, sink.url, slug, 'teaser');
      expect(counts).toMatchObject({ total: 20, sent: 17, failed: 3 });
      const rows = await db.selectFrom('delivery_recipients').select(['email', 'state', 'attempts', 'last_error']).where('delivery_id', '=', delivery.id).where('state', '=', 'failed').execute();
      expect(rows.map((row) => row.email).sort()).toEqual([...unknown].sort());
      for (const row of rows) {
        expect(row.attempts).toBe(1);
        expect(row.last_error).toMatch(/^550 .*5\.1\.1/);
      }
      const suppressed = await db.selectFrom('suppressions').select(['email_key', 'reason']).execute();
      expect(suppressed.filter((s) => unknown.includes(s.email_key)).map((s) => s.reason)).toEqual(['hard_bounce', 'hard_bounce', 'hard_bounce']);

      const next = await seedIssue(db, 2027, 'fall');
      const second = await sendEdition(db, sink.url, next, 'teaser');
      expect(second.counts).toMatchObject({ total: 17, sent: 17 });
      const secondTo = new Set(sink.messages.slice(17).flatMap((m) => m.to));
      for (const address of unknown) expect(secondTo.has(address)).toBe(false);
      expect(sink.messages.flatMap((m) => m.to).filter((to) => unknown.includes(to))).toEqual([]);
    } finally {
      await sink.close();
    }
  }, 60_000);
});

describe('headers and DKIM [sqlite]', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
  }, 60_000);
  afterAll(async () => {
    await destroyTestDatabase(db);
  });

  it('carries one List-Unsubscribe with https and mailto, the one-click header, List-Id, Feedback-ID, Precedence; DKIM passes', async () => {
    const slug = await seedIssue(db);
    await seedContacts(db, { members: 1, subscribers: 1, prefix: 'hdr' });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const dkimRecord = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
    const sink = await startSmtpSink();
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: 2, dkim: { domainName: 'insights.test', keySelector: 'news', privateKey: pem } });
    try {
      const delivery = await createSend(deliveryEnv(db), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR });
      expect(await runDelivery(senderDeps(db, transport), delivery.id)).toBe('done');
      expect(sink.messages).toHaveLength(1);
      const message = sink.messages[0]!;
      expect(message.envelopeFrom).toMatch(/^bounces\+\d+x[0-9a-f]{16}@insights\.test$/);

      const parsed = await simpleParser(message.raw);
      const header = (name: string) => parsed.headerLines.find((line) => line.key === name)?.line.replace(/\r?\n[ \t]+/g, ' ').replace(/^[^:]+:\s*/, '');
      const rawHeaders = parsed.headerLines.map((line) => line.key);
      expect(rawHeaders.filter((key) => key === 'list-unsubscribe')).toHaveLength(1);
      const unsubscribe = parsed.headerLines.find((line) => line.key === 'list-unsubscribe')!.line.replace(/\r?\n[ \t]+/g, ' ');
      expect(unsubscribe).toMatch(/^List-Unsubscribe: <http:\/\/insights\.test\/unsubscribe\/[0-9a-z-]+>, <mailto:unsubscribe\+[0-9a-z-]+@insights\.test\?subject=unsubscribe>$/);
      expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(header('list-id')).toBe('"Innovation Insights" <teaser.newsletter.insights.test>');
      expect(header('feedback-id')).toBe(`${delivery.id}:teaser:newsletter:insights.test`);
      expect(header('precedence')).toBe('bulk');
      expect(parsed.messageId).toMatch(new RegExp(`^<delivery\\.${delivery.id}\\.[0-9a-f]{20}@insights\\.test>$`));
      expect(parsed.text).toContain('Unsubscribe: http://insights.test/unsubscribe/');
      expect(parsed.html).toMatch(/<a href="http:\/\/insights\.test\/unsubscribe\/[^"]+"[^>]*>Unsubscribe<\/a>/);
      expect(parsed.text).not.toContain(MEMBERS_CANARY);
      expect(parsed.text).toContain('Members get the full version');

      const dkimHeader = parsed.headers.get('dkim-signature') as { params: { h: string } } | undefined;
      expect(dkimHeader?.params.h.toLowerCase().split(':')).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'list-id']));
      expect(DKIM_SIGNED_FIELDS).toContain('List-Unsubscribe-Post');
      const result = await authenticate(message.raw, {
        ip: '127.0.0.1', helo: 'localhost', sender: message.envelopeFrom, disableArc: true, disableBimi: true, disableDmarc: true,
        resolver: async (name: string, type: string) => {
          if (type === 'TXT' && name === 'news._domainkey.insights.test') return [[dkimRecord]];
          throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
        },
      });
      expect(result.dkim.results.map((r: { status: { result: string } }) => r.status.result)).toEqual(['pass']);
    } finally {
      transport.close();
      await sink.close();
    }
  }, 60_000);
});
