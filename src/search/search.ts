import type { Language } from '../db/tables/members.js';
import { SEARCH_KINDS, type SearchKind } from '../db/tables/search.js';

// The search's domain types: a search asked for, and what it found.

export { SEARCH_KINDS, type SearchKind };

/** Longer queries are refused with a message, not searched. */
export const MAX_QUERY_LENGTH = 500;

/** Hits per page. */
export const PAGE_SIZE = 20;

/** Who searches: the public sees public text only; a signed-in member the members-only text too. */
export type SearchAudience = 'public' | 'member';

/** What narrows a search besides the words. */
export interface SearchFilter {
  readonly kind?: SearchKind | undefined;
  readonly topic?: string | undefined;
  readonly sector?: string | undefined;
  readonly year?: number | undefined;
  readonly quarter?: number | undefined;
  readonly language?: Language | undefined;
}

/** A search as the page asks for it (already validated). */
export interface SearchRequest extends SearchFilter {
  readonly q: string;
  readonly audience: SearchAudience;
  /** 1-based. */
  readonly page: number;
}

/** A part of a snippet: `mark` parts are matches (the page wraps them in <mark>, after escaping). */
export interface SnippetPart {
  readonly text: string;
  readonly mark: boolean;
}

/** One hit. */
export interface SearchHit {
  readonly kind: SearchKind;
  readonly itemId: number;
  readonly slug: string;
  readonly language: Language;
  readonly title: string;
  readonly snippet: readonly SnippetPart[];
  readonly publishedAt: string | null;
  readonly rank: number;
}

/** A facet's values with how many hits each has, most first. */
export interface FacetCount<V> {
  readonly value: V;
  readonly count: number;
}

/** What a search says back: hits, facets, or why it searched nothing. */
export type SearchOutcome =
  | { readonly status: 'empty' }
  | { readonly status: 'too-long' }
  | { readonly status: 'no-words'; readonly hadOperators: boolean }
  | {
      readonly status: 'results';
      readonly hadOperators: boolean;
      readonly hits: readonly SearchHit[];
      /** Exact, or (`approximate`) an estimate from the most recently indexed hits: shown as "about". */
      readonly total: number;
      /** The total is an estimate and the facets count only the most recently indexed hits (shown without numbers). */
      readonly approximate: boolean;
      /** How many hits the facets count: the total when exact. */
      readonly counted: number;
      readonly page: number;
      /** The pages the total makes (an estimate too when `approximate`; `hasNext` is exact). */
      readonly pages: number;
      readonly hasNext: boolean;
      readonly facets: {
        readonly kind: readonly FacetCount<SearchKind>[];
        readonly language: readonly FacetCount<Language>[];
        readonly topic: readonly FacetCount<string>[];
        readonly sector: readonly FacetCount<string>[];
        readonly year: readonly FacetCount<number>[];
        readonly quarter: readonly FacetCount<string>[];
      };
    };
