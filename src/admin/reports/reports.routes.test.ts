import { expect, it } from 'vitest';
import { visibleText } from '../../../test/support/app.js';
import { forEachDialect } from '../../../test/support/databases.js';
import { type DeskSession, startDemoDesk } from '../../../test/support/desk.js';
import { listActivity } from '../../activity/activity.service.js';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';
import { fixedClock } from '../../lib/clock.js';
import { getAllReports } from '../../reports/reports.service.js';

// A desk save drops the public pages' cache at once, so no test waits for the clock.
const clock = fixedClock('2026-11-28T12:00:00Z');

/** A report form with two segments and two findings, followed by a blank row of each (skipped). */
const survey = {
  slug: 'ai-adoption-survey-2027',
  title: 'AI Adoption Survey 2027',
  subtitle: 'Excerpt for the IT sector',
  body: 'How members use AI.\n\n<!-- members-only -->\nThe full tables.',
  publisher: 'German Chamber of Commerce in China',
  partner: '',
  survey_start: '2027-01-10',
  survey_end: '2027-02-10',
  segment_key: ['all', 'it', ''],
  segment_name: ['all industries', 'IT sector', ''],
  segment_respondents: ['200', '50', ''],
  finding_title: ['AI in production', 'AI budgets grow', ''],
  finding_statement: ['use AI in production', 'plan larger AI budgets', ''],
  finding_segment: ['it', 'it', ''],
  finding_count: ['30', '21', ''],
  finding_compare_segment: ['all', '', ''],
  finding_compare_count: ['60', '', ''],
};

async function reportBySlug(db: Database, slug: string) {
  const report = (await getAllReports(db)).find((candidate) => candidate.slug === slug);
  if (!report) throw new Error(`no report ${slug}`);
  return report;
}

forEachDialect('desk: reports', ({ db }) => {
  let app: App;
  let editor: DeskSession;
  let contributor: DeskSession;

  startDemoDesk(db, clock, (desk) => {
    ({ app, editor, contributor } = desk);
  });

  it('shows the demo report with its findings computed from its responses, with their statistics', async () => {
    expect(visibleText((await editor.get('/admin/reports')).body)).toContain('AHK Innovation Report 2024 – Excerpt of the Automotive Industry');
    const demo = await reportBySlug(db(), 'ahk-innovation-report-2024-automotive');
    const page = visibleText((await editor.get(`/admin/reports/${demo.id}`)).body);
    expect(page).toContain('55% vs. 34% (+21 pp)');
    expect(page).toContain('35 of 64 automotive industry vs 114 of 336 all industries');
    expect(page).toContain('66% vs. 37% (+29 pp)');
    expect(page).toMatch(/Innovation through partnerships .* 70% vs\. 48% \(\+22 pp\) 45 of 64 automotive industry/);
    // 35/64 against the rest 79/272: z = 3.90 (statistics.test.ts has the hand check).
    expect(page).toContain('z = 3.90');
  });

  it('creates a report with segments and findings, skipping blank rows, and shows the computed figures', async () => {
    const created = await editor.post('/admin/reports', survey);
    expect(created.statusCode).toBe(303);
    const stored = await reportBySlug(db(), 'ai-adoption-survey-2027');
    expect(stored.segments).toEqual([
      { key: 'all', name: 'all industries', respondents: 200 },
      { key: 'it', name: 'IT sector', respondents: 50 },
    ]);
    expect(stored.findings).toEqual([
      { title: 'AI in production', statement: 'use AI in production', segmentKey: 'it', count: 30, compareSegmentKey: 'all', compareCount: 60, position: 1 },
      { title: 'AI budgets grow', statement: 'plan larger AI budgets', segmentKey: 'it', count: 21, compareSegmentKey: null, compareCount: null, position: 2 },
    ]);
    expect(stored.partner).toBeNull();
    const page = visibleText((await editor.get(String(created.headers.location))).body);
    // 30/50 = 60 %, 60/200 = 30 %: +30 pp; 21/50 = 42 %.
    expect(page).toContain('60% vs. 30% (+30 pp)');
    expect(page).toContain('30 of 50 IT sector vs 60 of 200 all industries');
    expect(page).toContain('42%');
  });

  it('refuses a finding count above its segment’s respondents and other bad rows, keeping the input', async () => {
    const response = await editor.post('/admin/reports', {
      ...survey,
      slug: 'bad-figures',
      segment_key: ['all', 'all', ''],
      finding_segment: ['all', 'nowhere', ''],
      finding_count: ['201', '3', ''],
      finding_compare_count: ['', '', ''],
    });
    expect(response.statusCode).toBe(400);
    const text = visibleText(response.body);
    expect(text).toContain('nothing was saved');
    expect(text).toContain('segment-2-key: the key “all” is used by an earlier segment');
    expect(text).toContain('finding-1-count: 201 is more than the 200 respondents of “all”');
    expect(text).toContain('finding-1-compare_count: give both a segment and a count to compare with, or neither');
    expect(text).toContain('finding-2-segment: there is no segment “nowhere” above');
    expect(response.body).toContain('id="field-finding-1-count"');
    expect(response.body).toContain('value="201"');
    expect(response.body).toContain('value="bad-figures"');
    expect((await getAllReports(db())).some((report) => report.slug === 'bad-figures')).toBe(false);

    const empty = await editor.post('/admin/reports', { ...survey, slug: 'no-segments', segment_key: [''], segment_name: [''], segment_respondents: [''], finding_title: [''], finding_statement: [''], finding_segment: [''], finding_count: [''], finding_compare_segment: [''], finding_compare_count: [''] });
    expect(visibleText(empty.body)).toContain('segments: add at least one segment of respondents');
    const zero = await editor.post('/admin/reports', { ...survey, slug: 'zero-base', segment_respondents: ['0', '50', ''] });
    expect(visibleText(zero.body)).toContain('segment-1-respondents: must be 1 or more');
  });

  it('adds blank rows without saving', async () => {
    const response = await editor.post('/admin/reports', { ...survey, slug: 'more-rows', intent: 'add-rows' });
    expect(response.statusCode).toBe(200);
    const text = visibleText(response.body);
    expect(text).toContain('Segment 6');
    expect(text).toContain('Finding 6');
    expect(text).not.toContain('Segment 7');
    expect(response.body).toContain('value="IT sector"');
    expect((await getAllReports(db())).some((report) => report.slug === 'more-rows')).toBe(false);
  });

  it('lets an editor edit the demo report, keeping its survey and responses, and refuses a contributor', async () => {
    const demo = await reportBySlug(db(), 'ahk-innovation-report-2024-automotive');
    expect(visibleText((await app.http.inject({ method: 'GET', url: '/issues/2024-spring' })).body)).toContain('55% vs. 34% (+21 pp)');
    // The form edits the report's texts and counts findings; its survey and responses come from the content folder.
    const fields = {
      slug: demo.slug, title: demo.title, subtitle: 'Automotive excerpt', body: `${demo.body.teaser}\n\n<!-- members-only -->\n${demo.body.membersOnly ?? ''}`,
      publisher: demo.publisher ?? '', partner: demo.partner ?? '', survey_start: demo.surveyStart ?? '', survey_end: demo.surveyEnd ?? '',
      segment_key: demo.segments.map((s) => s.key), segment_name: demo.segments.map((s) => s.name), segment_respondents: demo.segments.map((s) => String(s.respondents)),
    };
    // The report is in the published 2024 Spring Issue: a contributor reads, an editor changes.
    const form = await contributor.get(`/admin/reports/${demo.id}`);
    expect(visibleText(form.body)).toContain('is public: it is in the 2024 Spring Issue (published).');
    expect(form.body).not.toContain('Delete this report');
    const refused = await contributor.post(`/admin/reports/${demo.id}`, { ...fields, body: 'The full tables, for everyone.' });
    expect(refused.statusCode).toBe(403);
    expect(visibleText(refused.body)).toContain('Only editors, admins or owners can change it');
    expect((await reportBySlug(db(), demo.slug)).body).toEqual(demo.body);

    const saved = await editor.post(`/admin/reports/${demo.id}`, fields);
    expect(saved.statusCode).toBe(303);
    const after = await reportBySlug(db(), demo.slug);
    expect(after.subtitle).toBe('Automotive excerpt');
    expect(after.survey).toEqual(demo.survey);
    expect(after.findings).toEqual(demo.findings);
    expect(after.respondents).toBe(336);
    const issue = visibleText((await app.http.inject({ method: 'GET', url: '/issues/2024-spring' })).body);
    expect(issue).toContain('Automotive excerpt');
    expect(issue).toContain('55% vs. 34% (+21 pp)');
  });

  it('lets a contributor edit a report no published or scheduled issue lists', async () => {
    const created = await reportBySlug(db(), 'ai-adoption-survey-2027');
    const form = await contributor.get(`/admin/reports/${created.id}`);
    expect(form.body).toContain('>Save<');
    expect(visibleText(form.body)).not.toContain('is public');
    const saved = await contributor.post(`/admin/reports/${created.id}`, { ...survey, subtitle: 'Excerpt for IT, revised' });
    expect(saved.statusCode).toBe(303);
    expect((await reportBySlug(db(), created.slug)).subtitle).toBe('Excerpt for IT, revised');
  });

  it('deletes only unused reports, only for roles that may publish', async () => {
    const created = await reportBySlug(db(), 'ai-adoption-survey-2027');
    const demo = await reportBySlug(db(), 'ahk-innovation-report-2024-automotive');
    expect((await contributor.post(`/admin/reports/${created.id}/delete`, { confirm: '1' })).statusCode).toBe(403);
    const refused = await editor.post(`/admin/reports/${demo.id}/delete`, { confirm: '1' });
    expect(refused.statusCode).toBe(409);
    expect(visibleText(refused.body)).toContain('is listed in 2024 Spring Issue (2024-spring)');
    const deleted = await editor.post(`/admin/reports/${created.id}/delete`, { confirm: '1' });
    expect(deleted.statusCode).toBe(303);
    expect((await getAllReports(db())).map((report) => report.slug)).toEqual(['ahk-innovation-report-2024-automotive']);
  });

  it('records the changes in the activity log', async () => {
    const entries = await listActivity(db(), { subjectType: 'report', limit: 10 });
    expect(entries.map((entry) => `${entry.actor.label} ${entry.action} ${entry.subject.label}`).reverse()).toEqual([
      'editor@example.com report.create AI Adoption Survey 2027',
      'editor@example.com report.update AHK Innovation Report 2024',
      'contributor@example.com report.update AI Adoption Survey 2027',
      'editor@example.com report.delete AI Adoption Survey 2027',
    ]);
  });
});
