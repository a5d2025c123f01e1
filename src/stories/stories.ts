import type { SplitBody } from '../content/body.js';
import type { Term } from '../content/taxonomy.js';
import type { StoryKind } from '../db/tables/stories.js';

// The fixed values of `stories.kind` are declared once, with the table types.
export { STORY_KINDS, type StoryKind } from '../db/tables/stories.js';

/** One citation, rendered as the newsletter does: "Author, Outlet, Date". */
export interface Source {
  readonly author: string | null;
  readonly title: string | null;
  readonly outlet: string;
  /** `YYYY-MM-DD` */
  readonly publishedOn: string | null;
  readonly url: string | null;
}

/** A story with everything a page needs. `body` still holds the members-only part. */
export interface Story {
  readonly id: number;
  readonly slug: string;
  readonly title: string;
  readonly kind: StoryKind;
  readonly body: SplitBody;
  readonly topics: readonly Term[];
  readonly sectors: readonly Term[];
  /** The organisations' names as the story writes them. */
  readonly organizations: readonly string[];
  /** The same names with the slug of the organisation each means (`/organizations/<slug>`, or `/innovators/<slug>` for one in the directory). */
  readonly organizationTerms: readonly OrganizationTerm[];
  readonly sources: readonly Source[];
  readonly updatedAt: string;
  /** The lead image (media/), with its texts; null without one (or when its image is gone). */
  readonly leadImage: LeadImage | null;
}

/** A lead image of a story or issue: the image's path (`/media/<hash>-<width>.<ext>`) and texts. */
export interface LeadImage {
  readonly path: string;
  readonly alt: string;
  readonly caption: string;
  readonly credit: string;
}

/** An organisation a story names, with where its page is. */
export interface OrganizationTerm extends Term {
  readonly inDirectory: boolean;
}

/** What creating or updating a story takes (the content folder, later the admin). */
export interface StoryInput {
  readonly slug: string;
  readonly title: string;
  readonly kind: StoryKind;
  /** The whole Markdown body, members-only line included. */
  readonly body: string;
  readonly topics: readonly string[];
  readonly sectors: readonly string[];
  readonly organizations: readonly string[];
  readonly sources: readonly Source[];
  /** The lead image's media path (`/media/…`); null: none; undefined: left as it is (imports that do not name one). */
  readonly leadImage?: string | null;
}

/** An issue a story appears in, as the desk shows it next to the story. */
export interface StoryUse {
  readonly issueSlug: string;
  readonly issueTitle: string;
  readonly status: 'draft' | 'scheduled' | 'published';
  readonly publishedAt: string | null;
}

/** A story as the desk lists it. */
export interface StorySummary {
  readonly id: number;
  readonly slug: string;
  readonly title: string;
  readonly kind: StoryKind;
  /** Whether the body has a members-only part. */
  readonly hasMembersOnly: boolean;
  readonly updatedAt: string;
  /** Issues it appears in (any status), newest first. */
  readonly issues: readonly StoryUse[];
}

/** The desk's story filters; every one is optional. */
export interface StoryFilter {
  /** Words to find in the title, slug or body (case-insensitive for ASCII letters). */
  readonly q?: string | undefined;
  readonly kind?: StoryKind | undefined;
  /** A topic slug. */
  readonly topic?: string | undefined;
  /** A sector slug. */
  readonly sector?: string | undefined;
  /** true: only stories in some issue; false: only stories in none. */
  readonly used?: boolean | undefined;
}

/** One page of a list and how many there are in all. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

/** What the story form sends, as typed: unvalidated text (the desk's boundary). */
export interface StoryDraft {
  readonly slug: string;
  readonly title: string;
  readonly kind: string;
  readonly body: string;
  readonly topics: readonly string[];
  readonly sectors: readonly string[];
  /** One organization per line. */
  readonly organizations: string;
  /** Source rows in form order; rows with every field blank are ignored. */
  readonly sources: readonly SourceDraft[];
  /** The lead image's media path, or '' (absent: none). */
  readonly leadImage?: string;
}

export interface SourceDraft {
  readonly author: string;
  readonly title: string;
  readonly outlet: string;
  readonly publishedOn: string;
  readonly url: string;
}
