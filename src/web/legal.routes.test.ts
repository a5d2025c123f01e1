import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenIn, destroyTestApp, outboxMessages, visibleText } from '../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase, ENGINES } from '../../test/support/databases.js';
import { signInDesk } from '../../test/support/desk.js';
import { createContact, signInMember } from '../../test/support/people.js';
import { listActivity } from '../activity/activity.service.js';
import type { App } from '../app.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import type { Database } from '../db/database.js';
import { insertEvent } from '../events/events.queries.js';
import { updateEventSettings } from '../events/event-settings.service.js';
import { findEventsByIds } from '../events/events.queries.js';
import { DEFAULT_SETTINGS as EVENT_DEFAULTS } from '../events/registrations.js';
import { fixedClock } from '../lib/clock.js';
import { localToInstant } from '../lib/local-time.js';
import { SETTING_KEYS } from '../settings/settings.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { SYSTEM_RIGHTS } from '../issues/publicity.service.js';
import { createItem } from '../issues/item-editing.service.js';
import { PROGRAM_STORE } from '../programs/program-store.js';
import { EMPTY_PROGRAM_DRAFT } from '../programs/program-draft.js';

// The site settings over HTTP: the desk page (manage_site: owners and admins; editors are
// refused), saving with per-field messages that keep the input, the imprint and privacy pages in
// three languages (a missing translation shows the English text marked as English), the
// privacy page's generated part following the switches, the "How we use your data" line on
// every public form that collects personal data, and the sender's footer in transactional mail.

const clock = fixedClock('2026-11-28T12:00:00Z');
const ADDRESS = ['Teststraße 5', '10115 Berlin-Testfeld', 'TESTLAND'];

/** The whole settings form with the given values over empty ones (as a browser sends it). */
function settingsForm(values: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = Object.fromEntries(SETTING_KEYS.map((key) => [key, '']));
  for (const key of ['retainSnapshotsDays', 'retainErrorsDays', 'retainUserAgentsDays', 'retainClicksDays', 'retainRateLimitsDays']) base[key] = '30';
  const form = { ...base, ...values };
  for (const key of ['tracking', 'consentNetworkLog']) if (form[key] === '') delete form[key];
  return form;
}

for (const engine of ENGINES) {
  describe(`site settings in the desk and on the site [${engine}]`, () => {
    let db: Database;
    let app: App;
    beforeAll(async () => {
      db = await createTestDatabase(engine);
      app = await createTestApp(db, { clock, config: { settingsSeed: { orgName: 'Seeded Chamber e.V.', orgEmail: 'office@chamber.example' } } });
    }, 60_000);
    afterAll(async () => {
      await destroyTestApp(app);
      await destroyTestDatabase(db);
    });

    it('refuses editors, and shows admins the form with the environment seed marked', async () => {
      const editor = await signInDesk(app, db, 'editor@example.org', 'editor');
      expect((await editor.get('/admin/settings')).statusCode).toBe(403);
      expect((await editor.post('/admin/settings', settingsForm({ orgName: 'Hijack' }))).statusCode).toBe(403);
      expect((await editor.get('/admin')).body).not.toContain('href="/admin/settings"');
      const admin = await signInDesk(app, db, 'admin@example.org', 'admin');
      expect((await admin.get('/admin')).body).toContain('href="/admin/settings"');
      const page = await admin.get('/admin/settings');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('value="Seeded Chamber e.V."');
      expect(visibleText(page.body)).toContain('From the environment');
    });

    it('re-renders bad input with a message per field and the input kept, and saves nothing', async () => {
      const admin = await signInDesk(app, db, 'admin2@example.org', 'admin');
      const bad = await admin.post('/admin/settings', settingsForm({ orgName: 'Kept Name', orgEmail: 'not an address', retainClicksDays: '-3', imprintEn: 'Kept imprint' }));
      expect(bad.statusCode).toBe(400);
      const text = visibleText(bad.body);
      expect(text).toContain('Some settings need fixing.');
      expect(text).toContain('orgEmail: Enter an email address, like office@example.org, or leave it empty.');
      expect(text).toContain('retainClicksDays: Enter a whole number of days from 1 to 3650.');
      expect(bad.body).toContain('value="Kept Name"');
      expect(bad.body).toContain('Kept imprint</textarea>');
      expect(await db.selectFrom('site_settings').selectAll().execute()).toEqual([]);
    });

    it('saves the organisation and the texts, logs it, and the imprint shows them in three languages at once', async () => {
      expect(visibleText((await app.http.inject({ url: '/imprint' })).body)).toContain('Seeded Chamber e.V.');
      const owner = await signInDesk(app, db, 'owner@example.org', 'owner');
      const saved = await owner.post('/admin/settings', settingsForm({ orgName: 'Desk Chamber e.V.', orgAddress: ADDRESS.join('\r\n'), orgEmail: 'office@chamber.example', orgPhone: '+49 30 000', imprintEn: 'Responsible: **Jane Example**.', imprintDe: 'Verantwortlich: **Jane Example**.', privacyEn: 'We keep little.', consentNetworkLog: '1' }));
      expect(saved.statusCode).toBe(303);
      const entries = await listActivity(db, { subjectType: 'settings', limit: 5 });
      expect(entries[0]).toMatchObject({ action: 'settings.update', actor: { label: 'owner@example.org' } });

      const en = await app.http.inject({ url: '/imprint' });
      expect(en.statusCode).toBe(200);
      const enText = visibleText(en.body);
      for (const words of ['Imprint', 'Desk Chamber e.V.', ...ADDRESS, 'office@chamber.example', '+49 30 000', 'Responsible:', 'Jane Example']) expect(enText).toContain(words);
      expect(en.body).toContain('<strong>Jane Example</strong>');
      const de = visibleText((await app.http.inject({ url: '/de/imprint' })).body);
      expect(de).toContain('Impressum');
      expect(de).toContain('Verantwortlich:');
      expect(de).not.toContain('(Englisch)');
      const zh = await app.http.inject({ url: '/zh/imprint' });
      expect(visibleText(zh.body)).toContain('法律声明');
      expect(visibleText(zh.body)).toContain('（英文）');
      expect(zh.body).toContain('<div lang="en"><div class="prose"><p>Responsible: <strong>Jane Example</strong>.</p>');
    });

    it('ends the privacy page with what the site stores, following the IP-logging switch', async () => {
      const on = visibleText((await app.http.inject({ url: '/privacy' })).body);
      expect(on).toContain('We keep little.');
      expect(on).toContain('What this site stores');
      expect(on).toContain('With each consent, the IP address and the browser identification (user agent) of the request.');
      expect(on).toContain('The browser identification is deleted after 30 days; the IP address stays with the consent as its proof.');
      expect(on.indexOf('We keep little.')).toBeLessThan(on.indexOf('What this site stores'));
      const de = visibleText((await app.http.inject({ url: '/de/privacy' })).body);
      expect(de).toContain('Was diese Website speichert');
      expect(de).toContain('(Englisch)');
      expect(de).toContain('Die Browserkennung wird nach 30 Tagen gelöscht');
      const owner = await signInDesk(app, db, 'owner2@example.org', 'owner');
      const current = await owner.get('/admin/settings');
      expect(current.body).toContain('name="consentNetworkLog" value="1" checked');
      await owner.post('/admin/settings', settingsForm({ orgName: 'Desk Chamber e.V.', orgAddress: ADDRESS.join('\n'), orgEmail: 'office@chamber.example', privacyEn: 'We keep little.', retainClicksDays: '12' }));
      const off = visibleText((await app.http.inject({ url: '/zh/privacy' })).body);
      expect(off).toContain('同意记录中不保存 IP 地址和浏览器标识。');
      expect(visibleText((await app.http.inject({ url: '/privacy' })).body)).toContain('No IP address and no browser identification are recorded with consents.');
    });

    it("puts the sender's name, postal address and imprint link (in the recipient's language) in transactional mail", async () => {
      const form = await app.http.inject({ url: '/de/subscribe' });
      const cookie = String(form.headers['set-cookie'] ?? '').split(';')[0]!;
      const sent = await app.http.inject({ method: 'POST', url: '/de/subscribe', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrfTokenIn(form.body), email: 'leser@example.de', name: 'Leser', website: '' }).toString() });
      expect(sent.statusCode).toBeLessThan(400);
      const raw = (await outboxMessages(app)).find((message) => /^To: .*leser@example\.de/im.test(message));
      expect(raw).toBeDefined();
      const plain = raw!.replace(/=\r?\n/g, '');
      expect(plain).toContain('Desk Chamber e.V.');
      expect(plain).toContain('10115 Berlin-Testfeld');
      expect(plain).toContain('http://insights.test/de/imprint');
      expect(plain).toContain('Impressum');
    });
  });
}

describe('the privacy line on every public form that collects personal data', () => {
  let db: Database;
  let app: App;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    await importContent(db, DEMO_DIR, { clock });
    const id = await insertEvent(
      db,
      { slug: 'privacy-dialogue-2027', title: 'Privacy Dialogue 2027', body: 'Come along.', startsAt: localToInstant('2027-03-03T14:00', 'Asia/Shanghai'), endsAt: localToInstant('2027-03-03T18:00', 'Asia/Shanghai'), timeZone: 'Asia/Shanghai', allDay: false, venue: 'Hub', address: null, city: 'Guangzhou', online: false, onlineUrl: null, organiser: 'own', organiserName: null, url: null, capacity: 10, registrationOpensAt: null, registrationClosesAt: null, sectors: [] },
      clock.now().toISOString(),
    );
    const event = (await findEventsByIds(db, [id])).get(id)!;
    await updateEventSettings(db, clock, { type: 'staff', id: null, label: 'editor@example.com' }, event, { ...EVENT_DEFAULTS, callKinds: ['speaker'], callClosesAt: '2027-01-31T16:00:00.000Z' });
    await createItem(db, clock, SYSTEM_ACTOR, PROGRAM_STORE, { ...EMPTY_PROGRAM_DRAFT, slug: 'privacy-club', title: 'Privacy Club', body: 'Mentoring.', roles: ['mentor', 'mentee'], registration_deadline: '2027-01-31', time_zone: 'Asia/Shanghai', contact_email: 'club@example.org' }, SYSTEM_RIGHTS);
    await createContact(db, 'reader@member.example', { name: 'Member GmbH', membership: 'active' });
    app = await createTestApp(db, { clock });
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestDatabase(db);
  });

  it('links to the privacy page in the language of the form, inside the form', async () => {
    const member = await signInMember(app, 'reader@member.example');
    const pages: [string, string | undefined][] = [
      ['/subscribe', undefined],
      ['/de/login', undefined],
      ['/zh/contact', undefined],
      ['/events/privacy-dialogue-2027/call', undefined],
      ['/de/events/privacy-dialogue-2027', member],
      ['/account', member],
      ['/zh/programs/privacy-club/register/mentee', member],
    ];
    const missing: string[] = [];
    for (const [url, cookie] of pages) {
      const response = await app.http.inject({ url, headers: cookie ? { cookie } : {} });
      const language = /^\/(de|zh)\//.exec(url)?.[1];
      const privacy = language ? `/${language}/privacy` : '/privacy';
      const forms = [...response.body.matchAll(/<form method="post"[\s\S]*?<\/form>/g)].map((match) => match[0]).filter((form) => form.includes('type="submit"') && !form.includes('/logout'));
      if (!forms.some((form) => form.includes(`<p class="privacy-note">`) && form.includes(`href="${privacy}"`))) missing.push(`${url} (${response.statusCode})`);
    }
    expect(missing).toEqual([]);
  });
});
