import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cookiesFrom, createTestApp, decodeHtml, destroyTestApp, visibleText } from '../../../test/support/app.js';
import { forEachDialect } from '../../../test/support/databases.js';
import { signInDesk, type DeskSession } from '../../../test/support/desk.js';
import { signInStaff } from '../../../test/support/people.js';
import { listActivity } from '../../activity/activity.service.js';
import type { App } from '../../app.js';
import { DEMO_DIR } from '../../content-folder/demo.js';
import { importContent } from '../../content-folder/import.service.js';
import type { Database } from '../../db/database.js';
import { fixedClock } from '../../lib/clock.js';
import { findContactByEmail } from '../../members/contacts.service.js';

// The desk's companies and contacts through HTTP: lists and filters, forms that keep what was
// typed when they fail, the CSV dry run (writes nothing), import and export download.

const clock = fixedClock('2026-11-28T12:00:00Z');
const HEADER = 'email,name,company,member,language,topics';
let topicsOnly: string;

beforeAll(async () => {
  topicsOnly = await mkdtemp(join(tmpdir(), 'insights-people-'));
  await cp(join(DEMO_DIR, 'topics'), join(topicsOnly, 'topics'), { recursive: true });
});
afterAll(() => rm(topicsOnly, { recursive: true, force: true }));

/** A multipart/form-data body with text fields and one file, as a browser sends the upload form. */
function multipart(fields: Record<string, string>, file?: { field: string; name: string; content: string }) {
  const boundary = '----insights-test-boundary';
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  if (file) parts.push(`--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.name}"\r\ncontent-type: text/csv\r\n\r\n${file.content}\r\n`);
  return { payload: Buffer.from(`${parts.join('')}--${boundary}--\r\n`), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function countContacts(db: Database): Promise<number> {
  return Number((await db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

forEachDialect('desk: companies and contacts', ({ db }) => {
  let app: App;
  let admin: DeskSession;
  const get = (url: string) => admin.get(url);
  const post = (url: string, fields: Record<string, string | readonly string[]>) => admin.post(url, fields);
  const upload = (mode: string, content: string | undefined) => {
    const body = multipart({ _csrf: admin.csrf, mode }, content === undefined ? undefined : { field: 'file', name: 'contacts.csv', content });
    return app.http.inject({ method: 'POST', url: '/admin/contacts/import', headers: { cookie: admin.cookie, ...body.headers }, payload: body.payload });
  };

  beforeAll(async () => {
    await importContent(db(), topicsOnly, { clock });
    app = await createTestApp(db(), { clock });
    admin = await signInDesk(app, db(), 'admin@example.org', 'admin');
  });
  afterAll(() => destroyTestApp(app));

  it('creates, lists, filters and edits companies; a name clash re-renders the form', async () => {
    const created = await post('/admin/companies', { name: 'Example Maschinenbau GmbH', industry: 'manufacturing', membership: 'active' });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toMatch(/^\/admin\/companies\/\d+$/);
    expect((await post('/admin/companies', { name: 'Lapsed Logistics AG', industry: '', membership: 'lapsed' })).statusCode).toBe(303);

    const clash = await post('/admin/companies', { name: '  example   MASCHINENBAU gmbh ', industry: 'typed industry', membership: 'lapsed' });
    expect(clash.statusCode).toBe(400);
    expect(visibleText(clash.body)).toContain('another company is already called "Example Maschinenbau GmbH"');
    expect(clash.body).toContain('value="typed industry"');
    expect(clash.body).toMatch(/<option value="lapsed" selected/);

    const active = visibleText((await get('/admin/companies?membership=active')).body);
    expect(active).toContain('Example Maschinenbau GmbH');
    expect(active).not.toContain('Lapsed Logistics AG');
    const byName = visibleText((await get('/admin/companies?q=LOGISTICS')).body);
    expect(byName).toContain('Lapsed Logistics AG');
    expect(byName).not.toContain('Example Maschinenbau GmbH');

    const id = String(created.headers.location).split('/').pop()!;
    const edited = await post(`/admin/companies/${id}`, { name: 'Example Maschinenbau GmbH', industry: 'machinery', membership: 'lapsed' });
    expect(edited.statusCode).toBe(303);
    const afterRedirect = await app.http.inject({ url: String(edited.headers.location), headers: { cookie: cookiesFrom(edited.headers['set-cookie'], admin.cookie) } });
    expect(visibleText(afterRedirect.body)).toContain('Saved.');
    expect((await get('/admin/companies?membership=lapsed')).body).toContain('Example Maschinenbau GmbH');
    const invalid = await post(`/admin/companies/${id}`, { name: '', industry: 'kept', membership: 'sometimes' });
    expect(invalid.statusCode).toBe(400);
    expect(visibleText(invalid.body)).toContain('enter the company name');
    expect(visibleText(invalid.body)).toContain('choose active or lapsed');
    expect(invalid.body).toContain('value="kept"');
  });

  it('creates and edits contacts; an address taken in another case is a form error that keeps the input', async () => {
    const companies = await get('/admin/companies?q=maschinenbau');
    const companyId = /href="\/admin\/companies\/(\d+)"/.exec(companies.body)![1]!;
    await post(`/admin/companies/${companyId}`, { name: 'Example Maschinenbau GmbH', industry: 'manufacturing', membership: 'active' });

    const mia = await post('/admin/contacts', { email: 'member@example.com', name: 'Mia Member', language: 'de', company: companyId, subscribed: '1', topics: ['technology-trends'] });
    expect(mia.statusCode).toBe(303);
    const reader = await post('/admin/contacts', { email: 'reader@example.com', name: 'Rita Reader', language: 'en', company: '' });
    expect(reader.statusCode).toBe(303);
    expect(await findContactByEmail(db(), 'reader@example.com')).toMatchObject({ subscribed: false, company: null });

    const clash = await post('/admin/contacts', { email: 'MEMBER@example.com', name: 'Typed <Name>', language: 'zh', company: '', subscribed: '1', topics: ['startup-ecosystem'] });
    expect(clash.statusCode).toBe(400);
    expect(visibleText(clash.body)).toContain('another contact already has the address member@example.com');
    expect(clash.body).toContain('value="MEMBER@example.com"');
    expect(clash.body).toContain('value="Typed &lt;Name>"');
    expect(clash.body).toMatch(/<option value="zh" selected/);
    expect(clash.body).toMatch(/value="startup-ecosystem" checked/);

    const readerId = String(reader.headers.location).split('/').pop()!;
    const taken = await post(`/admin/contacts/${readerId}`, { email: 'Member@Example.com', name: 'Rita Renamed', language: 'en', company: '', subscribed: '1' });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('value="Rita Renamed"');
    expect((await findContactByEmail(db(), 'reader@example.com'))?.name).toBe('Rita Reader');

    const saved = await post(`/admin/contacts/${readerId}`, { email: 'reader@example.com', name: 'Rita Reader', language: 'en', company: '', subscribed: '1', topics: ['expert-interviews', 'startup-ecosystem'] });
    expect(saved.statusCode).toBe(303);
    expect(await findContactByEmail(db(), 'reader@example.com')).toMatchObject({ subscribed: true, topics: ['startup-ecosystem', 'expert-interviews'] });
    const [entry] = await listActivity(db(), { limit: 1 });
    expect(entry).toMatchObject({ action: 'contact.update', actor: { label: 'admin@example.org' }, detail: 'subscribed' });

    const badCompany = await post(`/admin/contacts/${readerId}`, { email: 'reader@example.com', name: 'Rita', language: 'xx', company: '99999', subscribed: '1' });
    expect(badCompany.statusCode).toBe(400);
    expect(visibleText(badCompany.body)).toContain('choose one of the offered languages');
  });

  it('lists contacts with filters and a pager that keeps them', async () => {
    const all = visibleText((await get('/admin/contacts')).body);
    expect(all).toContain('member@example.com');
    expect(all).toContain('reader@example.com');
    expect(all).toContain('Showing 1–2 of 2 contacts');
    const members = visibleText((await get('/admin/contacts?member=yes')).body);
    expect(members).toContain('member@example.com');
    expect(members).not.toContain('reader@example.com');
    const others = visibleText((await get('/admin/contacts?member=no&subscribed=yes')).body);
    expect(others).toContain('reader@example.com');
    expect(others).not.toContain('member@example.com');
    expect(visibleText((await get('/admin/contacts?q=RITA')).body)).toContain('reader@example.com');
    const topic = visibleText((await get('/admin/contacts?topic=technology-trends')).body);
    expect(topic).toContain('member@example.com');
    expect(topic).not.toContain('reader@example.com');
    // Odd query values mean "no filter", never an error.
    expect((await get('/admin/contacts?member=maybe&company=abc&page=-3')).statusCode).toBe(200);

    const rows = Array.from({ length: 60 }, (_, index) => `bulk${String(index).padStart(2, '0')}@example.com,Bulk ${index},,,,`);
    expect((await upload('import', `${HEADER}\n${rows.join('\n')}\n`)).statusCode).toBe(303);
    const first = (await get('/admin/contacts?q=bulk')).body;
    expect(visibleText(first)).toContain('Showing 1–50 of 60 contacts (page 1 of 2)');
    expect(decodeHtml(first)).toContain('href="/admin/contacts?q=bulk&page=2"');
    expect(visibleText((await get('/admin/contacts?q=bulk&page=2')).body)).toContain('Showing 51–60 of 60 contacts');
    expect(visibleText((await get('/admin/contacts?q=bulk&page=9')).body)).toContain('Page 9 is past the last page (2). First page');
  });

  it('a dry run previews and writes nothing; a bad file lists every bad line; a good file imports', async () => {
    const before = await countContacts(db());
    const csv = `${HEADER}\nmember@example.com,Mia Member,Example Maschinenbau GmbH,yes,de,technology-trends\nnew.person@example.com,"New, Person",Fresh Ventures GmbH,yes,zh,\n`;
    const dry = await upload('dry-run', csv);
    expect(dry.statusCode).toBe(200);
    const preview = visibleText(dry.body);
    expect(preview).toContain('Dry run: nothing was written');
    expect(preview).toContain('1 contacts would be created');
    expect(preview).toContain('1 contacts unchanged');
    expect(preview).toContain('1 companies would be created');
    expect(preview).toMatch(/3 new\.person@example\.com new contact/);
    expect(preview).toContain('1 new contact without consent would be imported not subscribed to the newsletter');
    expect(await countContacts(db())).toBe(before);

    const bad = await upload('import', `${HEADER}\nok@example.com,Ok,,,,\nbroken,Bad,,,,\nx@example.com,X,,maybe,,\n`);
    expect(bad.statusCode).toBe(400);
    const report = visibleText(bad.body);
    expect(report).toContain('2 problems in uploaded CSV; nothing was imported');
    expect(report).toContain('3 email is not a valid address');
    expect(report).toContain('4 member must be yes or no');
    expect(await countContacts(db())).toBe(before);
    expect(await findContactByEmail(db(), 'ok@example.com')).toBeUndefined();

    const none = await upload('import', undefined);
    expect(none.statusCode).toBe(400);
    expect(visibleText(none.body)).toContain('Choose a CSV file to upload.');

    const done = await upload('import', csv);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin/contacts');
    const listed = visibleText((await app.http.inject({ url: '/admin/contacts', headers: { cookie: cookiesFrom(done.headers['set-cookie'], admin.cookie) } })).body);
    expect(listed).toContain('Imported 2 rows: 1 contacts created, 0 updated, 1 unchanged; 1 companies created; 1 new contacts without consent, not subscribed.');
    // A six-column file states no consent: the new contact is not subscribed (issue 15).
    expect(await findContactByEmail(db(), 'NEW.PERSON@example.com')).toMatchObject({ name: 'New, Person', language: 'zh', subscribed: false, company: { name: 'Fresh Ventures GmbH' } });
  });

  it('downloads the export as an attachment with formula cells guarded', async () => {
    await post('/admin/contacts', { email: 'formula@example.com', name: '=HYPERLINK("http://evil.example")', language: 'en', company: '', subscribed: '1' });
    const response = await get('/admin/contacts/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="contacts-2026-11-28.csv"');
    expect(response.body.startsWith(`\uFEFF${HEADER},role,consent\n`)).toBe(true);
    // Added subscribed on the desk: the consent column names the staff member who vouched for it.
    expect(response.body).toMatch(/formula@example\.com,"'=HYPERLINK\(""http:\/\/evil\.example""\)",,,en,,,2026-11-28 desk staff \d+ admin@example\.org\n/);
    expect(response.body).toMatch(/\nmember@example\.com,Mia Member,Example Maschinenbau GmbH,yes,de,technology-trends,,2026-11-28 desk staff \d+ admin@example\.org\n/);

    // Uploading the download changes nothing (the guard and the byte-order mark are removed).
    const again = await upload('dry-run', response.body);
    expect(visibleText(again.body)).toContain('0 contacts would be updated');
    expect(visibleText(again.body)).toContain('The file changes nothing.');
  });

  it('refuses roles without manage_people', async () => {
    const editor = await signInStaff(app, db(), 'editor@example.org', 'editor');
    for (const url of ['/admin/companies', '/admin/contacts', '/admin/contacts/export', '/admin/contacts/import']) {
      expect((await app.http.inject({ url, headers: { cookie: editor } })).statusCode, url).toBe(403);
    }
  });
});
