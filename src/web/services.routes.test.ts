import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cookiesFrom, createTestApp, csrfTokenIn, destroyTestApp, outboxMessages, visibleText } from '../../test/support/app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { formBody, signInDesk, type DeskSession } from '../../test/support/desk.js';
import type { App } from '../app.js';
import type { Database } from '../db/database.js';
import { HUB_SERVICES } from '../inquiries/inquiries.js';
import { fixedClock } from '../lib/clock.js';
import { getStaff, setOwnLanguage } from '../staff/staff.service.js';

// The Innovation Hub's services: their pages in three languages, the call to action that opens
// the contact form on the service's topic, and an inquiry on it routed to the topic's owner
// (chosen in the desk), mailed in their desk language and found under "assigned to me".

const clock = fixedClock('2026-12-01T12:00:00Z');

async function staffId(db: Database, email: string): Promise<number> {
  return (await db.selectFrom('staff').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

forEachDialect('public: the Innovation Hub services and their inquiries', ({ db }) => {
  let app: App;
  let admin: DeskSession;
  let scout: DeskSession;
  let editor: DeskSession;

  beforeAll(async () => {
    app = await createTestApp(db(), { clock });
    admin = await signInDesk(app, db(), 'admin@example.com', 'admin');
    scout = await signInDesk(app, db(), 'scout@example.com', 'editor');
    editor = await signInDesk(app, db(), 'editor@example.com', 'editor');
    await signInDesk(app, db(), 'writer@example.com', 'contributor');
    // The scout reads the desk, and gets their mail, in German.
    await setOwnLanguage(db(), clock, await getStaff(db(), await staffId(db(), 'scout@example.com')), 'de');
  });
  afterAll(async () => destroyTestApp(app));

  it('lists the five services on /services in every language, each linking to its page', async () => {
    const expected = {
      '': ['Innovation trips', 'Technology scouting', 'Acceleration programs', 'Office-in-office workstations', 'Innovation events'],
      '/de': ['Innovationsreisen', 'Technologie-Scouting', 'Accelerator-Programme', 'Office-in-Office-Arbeitsplätze', 'Innovationsveranstaltungen'],
      '/zh': ['创新考察之旅', '技术搜寻', '加速计划', '办公室共享工位', '创新活动'],
    };
    for (const [prefix, titles] of Object.entries(expected)) {
      const page = await app.http.inject({ url: `${prefix}/services` });
      expect(page.statusCode).toBe(200);
      const headings = [...page.body.matchAll(/<h2><a href="([^"]+)">([^<]+)<\/a><\/h2>/g)].map((match) => [match[1], match[2]]);
      expect(headings).toEqual(HUB_SERVICES.map((service, index) => [`${prefix}/services/${service.slug}`, titles[index]]));
      // The footer of every page links the index, in the page's language.
      expect(/<footer class="site-footer">[\s\S]*<\/footer>/.exec(page.body)?.[0]).toContain(`href="${prefix}/services"`);
    }
    expect(visibleText((await app.http.inject({ url: '/services' })).body)).toContain('The Innovation Hub links small and medium-sized German companies with the booming startup scene of Shenzhen');
  });

  it('says on each service page what it is, and ends with a call to action opening the contact form on its topic', async () => {
    for (const service of HUB_SERVICES) {
      for (const prefix of ['', '/de', '/zh']) {
        const page = await app.http.inject({ url: `${prefix}/services/${service.slug}` });
        expect(page.statusCode, `${prefix}/services/${service.slug}`).toBe(200);
        expect(page.headers['cache-control']).toMatch(/^public/);
        expect(page.body).toContain(`<a class="button" href="${prefix}/contact?topic=${service.topic}">`);
      }
    }
    const scouting = visibleText((await app.http.inject({ url: '/services/technology-scouting' })).body);
    expect(scouting).toContain('Our innovation department keeps a knowledge base of the latest technology developments and trends');
    expect(scouting).toContain('Ask about Technology scouting');
    const events = await app.http.inject({ url: '/de/services/innovation-events' });
    expect(visibleText(events.body)).toContain('über 150 Gästen und Partnern aus der Greater Bay Area');
    expect(events.body).toContain('href="/de/events"');
  });

  it('answers an unknown service with 404 in every language', async () => {
    for (const url of ['/services/space-tourism', '/de/services/space-tourism', '/zh/services/innovation-trip']) {
      expect((await app.http.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it('preselects a valid ?topic= on the contact form and ignores any other value', async () => {
    const selected = (body: string) => [...body.matchAll(/<option value="([^"]*)" selected/g)].map((match) => match[1]);
    expect(selected((await app.http.inject({ url: '/contact?topic=technology-scouting' })).body)).toEqual(['technology-scouting']);
    expect(selected((await app.http.inject({ url: '/zh/contact?topic=office-in-office' })).body)).toEqual(['office-in-office']);
    for (const query of ['topic=nonsense', 'topic=%3Cscript%3Ealert(1)%3C%2Fscript%3E', "topic=press'%20OR%201%3D1--", 'topic=press&topic=other', 'topic[x]=press', 'topic=']) {
      const page = await app.http.inject({ url: `/contact?${query}` });
      expect(page.statusCode, query).toBe(200);
      expect(selected(page.body).filter((value) => value !== ''), query).toEqual([]);
      expect(page.body, query).not.toContain('<script>alert');
    }
  });

  it('lets an admin choose the owner of each topic, refusing anyone who cannot read the inbox', async () => {
    const scoutId = await staffId(db(), 'scout@example.com');
    const form = await admin.get('/admin/inquiries/owners');
    expect(form.statusCode).toBe(200);
    expect(visibleText(form.body)).toContain('Owner of “Technology scouting”');
    // A contributor may not read the inbox, so cannot own a topic; nor can an unknown id.
    const writerId = await staffId(db(), 'writer@example.com');
    for (const bad of [String(writerId), '99999', 'scout@example.com']) {
      const refused = await admin.post('/admin/inquiries/owners', { 'technology-scouting': bad });
      expect(refused.statusCode, bad).toBe(400);
      expect(visibleText(refused.body)).toContain('choose an active staff member who reads the inbox, or nobody');
    }
    expect(await db().selectFrom('inquiry_topic_owners').selectAll().execute()).toEqual([]);

    const saved = await admin.post('/admin/inquiries/owners', { 'technology-scouting': String(scoutId) });
    expect(saved.statusCode).toBe(303);
    expect(await db().selectFrom('inquiry_topic_owners').select(['topic', 'staff_id']).execute()).toEqual([{ topic: 'technology-scouting', staff_id: scoutId }]);
    const log = await db().selectFrom('activity').select(['action', 'subject_label', 'detail']).where('action', '=', 'inquiry.owner').execute();
    expect(log).toEqual([{ action: 'inquiry.owner', subject_label: 'Technology scouting', detail: 'owner: scout@example.com' }]);
    expect(decodeURIComponent(String(saved.headers['set-cookie']))).toContain('Saved the owner of 1 topic.');
    // Saving the same again changes nothing; an editor may not open the page at all.
    await admin.post('/admin/inquiries/owners', { 'technology-scouting': String(scoutId) });
    expect(await db().selectFrom('activity').select('id').where('action', '=', 'inquiry.owner').execute()).toHaveLength(1);
    expect((await editor.get('/admin/inquiries/owners')).statusCode).toBe(403);
  });

  it('routes an inquiry on an owned topic to its owner: assigned, mailed in their language, listed under assigned to me', async () => {
    const page = await app.http.inject({ url: '/contact?topic=technology-scouting' });
    const cookie = cookiesFrom(page.headers['set-cookie']);
    const send = (topic: string, name: string) =>
      app.http.inject({
        method: 'POST',
        url: '/contact',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: csrfTokenIn(page.body), name, email: 'lena@example.com', company: 'Sample GmbH', topic, message: 'We look for battery suppliers.' }),
      });
    const before = (await outboxMessages(app)).length;
    expect((await send('technology-scouting', 'Lena Example')).statusCode).toBe(200);
    expect((await send('innovation-trips', 'Jonas Example')).statusCode).toBe(200);

    const rows = await db().selectFrom('inquiries').select(['name', 'topic', 'assigned_staff_id']).orderBy('id').execute();
    expect(rows).toEqual([
      { name: 'Lena Example', topic: 'technology-scouting', assigned_staff_id: await staffId(db(), 'scout@example.com') },
      { name: 'Jonas Example', topic: 'innovation-trips', assigned_staff_id: null },
    ]);
    const mails = await Promise.all((await outboxMessages(app)).slice(before).map((raw) => simpleParser(raw)));
    const to = (mail: (typeof mails)[number]) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '');
    // The owned topic: only its owner, in German. The other: the usual contact address, in English.
    expect(mails.map((mail) => `${to(mail)}: ${mail.subject}`)).toEqual([
      'scout@example.com: Neue Anfrage: Technologie-Scouting von Lena Example',
      'innovation@example.org: New inquiry: Innovation trips from Jonas Example',
    ]);
    expect(mails[0]!.replyTo?.text).toBe('lena@example.com');

    const mine = visibleText((await scout.get('/admin/inquiries?assigned=me')).body);
    expect(mine).toContain('Lena Example');
    expect(mine).not.toContain('Jonas Example');
    const others = visibleText((await editor.get('/admin/inquiries?assigned=me')).body);
    expect(others).not.toContain('Lena Example');
    expect(visibleText((await editor.get('/admin/inquiries?assigned=everyone')).body)).toContain('Jonas Example');
    const [lena] = await db().selectFrom('inquiries').select('id').where('name', '=', 'Lena Example').execute();
    expect(visibleText((await editor.get(`/admin/inquiries/${lena!.id}`)).body)).toContain('Assigned to scout@example.com');
  });

  it('sends to the usual recipients again once the owner can no longer read the inbox', async () => {
    const scoutId = await staffId(db(), 'scout@example.com');
    await db().updateTable('staff').set({ active: 0 }).where('id', '=', scoutId).execute();
    const page = await app.http.inject({ url: '/contact' });
    const before = (await outboxMessages(app)).length;
    await app.http.inject({
      method: 'POST',
      url: '/contact',
      headers: { cookie: cookiesFrom(page.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ _csrf: csrfTokenIn(page.body), name: 'Max Example', email: 'max@example.com', company: '', topic: 'technology-scouting', message: 'Hello' }),
    });
    const mails = await Promise.all((await outboxMessages(app)).slice(before).map((raw) => simpleParser(raw)));
    expect(mails.map((mail) => mail.subject)).toEqual(['New inquiry: Technology scouting from Max Example']);
    expect((await db().selectFrom('inquiries').select('assigned_staff_id').where('name', '=', 'Max Example').executeTakeFirstOrThrow()).assigned_staff_id).toBeNull();
  });
});
