import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { fixedClock } from '../lib/clock.js';
import { Invalid, formatProblem } from '../lib/errors.js';
import { getAllReports } from '../reports/reports.service.js';
import { exportContent } from './export.service.js';
import { importContent } from './import.service.js';

// A report computed from responses in the content folder (issue 18, docs/reports.md): its
// definition checked with `file:line` problems, its response file beside it with `file:line`
// per bad line, both all or nothing; export writes both back.

const clock = fixedClock('2026-11-28T12:00:00Z');
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'insights-survey-import-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function folderWith(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(scratch, name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

const report = (findings: string) => `---
title: Tools survey
segments:
  - key: all
    name: all members
  - key: it
    name: IT companies
segment_columns: [industry]
questions:
  - key: tools
    text: Which tools do you use?
    kind: multiple
    answers:
      - code: ai
        text: AI
      - code: cloud
        text: Cloud
findings:
${findings}---
Teaser.
`;

const GOOD_FINDINGS = `  - title: AI use
    statement: use AI
    segment: {column: industry, value: it}
    question: tools
    answers: [ai]
  - title: Cloud use
    statement: use the cloud
    segment: {column: industry, value: it}
    question: tools
    answers: [cloud]
    members_only: true
`;

forEachDialect('survey content import', ({ db }) => {
  async function problemsOf(dir: string): Promise<string[]> {
    const error = await importContent(db(), dir, { clock }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Invalid);
    expect((await getAllReports(db())).map((r) => r.slug)).not.toContain('tools');
    return (error as Invalid).problems.map(formatProblem);
  }

  it('refuses a finding naming an unknown question or answer code, or a typed count, at file:line', async () => {
    const dir = await folderWith('bad-front', {
      'reports/tools.md': report(`  - title: A
    statement: a
    segment: {column: industry, value: it}
    question: tolls
    answers: [ai]
  - title: B
    statement: b
    segment: {column: sector, value: it}
    question: tools
    answers: [ai, robots]
    count: 3
  - title: C
    statement: c
    segment: {column: industry, value: all}
    question: tools
    answers: [ai]
`),
    });
    expect((await problemsOf(dir)).sort()).toEqual([
      'reports/tools.md:22: findings[0].question: unknown question "tolls"',
      'reports/tools.md:29: findings[1].count: a finding computed from responses is counted, not typed; remove this',
      'reports/tools.md:26: findings[1].segment.column: "sector" is not one of segment_columns',
      'reports/tools.md:28: findings[1].answers[1]: "robots" is not an answer code of question "tools"',
      'reports/tools.md:32: findings[2].segment.value: "all" is reserved for all respondents',
    ].sort());
  });

  it('collects on the site only for the industry column', async () => {
    const dir = await folderWith('collect-region', { 'reports/tools.md': report(GOOD_FINDINGS).replace('segment_columns: [industry]', 'segment_columns: [industry, region]\ncollect_until: 2027-01-31') });
    expect(await problemsOf(dir)).toEqual(['reports/tools.md:9: collect_until: answers collected on the site fill only the segment column "industry" (the member company\'s industry)']);
  });

  it('refuses a response file with bad lines at file:line, and imports nothing', async () => {
    const dir = await folderWith('bad-csv', {
      'reports/tools.md': report(GOOD_FINDINGS),
      'reports/tools.responses.csv': 'respondent,industry,tools\nm1,it,ai\nm1,it,cloud\nm2,,ai\nm3,it,ai;fax\n',
    });
    expect(await problemsOf(dir)).toEqual([
      'reports/tools.responses.csv:3: duplicate respondent "m1" (also on line 2)',
      'reports/tools.responses.csv:4: industry is empty: every respondent needs a segment value',
      'reports/tools.responses.csv:5: tools: unknown answer code "fax" (expected ai, cloud)',
    ]);
  });

  it('imports a report with its responses, counting bases from those who answered, and exports both back', async () => {
    const csv = 'respondent,industry,tools\nm1,it,ai;cloud\nm2,it,\nm3,trade,cloud\nm4,trade,ai\nm5,it,cloud\n';
    const dir = await folderWith('good', { 'reports/tools.md': report(GOOD_FINDINGS), 'reports/tools.responses.csv': csv });
    await importContent(db(), dir, { clock });
    const stored = (await getAllReports(db())).find((r) => r.slug === 'tools')!;
    expect(stored.respondents).toBe(5);
    expect(stored.segments.map((s) => s.respondents)).toEqual([5, 3]);
    // m2 did not answer: IT's base is 2 (m1, m5), all's is 4.
    expect(stored.findings.map((f) => ('tally' in f ? f.tally : null))).toEqual([
      { segment: { count: 1, base: 2 }, all: { count: 2, base: 4 } },
      { segment: { count: 2, base: 2 }, all: { count: 3, base: 4 } },
    ]);
    const out = await mkdtemp(join(scratch, 'exported-'));
    await exportContent(db(), out);
    // The responses go out beside the report, as the import reads them (m2's empty cell included).
    expect(await readFile(join(out, 'reports', 'tools.responses.csv'), 'utf8')).toBe(csv);
    await db().deleteFrom('report_respondents').execute();
    await importContent(db(), out, { clock });
    const reimported = (await getAllReports(db())).find((r) => r.slug === 'tools')!;
    expect(reimported.respondents).toBe(5);
    expect(reimported.findings).toEqual(stored.findings);
    expect(reimported.survey).toEqual(stored.survey);
  });
});
