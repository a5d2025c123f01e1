import type { SplitBody } from '../content/body.js';
import type { Term } from '../content/taxonomy.js';
import type { Organiser } from '../db/tables/events.js';

// The fixed values of `events.organiser` are declared once, with the table types.
export { ORGANISERS, type Organiser } from '../db/tables/events.js';

/** An event: UTC instants plus the IANA zone its times are meant in. */
export interface Event {
  readonly id: number;
  readonly slug: string;
  readonly title: string;
  readonly body: SplitBody;
  /** ISO-8601 UTC. For all-day events: local midnight of the first day. */
  readonly startsAt: string;
  /** ISO-8601 UTC. For all-day events: local midnight after the last day (exclusive). */
  readonly endsAt: string;
  readonly timeZone: string;
  readonly allDay: boolean;
  readonly venue: string | null;
  readonly address: string | null;
  readonly city: string | null;
  readonly online: boolean;
  /** Only ever shown to registrants (a later capability); never on public pages. */
  readonly onlineUrl: string | null;
  readonly organiser: Organiser;
  readonly organiserName: string | null;
  readonly url: string | null;
  readonly capacity: number | null;
  readonly registrationOpensAt: string | null;
  readonly registrationClosesAt: string | null;
  readonly sectors: readonly Term[];
  readonly updatedAt: string;
}

/** What creating or updating an event takes. */
export interface EventInput {
  readonly slug: string;
  readonly title: string;
  readonly body: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly timeZone: string;
  readonly allDay: boolean;
  readonly venue: string | null;
  readonly address: string | null;
  readonly city: string | null;
  readonly online: boolean;
  readonly onlineUrl: string | null;
  readonly organiser: Organiser;
  readonly organiserName: string | null;
  readonly url: string | null;
  readonly capacity: number | null;
  readonly registrationOpensAt: string | null;
  readonly registrationClosesAt: string | null;
  readonly sectors: readonly string[];
}
