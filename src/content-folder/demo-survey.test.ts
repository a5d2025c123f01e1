import { afterAll, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase, EVERY_ENGINE } from '../../test/support/databases.js';
import type { Database } from '../db/database.js';
import { fixedClock } from '../lib/clock.js';
import { computeReportFigures } from '../reports/report-figures.js';
import { viewReport } from '../reports/report-view.js';
import { getAllReports } from '../reports/reports.service.js';
import { DEMO_DIR } from './demo.js';
import { importContent } from './import.service.js';

// The demo's survey report (issue 18) computed from its synthetic response file on every engine
// there is in this run (SQLite, PGlite, and the PostgreSQL server when TEST_DATABASE_URL names
// one): the counts come from GROUP BYs read back through each driver, and must give the seed's
// published figures and the very same statistics everywhere.

const clock = fixedClock('2026-11-28T12:00:00Z');
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await destroyTestDatabase(db);
});

async function demoFigures(engine: (typeof EVERY_ENGINE)[number]) {
  const db = await createTestDatabase(engine);
  opened.push(db);
  await importContent(db, DEMO_DIR, { clock });
  const report = (await getAllReports(db)).find((candidate) => candidate.slug === 'ahk-innovation-report-2024-automotive')!;
  return { report, figures: computeReportFigures(report), member: viewReport(report, 'member', 'en'), public: viewReport(report, 'public', 'en') };
}

it(`computes the demo report from its responses with identical figures on ${EVERY_ENGINE.join(', ')}`, async () => {
  const results = [];
  for (const engine of EVERY_ENGINE) results.push({ engine, ...(await demoFigures(engine)) });
  const [first, ...others] = results;
  // The seed's published figures: 336 respondents, 64 automotive; 55% vs 34% (+21 pp), 70%, 66% vs 37% (+29 pp).
  expect(first!.report.respondents).toBe(336);
  expect(first!.report.segments).toEqual([
    { key: 'all', name: 'all industries', respondents: 336 },
    { key: 'automotive', name: 'automotive industry', respondents: 64 },
  ]);
  const [rd, partnerships, local] = first!.figures;
  expect([rd!.segment.count, rd!.segment.base, rd!.compared!.count, rd!.compared!.base, rd!.rest!.count, rd!.rest!.base]).toEqual([35, 64, 114, 336, 79, 272]);
  expect(rd!.test!.z).toBeCloseTo(3.898, 2);
  expect(rd!.segment.interval.low).toBeCloseTo(0.4257, 3);
  expect(rd!.segment.interval.high).toBeCloseTo(0.6627, 3);
  expect([partnerships!.segment.count, partnerships!.segment.base]).toEqual([45, 64]);
  expect([local!.segment.count, local!.segment.base, local!.compared!.count, local!.compared!.base]).toEqual([42, 64, 124, 336]);
  expect(first!.member.findings.map((f) => f.figures)).toEqual(['55% vs. 34% (+21 pp)', '70% vs. 48% (+22 pp)', '66% vs. 37% (+29 pp)']);
  expect(first!.member.findings[0]!.bases).toBe('automotive industry, n = 64; all industries, n = 336');
  expect(first!.member.findings[0]!.footnote).toContain('z = 3.90');
  expect(first!.member.findings[0]!.footnote).toContain('42.6%–66.3%');
  expect(first!.public.findings.every((f) => f.footnote === null)).toBe(true);
  for (const other of others) {
    expect(other.figures, other.engine).toEqual(first!.figures);
    expect(other.member, other.engine).toEqual(first!.member);
  }
}, 120_000);
