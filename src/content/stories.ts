import type { SplitBody } from './body.js';
import type { Term } from './taxonomy.queries.js';

export const STORY_KINDS = ['news', 'interview', 'statistic', 'announcement'] as const;
export type StoryKind = (typeof STORY_KINDS)[number];

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
  readonly organizations: readonly string[];
  readonly sources: readonly Source[];
  readonly updatedAt: string;
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
}
