import type { Generated } from 'kysely';

// Row types of stories with their sources, topics, sectors and organizations (migration
// 2026-11-28T0000-content).

/** What kind of story it is. */
export const STORY_KINDS = ['news', 'interview', 'statistic', 'announcement'] as const;
export type StoryKind = (typeof STORY_KINDS)[number];

export interface StoriesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  kind: StoryKind;
  body: string;
  created_at: string;
  updated_at: string;
  /** The lead image: a media hash (migration 2026-12-03T0300-media), or null. */
  lead_media: string | null;
}

export interface StoryTopicsTable {
  story_id: number;
  topic_id: number;
  position: number;
}

export interface StorySectorsTable {
  story_id: number;
  sector_id: number;
  position: number;
}

export interface StoryOrganizationsTable {
  story_id: number;
  position: number;
  /** The name as the story writes it. */
  name: string;
  /** The organisation it is (migration 2026-12-02T0100-organizations); null only for rows written before it. */
  organization_id: number | null;
}

export interface SourcesTable {
  id: Generated<number>;
  story_id: number;
  position: number;
  author: string | null;
  title: string | null;
  outlet: string;
  published_on: string | null;
  url: string | null;
}

/** The story tables, part of `DB`. */
export interface StoryTables {
  stories: StoriesTable;
  story_topics: StoryTopicsTable;
  story_sectors: StorySectorsTable;
  story_organizations: StoryOrganizationsTable;
  sources: SourcesTable;
}
