import type { RuleAction, SourceState } from '../db/tables/curation.js';

// The curation inbox's types: sources the team reads, the items they bring (or an editor adds
// by hand), clusters of near-duplicate items shown as one entry, and the rules that tag arriving
// items. README.md beside this file has the lifecycle.

export { RULE_ACTIONS, SOURCE_STATES, type RuleAction, type SourceState } from '../db/tables/curation.js';

/** A feed and its health. */
export interface CurationSource {
  readonly id: number;
  readonly url: string;
  readonly title: string;
  readonly siteUrl: string | null;
  readonly language: string | null;
  readonly format: string | null;
  readonly state: SourceState;
  readonly lastError: string | null;
  readonly errorCount: number;
  readonly lastPolledAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly nextPollAt: string;
  readonly itemCount: number;
  readonly createdAt: string;
}

/** One item, as the inbox shows it. */
export interface CurationItem {
  readonly id: number;
  readonly sourceId: number | null;
  readonly sourceTitle: string | null;
  readonly url: string | null;
  readonly canonicalUrl: string | null;
  readonly title: string;
  readonly author: string | null;
  readonly outlet: string;
  readonly publishedAt: string | null;
  readonly language: string | null;
  readonly summary: string;
  /** Sanitised on the way in (item-html.ts). */
  readonly contentHtml: string;
  readonly clusterId: number;
  readonly topics: readonly string[];
  readonly sectors: readonly string[];
  readonly read: boolean;
  readonly starred: boolean;
  readonly dismissed: boolean;
  readonly assigneeId: number | null;
  readonly note: string;
  readonly boardIssueId: number | null;
  readonly storyId: number | null;
  readonly promotedAt: string | null;
  readonly createdAt: string;
}

/** An inbox entry: a cluster's lead item and every item of the cluster (lead first). */
export interface InboxEntry {
  readonly lead: CurationItem;
  readonly items: readonly CurationItem[];
}

/** The inbox's filters; every one optional. */
export interface InboxFilter {
  readonly sourceId?: number | undefined;
  readonly topic?: string | undefined;
  readonly sector?: string | undefined;
  readonly language?: string | undefined;
  /** Items published (or, without a date, added) on or after this day (YYYY-MM-DD). */
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  readonly unread?: boolean | undefined;
  readonly starred?: boolean | undefined;
  /** Dismissed entries are hidden unless asked for. */
  readonly dismissed?: boolean | undefined;
  readonly assigneeId?: number | undefined;
  readonly boardIssueId?: number | undefined;
}

/** A rule: arriving items whose title or summary contain `phrase` get the action. */
export interface CurationRule {
  readonly id: number;
  readonly phrase: string;
  readonly action: RuleAction;
  /** The topic's or sector's slug; '' for star and dismiss. */
  readonly value: string;
  readonly createdAt: string;
}

/** What one poll of a source did. */
export type PollOutcome =
  | { readonly kind: 'updated'; readonly added: number; readonly seen: number }
  | { readonly kind: 'not_modified' }
  | { readonly kind: 'failed'; readonly reason: string };
