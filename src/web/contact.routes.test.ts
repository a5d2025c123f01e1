import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cookiesFrom, createTestApp, csrfTokenIn, destroyTestApp, outboxMessages, visibleText } from '../../test/support/app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { formBody, signInDesk, type DeskSession } from '../../test/support/desk.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { App } from '../app.js';
import { fixedClock } from '../lib/clock.js';
import { addStaff } from '../staff/staff.service.js';
import { CONTACT_LIMIT } from './contact.routes.js';
import { inquiryRecipients } from '../inquiries/inquiries.service.js';
import { checkInquiryDraft } from '../inquiries/inquiries.js';

const clock = fixedClock('2026-11-28T12:00:00Z');

const hostile = {
  name: 'Eve <img src=x onerror=alert(1)>',
  email: 'eve@example.com',
  company: 'Evil & Co',
  topic: 'programs',
  message: 'Hello <script>alert("inbox")</script>\nsecond line',
};

forEachDialect('public: /contact and the desk inbox', ({ db }) => {
  let app: App;
  let editor: DeskSession;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    app = await createTestApp(db(), { clock });
    editor = await signInDesk(app, db(), 'editor@example.com', 'editor');
    const page = await app.http.inject({ url: '/contact' });
    cookie = cookiesFrom(page.headers['set-cookie']);
    csrf = csrfTokenIn(page.body);
  });
  afterAll(async () => destroyTestApp(app));

  const post = (fields: Record<string, string>, token = csrf) =>
    app.http.inject({ method: 'POST', url: '/contact', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: token, ...fields }) });
  const stored = () => db().selectFrom('inquiries').selectAll().orderBy('id').execute();

  it('stores an inquiry and emails staff, with everything the sender typed escaped', async () => {
    const response = await post(hostile);
    expect(response.statusCode).toBe(200);
    expect(visibleText(response.body)).toContain('Your message was sent. We will answer you at eve@example.com.');
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: hostile.name, email: 'eve@example.com', company: 'Evil & Co', topic: 'programs', status: 'new', message: hostile.message });

    const raw = (await outboxMessages(app)).find((message) => /^To: innovation@example.org/m.test(message));
    expect(raw).toBeDefined();
    const mail = await simpleParser(raw!);
    expect(mail.subject).toBe('New inquiry: Programs such as the Innovators Club from Eve <img src=x onerror=alert(1)>');
    expect(mail.replyTo?.text).toBe('eve@example.com');
    expect(mail.text).toContain('Hello <script>alert("inbox")</script>');
    expect(mail.html).toContain('Hello &lt;script>alert(&quot;inbox&quot;)&lt;/script>');
    expect(mail.html).not.toContain('<script');
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.text).toContain(`/admin/inquiries/${rows[0]!.id}`);
  });

  it('answers a filled honeypot as if it worked, and stores and sends nothing', async () => {
    const mails = (await outboxMessages(app)).length;
    const response = await post({ ...hostile, name: 'Bot', website: 'http://spam.example' });
    expect(response.statusCode).toBe(200);
    expect(visibleText(response.body)).toContain('Your message was sent.');
    expect(await stored()).toHaveLength(1);
    expect(await outboxMessages(app)).toHaveLength(mails);
  });

  it('refuses missing fields one by one and keeps what was typed', async () => {
    const response = await post({ name: '', email: 'not an address', company: '', topic: 'nonsense', message: '  ' });
    expect(response.statusCode).toBe(400);
    const text = visibleText(response.body);
    expect(text).toContain('Name: enter your name');
    expect(text).toContain('Email: enter a valid email address');
    expect(text).toContain('Topic: choose what your message is about');
    expect(text).toContain('Message: write your message');
    expect(response.body).toContain('value="not an address"');
    expect(await stored()).toHaveLength(1);
  });

  it('refuses a name, company or topic with a line break, as the call form does, and keeps what was typed', async () => {
    const response = await post({ ...hostile, name: 'Eve\r\nBcc: victim@example.org', company: 'Evil\nCo', topic: 'programs\r\n' });
    expect(response.statusCode).toBe(400);
    const text = visibleText(response.body);
    expect(text).toContain('Name: must be on one line');
    expect(text).toContain('Company: must be on one line');
    expect(text).toContain('Topic: must be on one line');
    expect(response.body).toContain('Bcc: victim@example.org');
    expect(response.body).toContain('Hello &lt;script>');
    expect(await stored()).toHaveLength(1);
    // A line break at either end is only whitespace around the name.
    expect(() => checkInquiryDraft({ ...hostile, name: '\r\nEve\n' })).not.toThrow();
  });

  it('refuses a post without the CSRF token', async () => {
    expect((await post(hostile, 'forged')).statusCode).toBe(403);
    expect(await stored()).toHaveLength(1);
  });

  it('does not count attempts with mistakes: a sender who mistyped several times can still send', async () => {
    for (let attempt = 1; attempt <= CONTACT_LIMIT.max + 1; attempt++) {
      const response = await post({ ...hostile, email: `typo ${attempt}` });
      expect(response.statusCode, `attempt ${attempt}`).toBe(400);
      expect(visibleText(response.body)).toContain('Email: enter a valid email address');
    }
    const rows = await db().selectFrom('rate_limits').selectAll().where('key', 'like', 'contact:%').execute();
    expect(rows.map((row) => row.count)).toEqual([2]);
  });

  it('limits how often one client may send', async () => {
    // Two posts above counted already: the message and the honeypot hit (the ones with mistakes
    // did not; the forged one was refused before the handler).
    let response = await post({ ...hostile, name: 'Third' });
    for (let hit = 4; hit <= CONTACT_LIMIT.max; hit++) response = await post({ ...hostile, name: `Hit ${hit}` });
    expect(response.statusCode).toBe(200);
    const limited = await post({ ...hostile, name: 'One too many' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(visibleText(limited.body)).toContain('Too many requests.');
    expect((await stored()).map((row) => row.name)).not.toContain('One too many');
  });

  it('lists inquiries in the inbox, filters by status, and lets staff change the status', async () => {
    const [first] = await stored();
    const inbox = await editor.get('/admin/inquiries');
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain('Eve &lt;img src=x onerror=alert(1)>');
    expect(inbox.body).not.toContain('<img src=x');
    expect(visibleText(inbox.body)).toMatch(/\d+ new, 0 answered, 0 closed/);

    const detail = await editor.get(`/admin/inquiries/${first!.id}`);
    expect(detail.body).toContain('Hello &lt;script>alert(&quot;inbox&quot;)&lt;/script>');
    const changed = await editor.post(`/admin/inquiries/${first!.id}/status`, { status: 'answered' });
    expect(changed.statusCode).toBe(303);
    expect((await db().selectFrom('inquiries').select('status').where('id', '=', first!.id).executeTakeFirstOrThrow()).status).toBe('answered');
    const log = await db().selectFrom('activity').select(['action', 'detail']).where('action', '=', 'inquiry.status').execute();
    expect(log).toEqual([{ action: 'inquiry.status', detail: 'new → answered' }]);

    const answered = visibleText((await editor.get('/admin/inquiries?status=answered')).body);
    expect(answered).toContain('Eve <img');
    expect(answered).not.toContain('Fourth');

    const bad = await editor.post(`/admin/inquiries/${first!.id}/status`, { status: 'deleted' });
    expect(bad.statusCode).toBe(400);
    const forged = await app.http.inject({ method: 'POST', url: `/admin/inquiries/${first!.id}/status`, headers: { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: 'forged', status: 'closed' }) });
    expect(forged.statusCode).toBe(403);
    expect((await db().selectFrom('inquiries').select('status').where('id', '=', first!.id).executeTakeFirstOrThrow()).status).toBe('answered');
  });

  it('sends notices to the owners and admins when no contact address is configured', async () => {
    await addStaff(db(), clock, { email: 'owner@example.com', role: 'owner' }, SYSTEM_ACTOR);
    await addStaff(db(), clock, { email: 'admin@example.com', role: 'admin' }, SYSTEM_ACTOR);
    expect((await inquiryRecipients(db(), null)).sort()).toEqual(['admin@example.com', 'owner@example.com']);
    expect(await inquiryRecipients(db(), 'team@example.org')).toEqual(['team@example.org']);
  });
});
