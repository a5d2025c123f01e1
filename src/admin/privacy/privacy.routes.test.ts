import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { fixedClock } from '../../lib/clock.js';
import { cookiesFrom, createTestApp, destroyTestApp, visibleText } from '../../../test/support/app.js';
import { forEachDialect } from '../../../test/support/databases.js';
import { signInDesk, type DeskSession } from '../../../test/support/desk.js';
import { createContact } from '../../../test/support/people.js';

// The desk's data requests: the contact page offers the export download and the erasure; the
// erasure has a confirm page listing what goes, and the audit entry names no address.

forEachDialect('desk: data requests', ({ db }) => {
  let app: App;
  let admin: DeskSession;
  let contactId: number;
  beforeAll(async () => {
    app = await createTestApp(db(), { clock: fixedClock('2026-11-28T12:00:00Z') });
    admin = await signInDesk(app, db(), 'admin@insights.example', 'admin');
    contactId = await createContact(db(), 'Hugo.Hash@Example.test', { name: 'Hash & Partner GmbH', membership: 'active' });
  });
  afterAll(() => destroyTestApp(app));

  it('the contact page links to the export and the erasure', async () => {
    const page = await admin.get(`/admin/contacts/${contactId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/admin/contacts/${contactId}/export.json"`);
    expect(page.body).toContain(`href="/admin/contacts/${contactId}/erase"`);
    expect(visibleText(page.body)).toContain('Personal data');
  });

  it('downloads the contact\'s data as JSON', async () => {
    const response = await admin.get(`/admin/contacts/${contactId}/export.json`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="contact-${contactId}-data.json"`);
    const document = JSON.parse(response.body);
    expect(document.address).toBe('hugo.hash@example.test');
    expect(document.sections.contact).toEqual([expect.objectContaining({ id: contactId, email: 'Hugo.Hash@Example.test' })]);
    expect(document.sections.company).toEqual([expect.objectContaining({ name: 'Hash & Partner GmbH' })]);
  });

  it('shows what an erasure would do, erases on confirm, and the audit names no address', async () => {
    const confirm = await admin.get(`/admin/contacts/${contactId}/erase`);
    expect(confirm.statusCode).toBe(200);
    const text = visibleText(confirm.body);
    expect(text).toContain(`Erase contact #${contactId}`);
    expect(text).toMatch(/contacts\s+deleted\s+1/);
    expect(await db().selectFrom('contacts').select('id').where('id', '=', contactId).executeTakeFirst()).toBeDefined();

    const erased = await admin.post(`/admin/contacts/${contactId}/erase`);
    expect(erased.statusCode).toBe(303);
    expect(erased.headers.location).toBe('/admin/contacts');
    expect(await db().selectFrom('contacts').select('id').where('id', '=', contactId).executeTakeFirst()).toBeUndefined();
    const audit = await db().selectFrom('activity').select(['actor_label', 'subject_label', 'detail']).where('action', '=', 'contact.erase').execute();
    expect(audit).toEqual([{ actor_label: 'admin@insights.example', subject_label: `contact #${contactId}`, detail: `erased contact #${contactId}` }]);
    const list = await app.http.inject({ url: '/admin/contacts', headers: { cookie: cookiesFrom(erased.headers['set-cookie'], admin.cookie) } });
    expect(visibleText(list.body)).toContain(`Contact #${contactId} was erased.`);

    // Gone: the pages answer 404, and a second erasure changes nothing.
    expect((await admin.get(`/admin/contacts/${contactId}/erase`)).statusCode).toBe(404);
    expect((await admin.post(`/admin/contacts/${contactId}/erase`)).statusCode).toBe(404);
    expect((await admin.get(`/admin/contacts/${contactId}/export.json`)).statusCode).toBe(404);

    // The desk does not add the erased address back (the import skips it too): the form says why.
    const added = await admin.post('/admin/contacts', { email: 'HUGO.hash@example.test', name: 'Hugo', language: 'en', company: '', subscribed: '1' });
    expect(added.statusCode).toBe(400);
    expect(visibleText(added.body)).toContain('this address was erased at the person\'s request and is not added again');
    expect(await db().selectFrom('contacts').select('id').where('email_key', '=', 'hugo.hash@example.test').executeTakeFirst()).toBeUndefined();
  });

  it('refuses a forged erasure (no CSRF token)', async () => {
    const other = await createContact(db(), 'kept@example.test', null);
    const forged = await app.http.inject({ method: 'POST', url: `/admin/contacts/${other}/erase`, headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(forged.statusCode).toBe(403);
    expect(await db().selectFrom('contacts').select('id').where('id', '=', other).executeTakeFirst()).toBeDefined();
  });
});
