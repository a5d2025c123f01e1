import { DateTime } from 'luxon';
import { joinBody } from '../content/body.js';
import type { Actor } from '../activity/activity.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Invalid, type Problem } from '../lib/errors.js';
import { getEditableIssue, saveIssue } from './issue-editing.service.js';
import type { ChangeRights } from './publicity.service.js';
import { itemTargetKey, type Issue, type IssueDraft, type Season, type SectionDraft } from './issues.js';
import { instantToLocalDate } from '../lib/local-time.js';
import type { Event } from '../events/events.js';
import { getAllEvents } from '../events/events.service.js';

// Filling an issue's "upcoming events" and "past events" sections from the events of its
// quarter, in one step. The issue is saved through the issues service, like the desk's Save.

/** The newsletter's quarter of each season: spring Jan–Mar, summer Apr–Jun, fall Jul–Sep, winter Oct–Dec. */
const FIRST_MONTH: Record<Season, number> = { spring: 1, summer: 4, fall: 7, winter: 10 };

/** What the fill form holds: a window of local dates (inclusive) and the day that splits it. */
export interface FillWindow {
  /** YYYY-MM-DD, first day of the window. */
  readonly from: string;
  /** YYYY-MM-DD, last day of the window (inclusive). */
  readonly until: string;
  /** YYYY-MM-DD: events ending before this day are past; the others upcoming. */
  readonly asOf: string;
}

/** The default window: the issue's quarter, split at today (clamped into the quarter). */
export function defaultWindow(issue: Pick<Issue, 'season' | 'year'>, now: Date): FillWindow {
  const first = DateTime.fromObject({ year: issue.year, month: FIRST_MONTH[issue.season], day: 1 }, { zone: 'utc' });
  const last = first.plus({ months: 3 }).minus({ days: 1 });
  const today = DateTime.fromJSDate(now, { zone: 'Asia/Shanghai' }).toISODate()!;
  const from = first.toISODate()!;
  const until = last.toISODate()!;
  const asOf = today < from ? from : today > until ? last.plus({ days: 1 }).toISODate()! : today;
  return { from, until, asOf };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks the form's dates; every problem at its field. */
export function checkWindow(form: { from: string; until: string; asOf: string }): FillWindow {
  const problems: Problem[] = [];
  const valid = (value: string) => DATE.test(value) && DateTime.fromISO(value).isValid;
  if (!valid(form.from)) problems.push({ where: 'from', message: 'enter a date like 2024-01-01' });
  if (!valid(form.until)) problems.push({ where: 'until', message: 'enter a date like 2024-03-31' });
  if (!valid(form.asOf)) problems.push({ where: 'as_of', message: 'enter a date like 2024-02-01' });
  if (valid(form.from) && valid(form.until) && form.until < form.from) problems.push({ where: 'until', message: 'must not be before the first day' });
  if (problems.length > 0) throw new Invalid('The events were not filled in.', problems);
  return form;
}

/** Events of the window: any that overlaps it, by their local dates. Past ones end before `asOf`. */
export function splitWindow(events: readonly Event[], window: FillWindow): { upcoming: Event[]; past: Event[] } {
  const inWindow = events.filter((event) => {
    const first = instantToLocalDate(event.startsAt, event.timeZone);
    const last = instantToLocalDate(new Date(new Date(event.endsAt).getTime() - 1).toISOString(), event.timeZone);
    return first <= window.until && last >= window.from;
  });
  const lastDay = (event: Event) => instantToLocalDate(new Date(new Date(event.endsAt).getTime() - 1).toISOString(), event.timeZone);
  return {
    upcoming: inWindow.filter((event) => lastDay(event) >= window.asOf),
    past: inWindow.filter((event) => lastDay(event) < window.asOf),
  };
}

/** What filling did, for the desk's notice. */
export interface FillSummary {
  readonly upcoming: number;
  readonly past: number;
}

/**
 * Replaces the items of the issue's first "upcoming events" and first "past events" sections
 * with the window's events (soonest first), adding a section at the end when there is none and
 * there are events for it. A kind with no events in the window is left as it is.
 */
export async function fillIssueEvents(db: Database, clock: Clock, actor: Actor, slug: string, window: FillWindow, options: ChangeRights): Promise<FillSummary> {
  const editable = await getEditableIssue(db, slug);
  const { upcoming, past } = splitWindow(await getAllEvents(db), window);
  const sections: SectionDraft[] = editable.sections.map((section) => ({
    kind: section.kind,
    heading: section.heading,
    items: section.items.map((item) => ({ label: item.label ?? '', target: itemTargetKey(item) })),
  }));
  const fill = (kind: 'upcoming_events' | 'past_events', heading: string, events: readonly Event[]) => {
    if (events.length === 0) return;
    const items = events.map((event) => ({ label: '', target: `event:${event.slug}` }));
    const index = sections.findIndex((section) => section.kind === kind);
    if (index >= 0) sections[index] = { ...sections[index]!, items };
    else sections.push({ kind, heading, items });
  };
  fill('upcoming_events', 'Upcoming Innovation Events', upcoming);
  fill('past_events', 'Past Innovation Events', past);
  const draft: IssueDraft = { title: editable.issue.title, intro: joinBody(editable.issue.intro), sections };
  await saveIssue(db, clock, actor, slug, draft, { expectedUpdatedAt: editable.issue.updatedAt, mayChangePublic: options.mayChangePublic });
  return { upcoming: upcoming.length, past: past.length };
}
