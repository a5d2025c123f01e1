import { expect, it } from 'vitest';
import { forEachDialect } from '../../../test/support/databases.js';
import { decodeHtml, visibleText } from '../../../test/support/app.js';
import type { App } from '../../app.js';
import { createContact } from '../../../test/support/people.js';
import { listActivity } from '../../activity/activity.service.js';
import type { Clock } from '../../lib/clock.js';
import { type DeskSession, signInDesk, startDemoDesk } from '../../../test/support/desk.js';

// The desk's organisations through the real app: the list, a first profile for an organisation
// stories only name (it joins the innovators directory), the form re-rendered with the input and
// problems at their fields, contact persons kept out of every public page, and the permission.

function profileFields(overrides: Record<string, string | readonly string[]> = {}): Record<string, string | readonly string[]> {
  return {
    name: 'Sunrise Solar', nameZh: '日出光伏', country: 'cn', kind: 'corporate', city: 'Shenzhen', founded: '', website: '',
    sectors: ['energy'], technologies: 'Telecommunications\r\n5G', aliases: '',
    body: 'A technology company the archive names.\r\n\r\n<!-- members-only -->\r\nNote for members 91c2.',
    contacts: 'Sample Contact | Partnerships | sample.contact@example.com | zh | Sample contact for a test',
    ...overrides,
  };
}

forEachDialect('desk: organizations', ({ db }) => {
  const clock: Clock = { now: () => new Date('2026-11-28T12:00:00Z') };
  let app: App;
  let editor: DeskSession;
  let contributor: DeskSession;
  startDemoDesk(db, clock, (desk) => {
    ({ app, editor, contributor } = desk);
  });

  it('lists the organisations stories name and gives one its first profile, which puts it in the directory', async () => {
    // A story names an organisation no profile knows yet.
    const story = await editor.post('/admin/stories/new', {
      slug: 'sunrise-solar-story', title: 'A solar story', kind: 'news', body: 'Solar.', organizations: 'Sunrise Solar',
      'sources.0.author': '', 'sources.0.title': '', 'sources.0.outlet': '', 'sources.0.published_on': '', 'sources.0.url': '',
    });
    expect(story.statusCode).toBe(303);
    const list = visibleText((await editor.get('/admin/organizations?q=sunrise')).body);
    expect(list).toContain('Sunrise Solar');
    expect(list).toContain('Name only');

    const saved = await editor.post('/admin/organizations/sunrise-solar/edit', profileFields());
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/organizations/sunrise-solar/edit');
    const form = decodeHtml((await editor.get('/admin/organizations/sunrise-solar/edit')).body);
    expect(form).toContain('value="CN"');
    expect(form).toContain('Telecommunications\n5G</textarea>');
    expect(form).toContain('Sample Contact | Partnerships | sample.contact@example.com | zh | Sample contact for a test</textarea>');
    expect(visibleText((await editor.get('/admin/organizations?q=sunrise')).body)).toContain('In the directory');

    const page = await app.http.inject({ url: '/innovators/sunrise-solar' });
    expect(page.statusCode).toBe(200);
    expect(visibleText(page.body)).toContain('A technology company the archive names.');
    expect(page.body).not.toContain('91c2');
    expect(page.body).not.toContain('sample.contact@example.com');
    expect((await app.http.inject({ url: '/organizations/sunrise-solar' })).statusCode).toBe(301);
    // Saved in the search index in the same transaction: the site search finds it at once, by its public text only.
    expect((await app.http.inject({ url: '/search?q=sunrise+solar' })).body).toContain('href="/innovators/sunrise-solar"');
    expect((await app.http.inject({ url: '/search?q=91c2' })).body).not.toContain('href="/innovators/sunrise-solar"');
    // A published story naming a demo innovator links its profile.
    expect((await app.http.inject({ url: '/stories/china-surpasses-eu-rd-investment' })).body).toContain('href="/innovators/huawei"');

    const entries = await listActivity(db(), { subjectType: 'organization', limit: 5 });
    expect(entries.some((e) => e.action === 'organization.profile' && e.detail === 'created' && e.actor.label === 'editor@example.com')).toBe(true);
  });

  it('suggests the profiled innovator to a member company of its sector, with why', async () => {
    await createContact(db(), 'energy.member@example.com', { name: 'Example Energie GmbH', membership: 'active' });
    const company = await db().selectFrom('companies').select(['id']).where('name', '=', 'Example Energie GmbH').executeTakeFirstOrThrow();
    await db().updateTable('companies').set({ industry: 'Energy' }).where('id', '=', company.id).execute();
    const owner = await signInDesk(app, db(), 'owner-suggestions@example.com', 'owner');
    const page = visibleText((await owner.get(`/admin/companies/${company.id}`)).body);
    expect(page).toContain('Innovators to suggest');
    expect(page).toMatch(/Sunrise Solar \(300 points\)/);
    expect(page).toContain('Same sector: Energy (300 points)');
  });

  it('re-renders the form with what was typed and each problem at its field; nothing is saved', async () => {
    const response = await editor.post('/admin/organizations/new', profileFields({
      slug: 'Not A Slug', name: 'Test Innovator', country: 'China', founded: 'soon', website: 'javascript:alert(1)',
      contacts: 'Only a name\nA | B | not-an-address | en | somewhere', body: 'Text\n<!-- members only -->\nMore',
    }));
    expect(response.statusCode).toBe(400);
    const html = decodeHtml(response.body);
    expect(html).toContain('value="Test Innovator"');
    for (const field of ['slug', 'country', 'founded', 'website', 'contacts']) expect(html, field).toMatch(new RegExp(`href="#field-${field}"`));
    expect(html).toContain('Only a name\nA | B | not-an-address | en | somewhere</textarea>');
    expect(visibleText(html)).toContain('contacts: line 2: must be an email address');
    expect(visibleText(html)).toContain('founded: must be a year of four digits, such as 2016');
    expect((await db().selectFrom('organizations').select('id').where('name', '=', 'Test Innovator').execute())).toEqual([]);
  });

  it('is closed to a contributor', async () => {
    expect((await contributor.get('/admin/organizations')).statusCode).toBe(403);
    expect((await contributor.post('/admin/organizations/new', profileFields({ slug: 'by-contributor', name: 'By Contributor' }))).statusCode).toBe(403);
  });
});
