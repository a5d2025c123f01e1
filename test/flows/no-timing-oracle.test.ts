import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesFrom, createTestApp, csrfTokenIn, destroyTestApp, visibleText } from '../support/app.js';
import { createTestDatabase, destroyTestDatabase } from '../support/databases.js';
import { createContact } from '../support/people.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { SYSTEM_ACTOR } from '../../src/activity/activity.js';
import type { App } from '../../src/app.js';
import type { Database } from '../../src/db/database.js';
import { systemClock } from '../../src/lib/clock.js';
import { createMailTransport } from '../../src/mail/transport.js';
import { addStaff } from '../../src/staff/staff.service.js';

// No enumeration by timing: the forms that may send mail answer before any mail is sent, so
// their answer cannot take longer for a known address. The SMTP server here (a real one on
// 127.0.0.1) holds every message's final reply until the test lets it go; each form is answered
// while the server still holds the known address's message, with the same page for a known and
// an unknown address, and the known one's mail arrives once the server answers.

describe('forms that may send mail answer before the mail is sent [sqlite]', () => {
  let db: Database;
  let app: App;
  let sink: SmtpSink;
  let release: () => void = () => undefined;
  let held = new Promise<void>((resolve) => (release = resolve));
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    sink = await startSmtpSink({ holdReply: () => held });
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: '/nonexistent', concurrency: 2, dkim: undefined });
    app = await createTestApp(db, { clock: systemClock, transport });
    await createContact(db, 'known@member.example', { name: 'Known GmbH', membership: 'active' });
    await addStaff(db, systemClock, { email: 'known.staff@example.org', role: 'editor' }, SYSTEM_ACTOR);
  }, 60_000);
  afterAll(async () => {
    release();
    await destroyTestApp(app);
    await sink.close();
    await destroyTestDatabase(db);
  });

  /** Posts a form as a new browser: its page first (for the CSRF cookie), then the fields. */
  async function submit(page: string, action: string, fields: Record<string, string>) {
    const form = await app.http.inject({ url: page });
    const cookie = cookiesFrom(form.headers['set-cookie']);
    return app.http.inject({ method: 'POST', url: action, headers: { cookie }, payload: { _csrf: csrfTokenIn(form.body), ...fields } });
  }

  const same = (html: string) => visibleText(html).replace(/known|unknown/g, '…');

  it.each([
    ['/login', '/login', (email: string) => ({ email }), 'known@member.example'],
    ['/subscribe', '/subscribe', (email: string) => ({ email, name: 'Someone' }), 'known@member.example'],
    ['/admin/forgot', '/admin/forgot', (email: string) => ({ email }), 'known.staff@example.org'],
  ] as const)('%s answers a known and an unknown address alike while the server still holds the mail', async (page, action, fields, known) => {
    const before = sink.messages.length;
    const toKnown = await submit(page, action, fields(known));
    const toUnknown = await submit(page, action, fields(known.replace('known', 'unknown')));
    expect(toKnown.statusCode).toBe(200);
    expect(toUnknown.statusCode).toBe(200);
    expect(same(toKnown.body)).toBe(same(toUnknown.body));
    // Both were answered while the server had accepted no message yet: nothing waited for SMTP.
    expect(sink.messages.length).toBe(before);
    release();
    await app.jobs.drain();
    held = new Promise<void>((resolve) => (release = resolve));
    const arrived = sink.messages.slice(before).flatMap((message) => message.to);
    expect(arrived).toContain(known);
    expect(arrived.some((to) => to.startsWith('unknown'))).toBe(page === '/subscribe');
  });

  it('/contact is answered before the team is notified', async () => {
    const before = sink.messages.length;
    const sent = await submit('/contact', '/contact', { name: 'Vera', email: 'vera@example.com', company: '', topic: 'other', message: 'Hello there.', website: '' });
    expect(sent.statusCode).toBe(200);
    expect(visibleText(sent.body)).toContain('Your message was sent.');
    expect(sink.messages.length).toBe(before);
    release();
    await app.jobs.drain();
    held = new Promise<void>((resolve) => (release = resolve));
    expect(sink.messages.slice(before).flatMap((message) => message.to)).toEqual(['innovation@example.org']);
  });
});
