import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfTokenIn, destroyTestApp, visibleText } from '../../test/support/app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { createContact, signInMember } from '../../test/support/people.js';
import { listActivity } from '../activity/activity.service.js';
import type { App } from '../app.js';
import { importContent } from '../content-folder/import.service.js';
import { fixedClock } from '../lib/clock.js';
import { getAllReports } from '../reports/reports.service.js';

// A survey collected on the site (issue 18): a signed-in contact of a member company answers
// once for the company while it is open; the answer counts in the report under the company's
// industry; a second contact of the same company, a lapsed member, a visitor and a closed survey
// are refused, saying why.

const clock = fixedClock('2026-11-28T12:00:00Z');
const report = (collectUntil: string) => `---
title: Tools survey 2027
segments:
  - key: all
    name: all members
  - key: automotive-parts
    name: automotive suppliers
segment_columns: [industry]
collect_until: ${collectUntil}
questions:
  - key: ai
    text: Do you use AI in production?
    kind: single
    answers:
      - code: 'yes'
        text: 'Yes'
      - code: 'no'
        text: 'No'
  - key: partners
    text: Who are your innovation partners?
    kind: multiple
    answers:
      - code: universities
        text: Universities
      - code: suppliers
        text: Suppliers
findings:
  - title: AI in production
    statement: use AI in production
    segment: {column: industry, value: automotive-parts}
    question: ai
    answers: ['yes']
---
Teaser.
`;

forEachDialect('surveys on the site', ({ db }) => {
  let app: App;
  let folder: string;
  const people: Record<'ana' | 'bob' | 'cem', string> = { ana: '', bob: '', cem: '' };
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'insights-surveys-'));
    await mkdir(join(folder, 'reports'), { recursive: true });
    await writeFile(join(folder, 'reports', 'tools.md'), report('2026-12-15'));
    await writeFile(join(folder, 'reports', 'closed.md'), report('2026-11-27').replace('Tools survey 2027', 'Closed survey'));
    await importContent(db(), folder, { clock });
    app = await createTestApp(db(), { clock });
    await createContact(db(), 'ana@alpha.example', { name: 'Alpha GmbH', membership: 'active' });
    await createContact(db(), 'bob@alpha.example', { name: 'Alpha GmbH', membership: 'active' });
    await createContact(db(), 'cem@lapsed.example', { name: 'Lapsed KG', membership: 'lapsed' });
    await db().updateTable('companies').set({ industry: 'Automotive & Parts' }).where('name', '=', 'Alpha GmbH').execute();
    for (const name of ['ana', 'bob', 'cem'] as const) people[name] = await signInMember(app, `${name}@${name === 'cem' ? 'lapsed' : 'alpha'}.example`);
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await rm(folder, { recursive: true, force: true });
  });
  const get = (url: string, cookie?: string) => app.http.inject({ url, headers: cookie ? { cookie } : {} });
  const answer = async (cookie: string, fields: Record<string, string | string[]>, url = '/surveys/tools') => {
    const form = await get(url, cookie);
    return app.http.inject({ method: 'POST', url, headers: { cookie }, payload: { _csrf: csrfTokenIn(form.body), ...fields } });
  };
  const tools = async () => (await getAllReports(db())).find((r) => r.slug === 'tools')!;

  it('asks a visitor to sign in, and says a lapsed member may not answer', async () => {
    expect(visibleText((await get('/surveys/tools')).body)).toContain('Sign in with the address the chamber has for you');
    const lapsed = visibleText((await get('/surveys/tools', people.cem)).body);
    expect(lapsed).toContain('This survey is for member companies.');
    expect((await answer(people.cem, { 'q-ai': 'yes' })).statusCode).toBe(403);
    expect((await get('/surveys/no-such-survey')).statusCode).toBe(404);
  });

  it('refuses an unknown code or two codes for a one-answer question, keeping the choices', async () => {
    const bad = await answer(people.ana, { 'q-ai': ['yes', 'no'], 'q-partners': 'suppliers' });
    expect(bad.statusCode).toBe(400);
    expect(visibleText(bad.body)).toContain('Choose one answer.');
    expect(bad.body).toMatch(/id="q-partners-suppliers"[^>]*checked/);
    expect((await answer(people.ana, { 'q-ai': 'maybe' })).statusCode).toBe(400);
    expect(visibleText((await answer(people.ana, {})).body)).toContain('Answer at least one question.');
    expect((await tools()).respondents).toBe(0);
  });

  it('takes one answer per member company, counted under its industry', async () => {
    const page = visibleText((await get('/surveys/tools', people.ana)).body);
    expect(page).toContain('Do you use AI in production?');
    expect(page).toContain('Answer by 15 December 2026.');
    const sent = await answer(people.ana, { 'q-ai': 'yes', 'q-partners': ['universities', 'suppliers'] });
    expect(sent.statusCode).toBe(303);
    expect(visibleText((await get('/surveys/tools', people.ana)).body)).toContain('Your company has answered this survey. Thank you.');
    // Bob works at the same company: it has answered.
    expect(visibleText((await get('/surveys/tools', people.bob)).body)).toContain('Your company has answered this survey.');
    expect((await answer(people.bob, { 'q-ai': 'no' })).statusCode).toBe(409);
    const stored = await tools();
    expect(stored.respondents).toBe(1);
    expect(stored.segments.map((s) => s.respondents)).toEqual([1, 1]);
    expect(stored.findings.map((f) => ('tally' in f ? f.tally : null))).toEqual([{ segment: { count: 1, base: 1 }, all: { count: 1, base: 1 } }]);
    const [entry] = await listActivity(db(), { subjectType: 'report', limit: 1 });
    expect(entry).toMatchObject({ action: 'report.survey.answer', actor: { type: 'member', label: 'ana@alpha.example' }, detail: 'answer of Alpha GmbH' });
  });

  it('refuses answers after the last day', async () => {
    expect(visibleText((await get('/surveys/closed', people.bob)).body)).toContain('This survey closed on 27 November 2026.');
    expect((await answer(people.bob, { 'q-ai': 'yes' }, '/surveys/closed')).statusCode).toBe(409);
  });

  it('is in German and Chinese too', async () => {
    expect(visibleText((await get('/de/surveys/tools')).body)).toContain('Melden Sie sich mit der Adresse an');
    expect(visibleText((await get('/zh/surveys/tools')).body)).toContain('请使用商会登记的您的邮箱地址登录');
  });
});
