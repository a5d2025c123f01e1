import type { ActorType } from '../db/tables/activity.js';

export type { ActorType } from '../db/tables/activity.js';

/** Who did something: a staff member, a member contact, or the system (CLI, worker, import). */
export interface Actor {
  readonly type: ActorType;
  readonly id: number | null;
  /** What the log shows, e.g. the email address or `cli`. */
  readonly label: string;
}

/** What was changed. */
export interface Subject {
  readonly type: string;
  readonly id: number | null;
  readonly label: string;
}

/** One line of the audit trail. */
export interface ActivityEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: Actor;
  /** A stable verb like `story.update` or `issue.publish`. */
  readonly action: string;
  readonly subject: Subject;
  readonly detail: string | null;
}

/** The actor for command-line and start-up work. */
export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, label: 'system' };
