import type { Generated } from 'kysely';

// Row types of the taxonomy every kind of content uses: topics and sectors (migration
// 2026-11-28T0000-content).

export interface TopicsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  position: number;
}

export interface SectorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
}

/** The content tables, part of `DB`. */
export interface ContentTables {
  topics: TopicsTable;
  sectors: SectorsTable;
}
