// The audiences domain's types: a segment is a saved filter over contacts (criteria.ts holds the
// criteria). src/audiences/README.md says how a send uses one.

import type { SegmentFilter } from './criteria.js';

export type { SegmentFilter } from './criteria.js';

/** A saved filter over contacts, with a slug the CLI names it by. */
export interface Segment {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly filter: SegmentFilter;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Set when deleted: hidden from the list and from sends, still named by the deliveries sent to it. */
  readonly deletedAt: string | null;
}

/** A matching contact shown as a sample on the segment form (only to staff who may see people). */
export interface SampleContact {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly company: string | null;
}

/** How many subscribed, reachable contacts a filter matches now: per edition, with a few of them. */
export interface SegmentPreview {
  readonly full: number;
  readonly teaser: number;
  readonly total: number;
  readonly sample: readonly SampleContact[];
}

/** The longest segment name and slug. */
export const SEGMENT_LIMITS = { name: 120, slug: 60 } as const;
