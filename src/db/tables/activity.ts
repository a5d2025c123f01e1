import type { Generated } from 'kysely';

// Row types of the audit trail (migration 2026-11-29T0000-people).

/** Who did something: a staff member, a member contact, or the system (CLI, worker, import). */
export type ActorType = 'staff' | 'member' | 'system';

export interface ActivityTable {
  id: Generated<number>;
  at: string;
  actor_type: ActorType;
  actor_id: number | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: number | null;
  subject_label: string;
  detail: string | null;
}

/** The activity tables, part of `DB`. */
export interface ActivityTables {
  activity: ActivityTable;
}
