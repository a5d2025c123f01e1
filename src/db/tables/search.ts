import type { Generated } from 'kysely';
import type { Language } from './members.js';

// Row types of the search index (migration 2026-12-02T0000-search). The engine-specific
// full-text part (SQLite's search_fts, PostgreSQL's tsvector columns) is reached in raw SQL by
// src/search/search.queries.ts only.

/** The kinds of content the search finds ('innovator': organisation profiles, since migration 2026-12-02T0700-search-innovators). */
export const SEARCH_KINDS = ['story', 'issue', 'event', 'program', 'report', 'innovator'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchDocumentsTable {
  id: Generated<number>;
  kind: SearchKind;
  item_id: number;
  language: Language;
  slug: string;
  title: string;
  /** What the public sees, for public snippets. */
  public_text: string;
  /** The members-only text alone, for members' snippets. */
  member_text: string;
  /** Empty since analysis parts-3: the tokens go to the engine's index only (FTS5, tsvectors). It held the title's and public text's tokens. */
  public_tokens: string;
  /** Empty since analysis parts-3, as public_tokens. It held the members-only text's tokens. */
  member_tokens: string;
  /** Topic slugs between spaces: ' ai robotics '. */
  topics: Generated<string>;
  sectors: Generated<string>;
  year: number | null;
  quarter: number | null;
  published_at: string | null;
  indexed_at: string;
  /**
   * When the item becomes public (migration 2026-12-02T0400-search-visibility): ALWAYS_PUBLIC for
   * events, programs, published issues and what they list; a scheduled issue's time; null while
   * nothing public lists it. Visible now = `public_from <= now`.
   */
  public_from: string | null;
}

/** The `public_from` of what is public whatever the time. */
export const ALWAYS_PUBLIC = '0000-01-01T00:00:00.000Z';

/** The search tables, part of `DB`. */
export interface SearchTables {
  search_documents: SearchDocumentsTable;
}
