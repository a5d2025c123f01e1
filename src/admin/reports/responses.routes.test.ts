import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { visibleText } from '../../../test/support/app.js';
import { forEachDialect } from '../../../test/support/databases.js';
import { startDemoDesk, type DemoDesk } from '../../../test/support/desk.js';
import { multipartBody } from '../../../test/support/multipart.js';
import { listActivity } from '../../activity/activity.service.js';
import { DEMO_DIR } from '../../content-folder/demo.js';
import { fixedClock } from '../../lib/clock.js';
import { getAllReports } from '../../reports/reports.service.js';

// The desk's response upload (issue 18): a dry run that writes nothing, an import that replaces
// every stored response, and a refused file naming every bad line with nothing imported.

const clock = fixedClock('2026-11-28T12:00:00Z');
const SLUG = 'ahk-innovation-report-2024-automotive';

forEachDialect('desk: survey responses', ({ db }) => {
  let desk: DemoDesk;
  startDemoDesk(db, clock, (started) => {
    desk = started;
  });
  const demo = async () => (await getAllReports(db())).find((report) => report.slug === SLUG)!;
  const upload = async (session: DemoDesk['editor'], mode: string, content: string) => {
    const body = multipartBody({ _csrf: session.csrf, mode }, { field: 'file', name: 'responses.csv', content });
    return desk.app.http.inject({ method: 'POST', url: `/admin/reports/${(await demo()).id}/responses`, headers: { cookie: session.cookie, ...body.headers }, payload: body.payload });
  };
  const original = () => readFile(join(DEMO_DIR, 'reports', `${SLUG}.responses.csv`), 'utf8');
  /** The demo file with one more automotive "yes" for the first question: 36/64 = 56%, 115/336 = 34%. */
  const changed = async () => {
    const lines = (await original()).split('\n');
    const index = lines.findIndex((line) => /^r\d+,automotive,no,/.test(line));
    lines[index] = lines[index]!.replace(',automotive,no,', ',automotive,yes,');
    return lines.join('\n');
  };

  it('shows the stored respondents per segment and the questions', async () => {
    const page = visibleText((await desk.contributor.get(`/admin/reports/${(await demo()).id}/responses`)).body);
    expect(page).toContain('336 respondents are stored.');
    expect(page).toContain('automotive industry: 64');
    // Values the report does not name are counted too: the demo file's other industries.
    expect(page).toContain('machinery: 90');
    expect(page).toContain('rd_in_china (one answer): Does your company conduct research "in China for China"?');
    expect(page).toContain('respondent,industry,rd_in_china,partnerships,local_partners');
    // A contributor sees the page but not the upload: importing changes what readers see.
    expect(page).not.toContain('Import the responses');
  });

  it('checks a file in a dry run without writing, then imports it', async () => {
    const dry = await upload(desk.editor, 'dry-run', await changed());
    expect(dry.statusCode).toBe(200);
    expect(visibleText(dry.body)).toContain('The file is valid: 336 respondents');
    expect(visibleText((await desk.app.http.inject({ url: '/issues/2024-spring' })).body)).toContain('55% vs. 34% (+21 pp)');

    const imported = await upload(desk.editor, 'import', await changed());
    expect(imported.statusCode).toBe(303);
    // 36/64 = 56.25% → 56%, 115/336 = 34.23% → 34%, gap 22.02 → +22 pp.
    expect(visibleText((await desk.app.http.inject({ url: '/issues/2024-spring' })).body)).toContain('56% vs. 34% (+22 pp)');
    const entries = await listActivity(db(), { subjectType: 'report', limit: 5 });
    expect(entries[0]).toMatchObject({ action: 'report.responses.import', detail: 'uploaded CSV: 336 respondents (replacing 336)' });
  });

  it('refuses a file with bad lines, naming each, and imports nothing', async () => {
    const before = await demo();
    const lines = (await original()).trimEnd().split('\n');
    const duplicate = lines[1]!;
    const bad = [...lines, duplicate, 'r900,automotive,maybe,none,yes', 'r901,,yes,none,yes', 'r902,automotive,yes,friends,no'].join('\n');
    const refused = await upload(desk.editor, 'import', bad);
    expect(refused.statusCode).toBe(400);
    const text = visibleText(refused.body);
    expect(text).toContain('Nothing was imported.');
    expect(text).toContain(`338 duplicate respondent "${duplicate.split(',')[0]}" (also on line 2)`);
    expect(text).toContain('339 rd_in_china: unknown answer code "maybe" (expected yes, no)');
    expect(text).toContain('340 industry is empty: every respondent needs a segment value');
    expect(text).toContain('341 partnerships: unknown answer code "friends"');
    expect(await demo()).toEqual(before);
  });

  it('refuses an upload from a contributor', async () => {
    expect((await upload(desk.contributor, 'import', await original())).statusCode).toBe(403);
  });
});
