import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET_KEY } from '../../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase, ENGINES } from '../../../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue, senderDeps } from '../../../test/support/delivery.js';
import { startSmtpSink, type SmtpSink, type SunkMessage } from '../../../test/support/smtp-sink.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import { connectDatabase } from '../../db/connect.js';
import type { Database } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createSend, getDeliveryCounts } from '../engine/deliveries.service.js';
import { runDelivery } from '../engine/sender.js';
import { createMailTransport } from '../../mail/transport.js';
import { recordInbound } from './bounces.service.js';
import { startIntakeServer } from './intake-server.js';

// Bounces come back as RFC 3464 reports to the VERP return path; they are recorded against the
// right ledger row (hard ones suppress the address). Complaints (ARF) suppress too; mail to the
// unsubscribe mailbox unsubscribes.

/** A DSN as an MTA writes it for one message of ours. */
function dsn(message: SunkMessage, status: string, action = 'failed'): string {
  const headers = message.raw.split(/\r?\n\r?\n/)[0];
  return [
    'From: MAILER-DAEMON@mx.example.net',
    `To: ${message.envelopeFrom}`,
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    '',
    `Final-Recipient: rfc822; ${message.to[0]}`,
    `Action: ${action}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; 550 ${status} mailbox unavailable`,
    '',
    '--B',
    'Content-Type: text/rfc822-headers',
    '',
    headers,
    '--B--',
    '',
  ].join('\r\n');
}

function arf(message: SunkMessage): string {
  const headers = message.raw.split(/\r?\n\r?\n/)[0];
  return [
    'From: feedback@isp.example', `To: ${message.envelopeFrom}`, 'Subject: complaint', 'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="F"', '', '--F', 'Content-Type: text/plain', '', 'A complaint.', '--F',
    'Content-Type: message/feedback-report', '', 'Feedback-Type: abuse', 'User-Agent: isp/1.0', 'Version: 1', `Original-Rcpt-To: ${message.to[0]}`, '', '--F',
    'Content-Type: text/rfc822-headers', '', headers, '--F--', '',
  ].join('\r\n');
}

async function sendTo(db: Database, sink: SmtpSink, slug: string) {
  const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: 2, dkim: undefined });
  try {
    const delivery = await createSend(deliveryEnv(db), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR });
    await runDelivery(senderDeps(db, transport), delivery.id);
    return delivery.id;
  } finally {
    transport.close();
  }
}

describe.each(ENGINES)('bounces, complaints and unsubscribe mail [%s]', (engine) => {
  let db: Database;
  let sink: SmtpSink;
  let deliveryId: number;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
    const slug = await seedIssue(db);
    await seedContacts(db, { members: 0, subscribers: 5, prefix: 'b' });
    sink = await startSmtpSink();
    deliveryId = await sendTo(db, sink, slug);
  }, 60_000);
  afterAll(async () => {
    await sink.close();
    await destroyTestDatabase(db);
  });
  const byAddress = (address: string) => sink.messages.find((m) => m.to.includes(address))!;
  const row = (address: string) => db.selectFrom('delivery_recipients').select(['state', 'last_error']).where('email_key', '=', address).executeTakeFirstOrThrow();
  const suppression = (address: string) => db.selectFrom('suppressions').select('reason').where('email_key', '=', address).executeTakeFirst();

  it('a 5.1.1 DSN through the intake server marks the row bounced and suppresses the address', async () => {
    const intake = await startIntakeServer({ db, clock: deliveryEnv(db).clock, secretKey: TEST_SECRET_KEY, host: '127.0.0.1', port: 0 });
    const client = nodemailer.createTransport({ host: '127.0.0.1', port: intake.port, secure: false, ignoreTLS: true });
    try {
      const message = byAddress('b-reader-0@public.test');
      await client.sendMail({ envelope: { from: '', to: message.envelopeFrom }, raw: dsn(message, '5.1.1') });
      expect(await row('b-reader-0@public.test')).toMatchObject({ state: 'bounced' });
      expect(await suppression('b-reader-0@public.test')).toEqual({ reason: 'hard_bounce' });
      await expect(client.sendMail({ envelope: { from: '', to: 'postmaster@insights.test' }, raw: dsn(message, '5.1.1') })).rejects.toMatchObject({ responseCode: 550 });
    } finally {
      client.close();
      await intake.close();
    }
    const counts = await getDeliveryCounts(db, deliveryId);
    expect(counts).toMatchObject({ bounced: 1, sent: 4 });
  });

  it('a soft 5.2.2 bounce marks the row but does not suppress; a delayed DSN records nothing', async () => {
    const full = byAddress('b-reader-1@public.test');
    expect(await recordInbound(db, deliveryEnv(db).clock, TEST_SECRET_KEY, dsn(full, '5.2.2'))).toMatchObject({ kind: 'bounce', suppressed: false });
    expect(await row('b-reader-1@public.test')).toMatchObject({ state: 'bounced' });
    expect(await suppression('b-reader-1@public.test')).toBeUndefined();
    const delayed = byAddress('b-reader-2@public.test');
    expect(await recordInbound(db, deliveryEnv(db).clock, TEST_SECRET_KEY, dsn(delayed, '4.4.1', 'delayed'))).toMatchObject({ kind: 'delayed' });
    expect(await row('b-reader-2@public.test')).toMatchObject({ state: 'sent' });
  });

  it('falls back to the original Message-ID when the return path lost its token', async () => {
    const message = byAddress('b-reader-3@public.test');
    const report = dsn(message, '5.1.2').replace(`To: ${message.envelopeFrom}`, 'To: postmaster@insights.test');
    expect(await recordInbound(db, deliveryEnv(db).clock, TEST_SECRET_KEY, report)).toMatchObject({ kind: 'bounce', suppressed: true });
    expect(await row('b-reader-3@public.test')).toMatchObject({ state: 'bounced' });
  });

  it('a complaint suppresses the address; mail to the unsubscribe mailbox unsubscribes', async () => {
    const message = byAddress('b-reader-4@public.test');
    expect(await recordInbound(db, deliveryEnv(db).clock, TEST_SECRET_KEY, arf(message))).toMatchObject({ kind: 'complaint', suppressed: true });
    expect(await suppression('b-reader-4@public.test')).toEqual({ reason: 'complaint' });
    const mailbox = /mailto:([^?>]+)/.exec(message.raw.replace(/\r?\n[ \t]+/g, ' '))![1]!;
    const mail = `From: b-reader-4@public.test\r\nTo: ${mailbox}\r\nSubject: unsubscribe\r\n\r\nunsubscribe\r\n`;
    expect(await recordInbound(db, deliveryEnv(db).clock, TEST_SECRET_KEY, mail)).toMatchObject({ kind: 'unsubscribe' });
    const contact = await db.selectFrom('contacts').select('subscribed').where('email_key', '=', 'b-reader-4@public.test').executeTakeFirstOrThrow();
    expect(contact.subscribed).toBe(0);
    expect(await getDeliveryCounts(db, deliveryId)).toMatchObject({ complaints: 1, unsubscribed: 1 });
  });
});

describe('insights bounces ingest [sqlite]', () => {
  it('reads a DSN on stdin and records it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'insights-ingest-'));
    const db = await connectDatabase({ kind: 'sqlite', file: join(dataDir, 'insights.sqlite') });
    const sink = await startSmtpSink();
    try {
      await migrateToLatest(db);
      const slug = await seedIssue(db);
      await seedContacts(db, { members: 0, subscribers: 1, prefix: 'i' });
      await sendTo(db, sink, slug);
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../cli/insights.ts'), 'bounces', 'ingest'], {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', SECRET_KEY: TEST_SECRET_KEY, DEMO: '0' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stdin.end(dsn(sink.messages[0]!, '5.1.1'));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(0);
      expect(stdout).toMatch(/^bounce i-reader-0@public\.test \(delivery #\d+\): 5\.1\.1/);
      expect(await db.selectFrom('suppressions').select('email_key').execute()).toEqual([{ email_key: 'i-reader-0@public.test' }]);
    } finally {
      await sink.close();
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('forged reports and sender-side statuses [sqlite]', () => {
  let db: Database;
  let sink: SmtpSink;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const slug = await seedIssue(db);
    await seedContacts(db, { members: 0, subscribers: 2, prefix: 'f' });
    sink = await startSmtpSink();
    await sendTo(db, sink, slug);
  }, 60_000);
  afterAll(async () => {
    await sink.close();
    await destroyTestDatabase(db);
  });
  const victim = 'f-reader-0@public.test';
  const row = (address: string) => db.selectFrom('delivery_recipients').select('state').where('email_key', '=', address).executeTakeFirstOrThrow();

  it('a DSN naming a victim in Final-Recipient, with a wrong or no VERP token and no original message, changes nothing', async () => {
    const message = sink.messages.find((m) => m.to.includes(victim))!;
    const withoutOriginal = dsn(message, '5.1.1').replace(/--B\r\nContent-Type: text\/rfc822-headers[\s\S]*--B--/, '--B--');
    expect(withoutOriginal).not.toContain('Message-ID');
    const wrongToken = message.envelopeFrom.replace(/\+(\d+)x[0-9a-f]{16}@/, '+$1x0123456789abcdef@');
    expect(wrongToken).not.toBe(message.envelopeFrom);
    for (const to of [wrongToken, 'postmaster@insights.test']) {
      const forged = withoutOriginal.replace(`To: ${message.envelopeFrom}`, `To: ${to}`);
      expect(await recordInbound(db, deliveryEnv(db).clock, TEST_SECRET_KEY, forged, [to]), to).toMatchObject({ kind: 'ignored', suppressed: false });
    }
    expect(await row(victim)).toEqual({ state: 'sent' });
    expect(await db.selectFrom('suppressions').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('delivery_events').selectAll().execute()).toEqual([]);
  });

  it('a 5.1.8 report (our sender domain, not the mailbox) marks the row bounced but suppresses nobody', async () => {
    const address = 'f-reader-1@public.test';
    const message = sink.messages.find((m) => m.to.includes(address))!;
    expect(await recordInbound(db, deliveryEnv(db).clock, TEST_SECRET_KEY, dsn(message, '5.1.8'))).toMatchObject({ kind: 'bounce', suppressed: false });
    expect(await row(address)).toEqual({ state: 'bounced' });
    expect(await db.selectFrom('suppressions').selectAll().execute()).toEqual([]);
  });
});
