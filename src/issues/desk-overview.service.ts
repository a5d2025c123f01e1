import { listUnusedStories } from './story-editing.service.js';
import type { Page, StorySummary } from '../stories/stories.js';
import type { Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { compareIssuesNewestFirst, isPublic, type Issue, type IssueStatus, type ItemTarget } from './issues.js';
import { countIssueContents, listIssues, type IssueCounts } from './issues.queries.js';

/** One issue as the dashboard shows it. */
export interface IssueOverview {
  readonly slug: string;
  readonly title: string;
  readonly status: IssueStatus;
  /** Published: when it went out. Scheduled: when it goes (or went) public. Draft: null. */
  readonly publishedAt: string | null;
  /** Scheduled and not yet due: the time it will appear; otherwise null. */
  readonly scheduledFor: string | null;
  /** Readers can see it now (published, or scheduled and due). */
  readonly isPublic: boolean;
  readonly sections: number;
  /** Items per kind of thing they show. */
  readonly items: Readonly<Record<ItemTarget, number>>;
  readonly itemTotal: number;
  /** Where the desk edits it. */
  readonly editPath: string;
}

/** What the dashboard needs about issues and stories. */
export interface DeskOverview {
  /** The newest issue readers can see now, or null before anything is public. */
  readonly current: IssueOverview | null;
  /** The newest issue readers cannot see yet (a draft, or scheduled for later): the one being worked on. */
  readonly next: IssueOverview | null;
  /** Stories no issue uses yet, most recently changed first (`items` holds at most `unusedLimit`; `total` counts all). */
  readonly unusedStories: Page<StorySummary>;
}

function overview(issue: Issue, counts: IssueCounts | undefined, now: Date): IssueOverview {
  const items = counts?.items ?? { story: 0, event: 0, program: 0, report: 0 };
  const live = isPublic(issue, now);
  return {
    slug: issue.slug,
    title: issue.title,
    status: issue.status,
    publishedAt: issue.publishedAt,
    scheduledFor: issue.status === 'scheduled' && !live ? issue.publishedAt : null,
    isPublic: live,
    sections: counts?.sections ?? 0,
    items,
    itemTotal: items.story + items.event + items.program + items.report,
    editPath: `/admin/issues/${issue.slug}/edit`,
  };
}

/**
 * The dashboard's view of the desk: the current public issue, the next one in the works with
 * its status, counts and scheduled time, and the stories not used in any issue yet.
 */
export async function getDeskOverview(db: Executor, clock: Clock, options: { unusedLimit?: number } = {}): Promise<DeskOverview> {
  const now = clock.now();
  const issues = (await listIssues(db)).sort(compareIssuesNewestFirst);
  const current = issues.find((issue) => isPublic(issue, now));
  const next = issues.find((issue) => !isPublic(issue, now));
  const counts = await countIssueContents(db, [current, next].filter((issue): issue is Issue => issue !== undefined).map((issue) => issue.id));
  return {
    current: current ? overview(current, counts.get(current.id), now) : null,
    next: next ? overview(next, counts.get(next.id), now) : null,
    unusedStories: await listUnusedStories(db, options.unusedLimit ?? 10),
  };
}
