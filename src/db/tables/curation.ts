import type { Generated } from 'kysely';

// Row types of the curation inbox (migration 2026-12-03T0200-curation).

/** A source's health: not polled yet, its last poll worked, or its last polls failed. */
export const SOURCE_STATES = ['new', 'ok', 'failing'] as const;
export type SourceState = (typeof SOURCE_STATES)[number];

/** What a rule does to an arriving item whose text holds its phrase. */
export const RULE_ACTIONS = ['topic', 'sector', 'star', 'dismiss'] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

export interface CurationSourcesTable {
  id: Generated<number>;
  url: string;
  title: Generated<string>;
  site_url: string | null;
  language: string | null;
  /** rss, atom or json, once parsed. */
  format: string | null;
  etag: string | null;
  last_modified: string | null;
  state: Generated<SourceState>;
  last_error: string | null;
  error_count: Generated<number>;
  last_polled_at: string | null;
  last_success_at: string | null;
  next_poll_at: string;
  created_at: string;
  updated_at: string;
}

export interface CurationItemsTable {
  id: Generated<number>;
  source_id: number | null;
  identity: string;
  url: string | null;
  canonical_url: string | null;
  title: string;
  author: string | null;
  outlet: string;
  published_at: string | null;
  language: string | null;
  summary: Generated<string>;
  content_html: Generated<string>;
  simhash: string;
  band0: number;
  band1: number;
  band2: number;
  band3: number;
  cluster_id: number | null;
  topics: Generated<string>;
  sectors: Generated<string>;
  read_at: string | null;
  starred: Generated<number>;
  dismissed: Generated<number>;
  assignee_id: number | null;
  note: Generated<string>;
  board_issue_id: number | null;
  story_id: number | null;
  promoted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CurationRulesTable {
  id: Generated<number>;
  phrase: string;
  action: RuleAction;
  value: Generated<string>;
  created_at: string;
}

/** The curation tables, part of `DB`. */
export interface CurationTables {
  curation_sources: CurationSourcesTable;
  curation_items: CurationItemsTable;
  curation_rules: CurationRulesTable;
}
