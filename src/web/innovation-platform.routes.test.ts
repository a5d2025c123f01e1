import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfTokenIn, destroyTestApp, visibleText } from '../../test/support/app.js';
import { importContentFiles } from '../../test/support/content.js';
import { forEachDialect } from '../../test/support/databases.js';
import { formBody, signInDesk, type DeskSession } from '../../test/support/desk.js';
import { createContact, signInMember } from '../../test/support/people.js';
import type { App } from '../app.js';
import { compileEdition } from '../delivery/render/edition.js';
import { getPublicIssue } from '../issues/issues.service.js';
import { fixedClock } from '../lib/clock.js';

// The "Innovation platform" section kind: an issue shows the innovator introductions' figures of
// its quarter and links to the directory and the services, on the web and in both email editions,
// in three languages; composed in the desk or written in the content folder. Nothing of a person
// (member, company, message, contact person) and nothing members-only reaches it.

const clock = fixedClock('2026-11-28T12:00:00Z');
const SECRET = 'Members-only: HyperPark raises a C round in 2027.';

const FILES = {
  'innovators/hyperpark.md': `---
name: HyperPark
country: CN
kind: startup
city: Shenzhen
sectors: [automotive]
contacts:
  - name: Li Wei
    role: Head of Partnerships
    email: li.wei@hyperpark.example.com
    language: zh
    source: her business card
---
HyperPark builds automated parking robots.

<!-- members-only -->
${SECRET}
`,
  'issues/2026-winter.md': `---
title: 2026 Winter Issue
season: winter
year: 2026
status: published
published_at: 2026-10-01T08:00:00Z
sections:
  - kind: innovation_platform
    heading: Our innovation platform
---
The winter issue.
`,
};

const MEMBERS = [
  { email: 'ana@maschinen.example.com', company: 'Ana Maschinen GmbH' },
  { email: 'bob@zulieferer.example.com', company: 'Bob Zulieferer AG' },
  { email: 'cem@antriebe.example.com', company: 'Cem Antriebe KG' },
];
const MESSAGE = 'We look for a partner for automated parking robots in Bavaria.';
const PRIVATE = [...MEMBERS.flatMap((m) => [m.email, m.company]), MESSAGE, 'Li Wei', 'li.wei@', 'her business card', SECRET];

forEachDialect('innovation platform section', ({ db }) => {
  let app: App;
  let desk: DeskSession;

  beforeAll(async () => {
    await importContentFiles(db(), clock, { files: FILES });
    for (const member of MEMBERS) await createContact(db(), member.email, { name: member.company, membership: 'active' });
    app = await createTestApp(db(), { clock });
    for (const member of MEMBERS) {
      const cookie = await signInMember(app, member.email);
      const form = await app.http.inject({ url: '/innovators/hyperpark/introduction', headers: { cookie } });
      const asked = await app.http.inject({
        method: 'POST', url: '/innovators/hyperpark/introduction', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: csrfTokenIn(form.body), purpose: 'partnership', message: MESSAGE, consent: '1' }),
      });
      if (asked.statusCode !== 303) throw new Error(`request not taken: ${asked.statusCode}`);
    }
    desk = await signInDesk(app, db(), 'editor@example.com', 'editor');
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
  });

  it('shows the quarter\'s figures and links to the directory and the services in every language, and nothing of a person', async () => {
    const expected = {
      '': ['Innovator introductions in 2026 Q4:', 'Introductions requested 3', 'Introductions made fewer than 3', 'Requests declined fewer than 3', 'Our platform connects member companies with Chinese innovators'],
      '/de': ['Vorstellungen bei Innovatoren im Quartal 4/2026:', 'Angefragte Vorstellungen 3', 'Zustande gekommene Vorstellungen weniger als 3'],
      '/zh': ['2026 年第 4 季度的创新企业引荐：', '申请的引荐 3', '达成的引荐 少于 3'],
    };
    for (const [prefix, texts] of Object.entries(expected)) {
      const page = await app.http.inject({ url: `${prefix}/issues/2026-winter` });
      expect(page.statusCode).toBe(200);
      const text = visibleText(page.body);
      for (const wanted of texts) expect(text).toContain(wanted);
      expect(text).toMatch(/(Sectors|Branchen|行业)[:：] ?\S.* \((3)\)/);
      expect(page.body).toContain(`href="${prefix}/innovators"`);
      expect(page.body).toContain(`href="${prefix}/services"`);
      expect(PRIVATE.filter((secret) => page.body.includes(secret))).toEqual([]);
    }
    // A signed-in member sees the same aggregates, still without anyone's request.
    const member = await signInMember(app, MEMBERS[0]!.email);
    const asMember = await app.http.inject({ url: '/issues/2026-winter', headers: { cookie: member } });
    expect(visibleText(asMember.body)).toContain('Introductions requested 3');
    expect(PRIVATE.filter((secret) => asMember.body.includes(secret))).toEqual([]);
  });

  it('puts the same figures and links into both email editions, HTML and plain text', async () => {
    const loaded = await getPublicIssue(db(), '2026-winter', clock.now());
    const site = { name: 'Innovation Insights', url: 'https://insights.example.org' };
    for (const [edition, language] of [['teaser', 'en'], ['full', 'de'], ['teaser', 'zh']] as const) {
      const compiled = await compileEdition(loaded, edition, site, language);
      const prefix = language === 'en' ? '' : `/${language}`;
      for (const part of [compiled.html, compiled.text]) {
        expect(part).toContain(`https://insights.example.org${prefix}/innovators`);
        expect(part).toContain(`https://insights.example.org${prefix}/services`);
        expect(PRIVATE.filter((secret) => part.includes(secret))).toEqual([]);
      }
      const label = { en: 'Introductions requested', de: 'Angefragte Vorstellungen', zh: '申请的引荐' }[language];
      expect(compiled.text).toContain(`- ${label}: 3`);
      expect(compiled.html).toContain(`${label}: <strong>3</strong>`);
    }
  });

  it('is composed in the desk without items, publishes, and shows the figures of its own quarter', async () => {
    expect((await desk.post('/admin/issues/new', { season: 'fall', year: '2026', title: '' })).statusCode).toBe(303);
    const edit = await desk.get('/admin/issues/2026-fall/edit');
    expect(edit.body).toContain('<option value="innovation_platform">Innovation platform</option>');
    const version = /name="version" value="([^"]+)"/.exec(edit.body)![1]!;
    const saved = await desk.post('/admin/issues/2026-fall/edit', {
      version, title: '2026 Fall Issue', intro: 'The fall issue.',
      'sections.0.kind': 'innovation_platform', 'sections.0.heading': 'The platform',
      'sections.0.items.0.label': '', 'sections.0.items.0.target': '',
    });
    expect(saved.statusCode).toBe(303);
    const stored = await desk.get('/admin/issues/2026-fall/edit');
    expect(stored.body).toContain('<option value="innovation_platform" selected>');
    expect(visibleText(stored.body)).not.toContain('has no items');
    expect((await desk.post('/admin/issues/2026-fall/publish')).statusCode).toBe(303);
    const page = visibleText((await app.http.inject({ url: '/issues/2026-fall' })).body);
    // No request was made in 2026's third quarter: every count is "fewer than 3", and no sectors.
    expect(page).toContain('Innovator introductions in 2026 Q3:');
    expect(page).toContain('Introductions requested fewer than 3');
    expect(page).not.toContain('Sectors:');
  });
});
