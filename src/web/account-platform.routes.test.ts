import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfTokenIn, decodeHtml, destroyTestApp, TEST_ERASURE_KEY, visibleText } from '../../test/support/app.js';
import { importContentFiles } from '../../test/support/content.js';
import { forEachDialect } from '../../test/support/databases.js';
import { formBody, signInDesk, type DeskSession } from '../../test/support/desk.js';
import { createContact, signInMember } from '../../test/support/people.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { App } from '../app.js';
import { fixedClock } from '../lib/clock.js';
import { exportPersonalData } from '../privacy/export.service.js';
import { eraseAddress } from '../privacy/erasure.service.js';

// The account page's part of the innovation platform: the contact's role (job title), saved with
// a CSRF form and re-shown with what was typed when it fails; staff see and change it on the
// desk's contact page; the data export carries it and erasure removes it.

const clock = fixedClock('2026-11-28T12:00:00Z');
const ANA = 'ana@maschinen.example.com';

forEachDialect('account: role', ({ db }) => {
  let app: App;
  let ana: string;
  let desk: DeskSession;
  let anaId: number;

  beforeAll(async () => {
    await importContentFiles(db(), clock);
    anaId = await createContact(db(), ANA, { name: 'Ana Maschinen GmbH', membership: 'active' });
    app = await createTestApp(db(), { clock });
    ana = await signInMember(app, ANA);
    desk = await signInDesk(app, db(), 'admin@example.com', 'admin');
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
  });

  const postRole = async (role: string, url = '/account/role', cookie = ana) => {
    const page = await app.http.inject({ url: '/account', headers: { cookie } });
    return app.http.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrfTokenIn(page.body), role }) });
  };
  const stored = async () => (await db().selectFrom('contacts').select('role').where('id', '=', anaId).executeTakeFirstOrThrow()).role;

  it('saves the role from the account page, trimmed, and shows it back', async () => {
    const page = await app.http.inject({ url: '/account', headers: { cookie: ana } });
    expect(page.body).toContain('name="role"');
    const saved = await postRole('  Head of Purchasing  ');
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/account?role=saved#role-heading');
    expect(await stored()).toBe('Head of Purchasing');
    const after = await app.http.inject({ url: '/account?role=saved', headers: { cookie: ana } });
    expect(visibleText(after.body)).toContain('Your role is saved.');
    expect(decodeHtml(after.body)).toContain('value="Head of Purchasing"');
    const activity = await db().selectFrom('activity').select(['action', 'detail']).where('action', '=', 'contact.role').execute();
    expect(activity).toEqual([{ action: 'contact.role', detail: 'changed' }]);
  });

  it('refuses a role on two lines or too long, re-showing what was typed and what to fix, in the reader\'s language', async () => {
    const long = 'x'.repeat(121);
    const refused = await postRole(long);
    expect(refused.statusCode).toBe(400);
    expect(visibleText(refused.body)).toContain('Use at most 120 characters for the role.');
    expect(refused.body).toContain(`value="${long}"`);
    const german = await postRole('Leiterin\nEinkauf', '/de/account/role');
    expect(german.statusCode).toBe(400);
    expect(visibleText(german.body)).toContain('Bitte geben Sie die Funktion in einer Zeile an.');
    const markup = await postRole('<script>alert(1)</script>\n');
    expect(markup.statusCode).toBe(303); // trimmed to one line: a role is text, shown escaped
    const shown = await app.http.inject({ url: '/account', headers: { cookie: ana } });
    expect(shown.body).not.toContain('<script>alert(1)</script>');
    expect(shown.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect((await postRole('Head of Purchasing')).statusCode).toBe(303);
  });

  it('refuses a post without the CSRF token and a signed-out visitor, changing nothing', async () => {
    const forged = await app.http.inject({ method: 'POST', url: '/account/role', headers: { cookie: ana, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ role: 'Forged' }) });
    expect(forged.statusCode).toBe(403);
    const signedOut = await app.http.inject({ method: 'POST', url: '/account/role', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ role: 'Anyone' }) });
    expect(signedOut.statusCode).toBe(403);
    expect(await stored()).toBe('Head of Purchasing');
  });

  it('shows and changes the role on the desk\'s contact page', async () => {
    const page = await desk.get(`/admin/contacts/${anaId}`);
    expect(decodeHtml(page.body)).toMatch(/name="role"[^>]*value="Head of Purchasing"|value="Head of Purchasing"[^>]*name="role"/);
    const html = decodeHtml(page.body);
    const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? '';
    const saved = await desk.post(`/admin/contacts/${anaId}`, { email: value('email'), name: 'Ana Schmidt', role: 'Chief Procurement Officer', language: 'de', company: /<option value="(\d+)" selected/.exec(html)![1]!, subscribed: '1' });
    expect(saved.statusCode).toBe(303);
    expect(await stored()).toBe('Chief Procurement Officer');
    const bad = await desk.post(`/admin/contacts/${anaId}`, { email: ANA, name: 'Ana Schmidt', role: 'y'.repeat(121), language: 'de', company: '' });
    expect(bad.statusCode).toBe(400);
    expect(visibleText(bad.body)).toContain('use at most 120 characters');
    expect(decodeHtml(bad.body)).toContain(`value="${'y'.repeat(121)}"`);
    expect(await stored()).toBe('Chief Procurement Officer');
  });

  it('puts the role into the data export, and erasure removes it', async () => {
    const exported = await exportPersonalData(db(), clock, TEST_ERASURE_KEY, ANA, SYSTEM_ACTOR);
    expect(JSON.stringify(exported.sections.contact)).toContain('Chief Procurement Officer');
    await eraseAddress({ db: db(), clock, erasureKey: TEST_ERASURE_KEY, outboxDir: null }, ANA, SYSTEM_ACTOR);
    expect(await db().selectFrom('contacts').select('role').where('id', '=', anaId).execute()).toEqual([]);
  });
});

const innovator = (name: string, city: string, technologies: readonly string[], sectors: readonly string[] = ['mobility']) => `---
name: ${name}
country: CN
kind: startup
city: ${city}
sectors: [${sectors.join(', ')}]
technologies: [${technologies.join(', ')}]
contacts:
  - name: Contact of ${name}
    email: contact@${name.toLowerCase().replace(/\W/g, '')}.example.com
    language: en
    source: a business card
---
${name} in ${city}.
`;

forEachDialect('account: innovator suggestions', ({ db }) => {
  let app: App;
  let desk: DeskSession;
  let companyId: number;

  beforeAll(async () => {
    await importContentFiles(db(), clock, {
      files: {
        'innovators/ehang.md': innovator('EHang', 'Guangzhou', ['air taxis']),
        'innovators/xpeng-aeroht.md': innovator('XPeng AeroHT', 'Guangzhou', ['air taxis', 'flying cars']),
        'innovators/autoflight.md': innovator('AutoFlight', 'Shanghai', ['air taxis']),
        'innovators/catl.md': innovator('CATL', 'Ningde', ['batteries'], ['energy']),
      },
    });
    await createContact(db(), 'ana@flug.example.com', { name: 'Flug Werke AG', membership: 'active' });
    await createContact(db(), 'ben@flug.example.com', { name: 'Flug Werke AG', membership: 'active' });
    await createContact(db(), 'old@lapsed.example.com', { name: 'Old AG', membership: 'lapsed' });
    companyId = (await db().selectFrom('companies').select('id').where('name', '=', 'Flug Werke AG').executeTakeFirstOrThrow()).id;
    app = await createTestApp(db(), { clock });
    desk = await signInDesk(app, db(), 'admin@example.com', 'admin');
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
  });

  it('suggests nobody before the company shows an interest, and nothing to a lapsed member', async () => {
    const ben = await signInMember(app, 'ben@flug.example.com');
    const page = visibleText((await app.http.inject({ url: '/account', headers: { cookie: ben } })).body);
    expect(page).toContain('Innovators for your company');
    expect(page).toContain('No innovator matches your company yet.');
    const lapsed = await signInMember(app, 'old@lapsed.example.com');
    expect(visibleText((await app.http.inject({ url: '/account', headers: { cookie: lapsed } })).body)).not.toContain('Innovators for your company');
  });

  it('after a colleague asked to meet EHang, suggests innovators with its technologies and city to the whole company, with why', async () => {
    const ana = await signInMember(app, 'ana@flug.example.com');
    const form = await app.http.inject({ url: '/innovators/ehang/introduction', headers: { cookie: ana } });
    const asked = await app.http.inject({
      method: 'POST', url: '/innovators/ehang/introduction', headers: { cookie: ana, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ _csrf: csrfTokenIn(form.body), purpose: 'technology-scouting', message: 'We scout air taxi makers for our test field.', consent: '1' }),
    });
    expect(asked.statusCode).toBe(303);

    const ben = await signInMember(app, 'ben@flug.example.com');
    const page = await app.http.inject({ url: '/account', headers: { cookie: ben } });
    const section = page.body.slice(page.body.indexOf('id="suggestions-heading"'));
    const text = visibleText(section);
    // XPeng AeroHT: one of its two technologies (100) and the same city (100); AutoFlight: its one technology (200).
    expect(text.indexOf('AutoFlight')).toBeGreaterThan(-1);
    expect(text.indexOf('AutoFlight')).toBeLessThan(text.indexOf('XPeng AeroHT'));
    expect(text).toContain('Technologies like those of innovators your company asked to meet: air taxis (200 points)');
    expect(text).toContain('In a city of innovators your company asked to meet: Guangzhou (100 points)');
    expect(section).toContain('href="/innovators/xpeng-aeroht"');
    expect(section).not.toContain('href="/innovators/ehang"');
    expect(text).not.toContain('CATL');
    // Nobody's request, message or contact person is on the page.
    expect(page.body).not.toContain('We scout air taxi makers');
    expect(page.body).not.toContain('contact@');

    const german = visibleText((await app.http.inject({ url: '/de/account', headers: { cookie: ben } })).body);
    expect(german).toContain('Innovatoren für Ihr Unternehmen');
    expect(german).toContain('In einer Stadt der Innovatoren, die Ihr Unternehmen kennenlernen wollte: Guangzhou (100 Punkte)');

    const company = visibleText((await desk.get(`/admin/companies/${companyId}`)).body);
    expect(company).toContain('Technologies like those of innovators the company asked to meet: air taxis (200 points)');
    expect(company).toContain('In a city of innovators the company asked to meet: Guangzhou (100 points)');
  });
});
