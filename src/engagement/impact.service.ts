import type { Executor } from '../db/database.js';
import { Invalid } from '../lib/errors.js';
import { guardCell } from '../members/contacts-csv.js';
import { humanClicksPerStory } from './engagement.queries.js';
import { countAnsweredInquiries, countConsents, countHumanClicks, countIntroductions, countPairs, countRegistrations, publishedStoryTopics, topicsOfStories } from './impact.queries.js';

// The quarter's impact (issue 20): for the innovation department's own reporting, each figure
// counted from its own table (impact.queries.ts) for one calendar quarter in UTC. Clicks are
// human clicks only.

/** The figures of the page's first table, in order (their labels: deskEngagement.impact.f.<key>). */
export const IMPACT_FIGURES = ['storiesPublished', 'humanClicks', 'subscribersGained', 'subscribersLost', 'registrations', 'checkIns', 'pairs', 'introductionsRequested', 'introductionsMade', 'inquiriesAnswered'] as const;
export type ImpactFigure = (typeof IMPACT_FIGURES)[number];

export interface Quarter {
  readonly year: number;
  readonly q: 1 | 2 | 3 | 4;
}

export interface ImpactReport {
  readonly quarter: string;
  readonly from: string;
  readonly to: string;
  readonly figures: Readonly<Record<ImpactFigure, number>>;
  /** Stories per topic name (null: stories without a topic), most first. */
  readonly storiesPerTopic: readonly { readonly topic: string | null; readonly stories: number }[];
  readonly clicksPerStory: readonly { readonly slug: string; readonly title: string; readonly human: number }[];
  readonly clicksPerTopic: readonly { readonly topic: string | null; readonly human: number }[];
}

/** `2026-Q4` → the quarter; the current one (by `now`) when empty; Invalid otherwise. */
export function parseQuarter(text: string | undefined, now: Date): Quarter {
  if (!text) return { year: now.getUTCFullYear(), q: (Math.floor(now.getUTCMonth() / 3) + 1) as Quarter['q'] };
  const match = /^(\d{4})-Q([1-4])$/.exec(text.trim().toUpperCase());
  if (!match) throw new Invalid('Choose a quarter like 2026-Q4.', [{ where: 'quarter', message: 'Choose a quarter like 2026-Q4.' }]);
  return { year: Number(match[1]), q: Number(match[2]) as Quarter['q'] };
}

export function quarterName(quarter: Quarter): string {
  return `${quarter.year}-Q${quarter.q}`;
}

/** The quarter as [from, to) in ISO UTC. */
export function quarterRange(quarter: Quarter): { from: string; to: string } {
  const from = new Date(Date.UTC(quarter.year, (quarter.q - 1) * 3, 1));
  const to = new Date(Date.UTC(quarter.year, quarter.q * 3, 1));
  return { from: from.toISOString(), to: to.toISOString() };
}

/** The quarters the page offers: the last eight, newest first. */
export function recentQuarters(now: Date, count = 8): string[] {
  const current = parseQuarter(undefined, now);
  const out: string[] = [];
  let index = current.year * 4 + current.q - 1;
  for (let i = 0; i < count; i++, index--) out.push(quarterName({ year: Math.floor(index / 4), q: ((index % 4) + 1) as Quarter['q'] }));
  return out;
}

function tally<T>(values: Iterable<T>): Map<T, number> {
  const out = new Map<T, number>();
  for (const value of values) out.set(value, (out.get(value) ?? 0) + 1);
  return out;
}

/** Every figure of one quarter. */
export async function impactOf(db: Executor, quarter: Quarter): Promise<ImpactReport> {
  const range = quarterRange(quarter);
  const storyTopics = await publishedStoryTopics(db, range);
  const clicks = await humanClicksPerStory(db, range.from, range.to);
  const clicked = await topicsOfStories(db, [...clicks.keys()]);
  const titles = new Map(clicked.map((row) => [row.slug, row.title]));
  const clicksPerTopic = new Map<string | null, number>();
  for (const row of clicked) clicksPerTopic.set(row.topic, (clicksPerTopic.get(row.topic) ?? 0) + (clicks.get(row.slug) ?? 0));
  const [humanClicks, subscribersGained, subscribersLost, registrations, checkIns, pairs, introductionsRequested, introductionsMade, inquiriesAnswered] = await Promise.all([
    countHumanClicks(db, range), countConsents(db, 'confirmed', range), countConsents(db, 'withdrawn', range), countRegistrations(db, 'registered_at', range), countRegistrations(db, 'checked_in_at', range),
    countPairs(db, range), countIntroductions(db, 'created_at', range), countIntroductions(db, 'introduced_at', range), countAnsweredInquiries(db, range),
  ]);
  const byCount = <T extends { topic: string | null }>(a: T & { n: number }, b: T & { n: number }) => b.n - a.n || (a.topic ?? '').localeCompare(b.topic ?? '');
  return {
    quarter: quarterName(quarter),
    ...range,
    figures: { storiesPublished: new Set(storyTopics.map((row) => row.slug)).size, humanClicks, subscribersGained, subscribersLost, registrations, checkIns, pairs, introductionsRequested, introductionsMade, inquiriesAnswered },
    storiesPerTopic: [...tally(storyTopics.map((row) => row.topic))].map(([topic, n]) => ({ topic, n })).sort(byCount).map(({ topic, n }) => ({ topic, stories: n })),
    clicksPerStory: [...clicks].map(([slug, human]) => ({ slug, title: titles.get(slug) ?? slug, human })).sort((a, b) => b.human - a.human || a.title.localeCompare(b.title)),
    clicksPerTopic: [...clicksPerTopic].map(([topic, n]) => ({ topic, n })).sort(byCount).map(({ topic, n }) => ({ topic, human: n })),
  };
}

function cell(value: string | number): string {
  const text = guardCell(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report as CSV (`section,name,count`), every cell guarded against spreadsheet formulas. */
export function impactCsv(report: ImpactReport, noTopic: string): string {
  const rows: (string | number)[][] = [['section', 'name', 'count'], ['quarter', report.quarter, '']];
  for (const key of IMPACT_FIGURES) rows.push(['figure', key, report.figures[key]]);
  for (const row of report.storiesPerTopic) rows.push(['stories_per_topic', row.topic ?? noTopic, row.stories]);
  for (const row of report.clicksPerStory) rows.push(['human_clicks_per_story', row.title, row.human]);
  for (const row of report.clicksPerTopic) rows.push(['human_clicks_per_topic', row.topic ?? noTopic, row.human]);
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
