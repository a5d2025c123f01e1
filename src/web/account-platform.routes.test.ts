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
