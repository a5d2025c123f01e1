import type { Generated } from 'kysely';
import type { Language } from './members.js';

// Row types of content translations (migration 2026-12-01T0100-translations).

/** The languages content is translated into; content is written in English. */
export const TRANSLATION_LANGUAGES = ['de', 'zh'] as const satisfies readonly Language[];
export type TranslationLanguage = (typeof TRANSLATION_LANGUAGES)[number];

/** The kinds of content that can be translated. */
export const TRANSLATION_KINDS = ['issue', 'story', 'event', 'program', 'report'] as const;
export type TranslationKind = (typeof TRANSLATION_KINDS)[number];

export interface TranslationsTable {
  id: Generated<number>;
  /** Exactly one of the five item columns is set: the original this translates. */
  issue_id: number | null;
  story_id: number | null;
  event_id: number | null;
  program_id: number | null;
  report_id: number | null;
  language: TranslationLanguage;
  /** JSON object of the translated short texts of the kind. */
  fields: Generated<string>;
  /** The translated body (teaser, members-only line, members-only part), or ''. */
  body: Generated<string>;
  original_digest: string;
  original_updated_at: string;
  created_at: string;
  updated_at: string;
}

/** The translation tables, part of `DB`. */
export interface TranslationTables {
  translations: TranslationsTable;
}
