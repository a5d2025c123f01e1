import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { startSmtpSink, type SmtpSink } from '../../test/support/smtp-sink.js';
import { findJob } from '../jobs/jobs.queries.js';
import { runDueJobs } from '../jobs/jobs.service.js';
import type { Clock } from '../lib/clock.js';
import { enqueueEmail, simpleEmail } from './email.js';
import { mailJobHandlers } from './mail-job.js';
import { createMailTransport, type MailTransport } from './transport.js';

// Transactional mail through the jobs queue, against a real SMTP server on 127.0.0.1: a 4xx
// reply is tried again later with the same Message-ID, a 5xx reply fails for good, and the
// message is delivered once.

const note = simpleEmail<{ name: string }>((props) => ({ subject: `Hello ${props.name}`, greeting: 'Hello,', paragraphs: ['A note.'], closing: 'Bye.', siteName: 'Insights' }));
const footer = { organisation: 'Insights', addressLines: ['1 Example Street'], imprintUrl: 'http://insights.test/imprint' };

let sink: SmtpSink;
let transport: MailTransport;
beforeAll(async () => {
  sink = await startSmtpSink({ rejectAddresses: ['nobody@example.com'] });
  transport = createMailTransport({ smtpUrl: sink.url, outboxDir: '/nonexistent', concurrency: 1, dkim: undefined });
});
afterAll(async () => {
  transport.close();
  await sink.close();
});

forEachDialect('the mail job', ({ db, engine }) => {
  let now = new Date('2026-12-01T10:00:00Z');
  const clock: Clock = { now: () => new Date(now) };

  it('retries a 4xx reply later with the same Message-ID, and delivers once', async () => {
    const to = `retry-${engine}@example.com`;
    let refusals = 1;
    const flaky: MailTransport = {
      ...transport,
      send: async (message) => {
        if (message.to === to && refusals-- > 0) return { ok: false, permanent: false, scope: 'recipient', code: 451, enhanced: '4.3.0', message: '451 4.3.0 Try again later' };
        return transport.send(message);
      },
    };
    const handlers = mailJobHandlers({ transport: flaky, mailFrom: 'Insights <news@insights.test>', messageIdDomain: 'insights.test' });
    await enqueueEmail(db(), clock, note, to, { name: 'Ana' }, { footer });
    const job = (await db().selectFrom('jobs').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    expect(await runDueJobs(db(), clock, handlers, 'test')).toBe(1);
    expect(await findJob(db(), job)).toMatchObject({ state: 'queued', attempts: 1, last_error: 'not accepted yet: 451 4.3.0 Try again later' });
    expect(sink.messages.filter((message) => message.to.includes(to))).toEqual([]);
    now = new Date(now.getTime() + 31_000);
    expect(await runDueJobs(db(), clock, handlers, 'test')).toBe(1);
    expect(await findJob(db(), job)).toMatchObject({ state: 'done', attempts: 2 });
    const delivered = sink.messages.filter((message) => message.to.includes(to));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.messageId).toMatch(/^<mail\.[0-9a-f]{24}@insights\.test>$/);
    expect(delivered[0]!.envelopeFrom).toBe('news@insights.test');
    expect(delivered[0]!.raw).toContain('Subject: Hello Ana');
  });

  it('fails a 5xx reply for good at once, without retrying', async () => {
    const handlers = mailJobHandlers({ transport, mailFrom: 'Insights <news@insights.test>', messageIdDomain: 'insights.test' });
    await enqueueEmail(db(), clock, note, 'nobody@example.com', { name: 'Nobody' }, { footer });
    const job = (await db().selectFrom('jobs').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    expect(await runDueJobs(db(), clock, handlers, 'test')).toBe(1);
    const failed = await findJob(db(), job);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
    expect(failed!.last_error).toMatch(/^refused for good: 550 .*User unknown/);
    now = new Date(now.getTime() + 3600_000);
    expect(await runDueJobs(db(), clock, handlers, 'test')).toBe(0);
  });
});
