import type { Issue } from '../issues/issues.js';
import { compareText } from '../lib/compare.js';

/** An issue that lists some event, program or report: what the desk names when it refuses a delete. */
export type IssueRef = Pick<Issue, 'slug' | 'title'>;

/**
 * Rows of (subject id, issue slug, issue title) from section items, grouped by subject with
 * each issue once, by slug. Shared by the event, program and report queries.
 */
export function issueRefsBySubject(rows: readonly { subject_id: number | null; slug: string; title: string }[]): Map<number, IssueRef[]> {
  const bySubject = new Map<number, Map<string, IssueRef>>();
  for (const row of rows) {
    if (row.subject_id === null) continue;
    const issues = bySubject.get(row.subject_id) ?? new Map<string, IssueRef>();
    issues.set(row.slug, { slug: row.slug, title: row.title });
    bySubject.set(row.subject_id, issues);
  }
  return new Map([...bySubject].map(([id, issues]) => [id, [...issues.values()].sort((a, b) => compareText(a.slug, b.slug))]));
}

/** "2024 Spring Issue (2024-spring), 2023 Fall Issue (2023-fall)" */
export function describeIssueRefs(issues: readonly IssueRef[]): string {
  return issues.map((issue) => `${issue.title} (${issue.slug})`).join(', ');
}
