import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, destroyTestApp, visibleText } from '../../../test/support/app.js';
import { forEachDialect } from '../../../test/support/databases.js';
import { seedIssue } from '../../../test/support/delivery.js';
import { signInDesk } from '../../../test/support/desk.js';
import type { App } from '../../app.js';
import { companyKey, emailKey } from '../../members/members.js';

// The desk's audiences over HTTP: the form previews count and sample (addresses only for staff
// who manage people), refuses bad input with the input kept, saves a filter that matches nobody
// and says 0; a send to a segment asks for confirmation with its count, a send to an empty one is
// refused; a draft may be test-sent.

forEachDialect('desk audiences', ({ db }) => {
  let app: App;
  let admin: Awaited<ReturnType<typeof signInDesk>>;
  let editor: Awaited<ReturnType<typeof signInDesk>>;
  let slug: string;
  const NOW = '2026-11-01T00:00:00.000Z';

  beforeAll(async () => {
    app = await createTestApp(db());
    admin = await signInDesk(app, db(), 'audience-admin@example.org', 'admin');
    editor = await signInDesk(app, db(), 'audience-editor@example.org', 'editor');
    slug = await seedIssue(db(), 2032, 'spring');
    const company = await db().insertInto('companies').values({ name: 'Aud Auto AG', name_key: companyKey('Aud Auto AG'), industry: 'Automotive', membership: 'active', created_at: NOW, updated_at: NOW }).returning('id').executeTakeFirstOrThrow();
    for (const [email, language, companyId] of [['aud-de@auto.test', 'de', company.id], ['aud-en@auto.test', 'en', company.id], ['aud-public@reader.test', 'de', null]] as const) {
      await db().insertInto('contacts').values({ email, email_key: emailKey(email), name: `Name ${email}`, language, company_id: companyId, subscribed: 1, subscription_changed_at: null, created_at: NOW, updated_at: NOW }).execute();
    }
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
  });

  it('the form previews the count per edition and a sample; addresses only for staff who manage people', async () => {
    const fields = { name: 'German automotive', slug: 'german-automotive', sectors: 'Automotive', languages: 'de', op: 'preview' };
    const byAdmin = await admin.post('/admin/audiences', fields);
    expect(byAdmin.statusCode).toBe(200);
    expect(visibleText(byAdmin.body)).toContain('1 contact: 1 members (full edition), 0 public subscribers (teaser edition)');
    expect(visibleText(byAdmin.body)).toContain('aud-de@auto.test');
    expect(byAdmin.body).toContain('value="german-automotive"');
    const byEditor = await editor.post('/admin/audiences', fields);
    expect(visibleText(byEditor.body)).toContain('1 contact');
    expect(byEditor.body).not.toContain('aud-de@auto.test');
    expect(visibleText(byEditor.body)).toContain('Names and addresses are shown only to staff who manage people.');
    // Nothing was saved by a preview.
    expect(await db().selectFrom('segments').select('id').execute()).toEqual([]);
  });

  it('a bad name or short name re-renders the form with the input and what to fix', async () => {
    const bad = await editor.post('/admin/audiences', { name: '', slug: 'Not A Slug', languages: 'de', op: 'save' });
    expect(bad.statusCode).toBe(400);
    const text = visibleText(bad.body);
    expect(text).toContain('The segment was not saved.');
    expect(text).toContain('enter a name');
    expect(text).toContain('use lower-case letters, digits and single hyphens');
    expect(bad.body).toContain('value="Not A Slug"');
    expect(bad.body).toMatch(/value="de"\s+checked/);
  });

  it('saves, lists with counts, edits; a filter that matches nobody is saved and says 0', async () => {
    const saved = await editor.post('/admin/audiences', { name: 'German automotive', slug: 'german-automotive', sectors: 'Automotive', languages: 'de', op: 'save' });
    expect(saved.statusCode).toBe(303);
    const page = await editor.get(saved.headers.location as string);
    expect(page.body).toContain('value="german-automotive"');
    expect(visibleText(page.body)).toContain('1 contact: 1 members (full edition)');
    const nobody = await editor.post('/admin/audiences', { name: 'Chinese automotive', slug: 'chinese-automotive', sectors: 'Automotive', languages: 'zh', op: 'save' });
    expect(nobody.statusCode).toBe(303);
    const nobodyPage = visibleText((await editor.get(nobody.headers.location as string)).body);
    expect(nobodyPage).toContain('This filter matches nobody (0 contacts).');
    const list = visibleText((await editor.get('/admin/audiences')).body);
    expect(list).toContain('German automotive');
    expect(list).toContain('Chinese automotive');
    // The slug is unique.
    const taken = await editor.post('/admin/audiences', { name: 'Again', slug: 'german-automotive', op: 'save' });
    expect(taken.statusCode).toBe(400);
    expect(visibleText(taken.body)).toContain('another segment has this short name');
  });

  it('a send to a segment asks for confirmation with its count and sends to it only; an empty one is refused', async () => {
    const segments = await db().selectFrom('segments').select(['id', 'slug']).execute();
    const german = segments.find((segment) => segment.slug === 'german-automotive')!;
    const nobody = segments.find((segment) => segment.slug === 'chinese-automotive')!;
    const sendPage = await admin.get(`/admin/deliveries/new?issue=${slug}`);
    expect(sendPage.body).toContain(`<option value="${german.id}"`);

    const empty = await admin.post('/admin/deliveries/send', { issue: slug, edition: 'both', segment: String(nobody.id), scheduled_at: '' });
    expect(empty.statusCode).toBe(409);
    expect(visibleText(empty.body)).toContain('Nothing to send: the segment “Chinese automotive” reaches nobody');
    const forced = await admin.post('/admin/deliveries/send', { issue: slug, edition: 'full', segment: String(nobody.id), scheduled_at: '', confirm: 'yes' });
    expect(forced.statusCode).toBe(409);
    expect(await db().selectFrom('deliveries').select('id').where('kind', '=', 'send').execute()).toEqual([]);

    const asked = await admin.post('/admin/deliveries/send', { issue: slug, edition: 'both', segment: String(german.id), scheduled_at: '' });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('data-recipients="full">1<');
    expect(asked.body).toContain('data-recipients="teaser">0<');
    const text = visibleText(asked.body);
    expect(text).toContain('German automotive');
    expect(text).toContain('the segment reaches nobody in this edition: not sent');
    expect(text).toContain('Send now to 1 recipient');
    const sent = await admin.post('/admin/deliveries/send', { issue: slug, edition: 'both', segment: String(german.id), scheduled_at: '', confirm: 'yes' });
    expect(sent.statusCode).toBe(303);
    const rows = await db().selectFrom('delivery_recipients').innerJoin('deliveries', 'deliveries.id', 'delivery_recipients.delivery_id').select(['delivery_recipients.email', 'deliveries.edition', 'deliveries.segment_id']).where('deliveries.kind', '=', 'send').execute();
    expect(rows).toEqual([{ email: 'aud-de@auto.test', edition: 'full', segment_id: german.id }]);
    expect(visibleText((await admin.get('/admin/deliveries')).body)).toContain('→ German automotive');

    // Then everyone of the full edition: only the member not reached yet.
    const rest = await admin.post('/admin/deliveries/send', { issue: slug, edition: 'full', segment: '', scheduled_at: '' });
    expect(rest.body).toContain('data-recipients="full">1<');
  });

  it('a draft issue can be test-sent from the desk', async () => {
    const draft = await seedIssue(db(), 2032, 'summer');
    await db().updateTable('issues').set({ status: 'draft' }).where('slug', '=', draft).execute();
    const test = await admin.post('/admin/deliveries/test', { issue: draft, edition: 'full', addresses: 'proof@example.org' });
    expect(test.statusCode).toBe(303);
  });

  it('deleting asks for the box; a deleted segment leaves the list and the send choices', async () => {
    const nobody = (await db().selectFrom('segments').select('id').where('slug', '=', 'chinese-automotive').executeTakeFirstOrThrow()).id;
    const unticked = await editor.post(`/admin/audiences/${nobody}/delete`, {});
    expect(unticked.statusCode).toBe(400);
    expect(visibleText(unticked.body)).toContain('tick the box to confirm');
    const deleted = await editor.post(`/admin/audiences/${nobody}/delete`, { confirm: '1' });
    expect(deleted.statusCode).toBe(303);
    expect(visibleText((await editor.get('/admin/audiences')).body)).not.toContain('Chinese automotive');
    expect((await editor.get(`/admin/audiences/${nobody}`)).statusCode).toBe(404);
    expect((await admin.get(`/admin/deliveries/new?issue=${slug}`)).body).not.toContain(`<option value="${nobody}"`);
  });
});
