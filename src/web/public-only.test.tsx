import { render } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, destroyTestApp, visibleText } from '../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase } from '../../test/support/databases.js';
import { createContact, signInMember } from '../../test/support/people.js';
import { BodyPreview } from '../admin/stories/preview.js';
import type { App } from '../app.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import type { Database } from '../db/database.js';
import { compileEdition } from '../delivery/render/edition.js';
import { prepareEdition } from '../delivery/render/placeholders.js';
import { listAllIssues, loadIssue } from '../issues/issues.service.js';
import { fixedClock } from '../lib/clock.js';

// The demo's issue intros end with a public-only note ("This is the shortened public edition…"):
// the public reads it on the web and in the teaser email; members, on the web and in the full
// edition, never do, and no surface ever shows the marker lines themselves.

const NOTE = 'This is the shortened public edition; members receive the full version by email.';
const clock = fixedClock('2026-11-28T12:00:00Z');

describe('the public-only note of the demo issues', () => {
  let db: Database;
  let app: App;
  let member: string;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    await importContent(db, DEMO_DIR, { clock });
    await createContact(db, 'mia@member.example', { name: 'Member GmbH', membership: 'active' });
    app = await createTestApp(db, { clock });
    member = await signInMember(app, 'mia@member.example');
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestDatabase(db);
  });

  it('is on the public issue page and not on the members\' full version', async () => {
    const publicPage = (await app.http.inject({ url: '/issues/2024-spring' })).body;
    expect(visibleText(publicPage)).toContain(NOTE);
    expect(publicPage).not.toContain('public-only');
    const memberPage = (await app.http.inject({ url: '/issues/2024-spring', headers: { cookie: member } })).body;
    expect(visibleText(memberPage)).toContain('Sample analysis for members');
    expect(visibleText(memberPage)).not.toContain('shortened public edition');
    expect(memberPage).not.toContain('public-only');
    for (const slug of ['2023-spring', '2023-summer', '2023-fall', '2023-winter']) {
      expect(visibleText((await app.http.inject({ url: `/issues/${slug}` })).body), slug).toContain('This is the shortened public edition');
      expect(visibleText((await app.http.inject({ url: `/issues/${slug}`, headers: { cookie: member } })).body), slug).not.toContain('shortened public edition');
    }
  });

  it('is in the teaser email and not in the full edition; no marker in either part', async () => {
    const issue = (await listAllIssues(db)).find((candidate) => candidate.slug === '2024-spring')!;
    const loaded = await loadIssue(db, issue);
    const site = { name: 'Innovation Insights', url: 'https://insights.example.org' };
    const values = { greeting: 'Hello,', unsubscribe_url: 'https://insights.example.org/unsubscribe/1', preferences_url: 'https://insights.example.org/account', web_url: 'https://insights.example.org/issues/2024-spring' };
    const teaser = prepareEdition(await compileEdition(loaded, 'teaser', site)).personalise(values);
    const full = prepareEdition(await compileEdition(loaded, 'full', site)).personalise(values);
    expect(teaser.text).toContain(NOTE);
    expect(teaser.html).toContain('This is the shortened public edition');
    for (const part of [full.html, full.text]) expect(part).not.toContain('shortened public edition');
    for (const part of [teaser.html, teaser.text, full.html, full.text]) expect(part).not.toContain('public-only');
  });

  it('shows no marker in feeds, calendars or meta descriptions', async () => {
    for (const url of ['/feed.xml', '/events.ics', '/issues', '/']) {
      const response = await app.http.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).not.toContain('public-only');
    }
  });

  it('is labelled in the desk\'s preview as left out of what members read', async () => {
    const issue = (await listAllIssues(db)).find((candidate) => candidate.slug === '2024-spring')!;
    const text = visibleText(render(<BodyPreview body={issue.intro} problems={[]} />));
    expect(text).toContain(`Public teaser: what everyone sees`);
    expect(text).toContain(`Public only: in the public teaser and the teaser email, left out of what members read ${NOTE}`);
    expect(text).not.toContain('public-only -->');
  });
});
