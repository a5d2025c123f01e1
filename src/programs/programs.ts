import type { SplitBody } from '../content/body.js';
import type { ProgramRole } from '../db/tables/programs.js';

// The fixed values of the role columns are declared once, with the table types.
export { PROGRAM_ROLES, type ProgramRole } from '../db/tables/programs.js';

/** A program such as the Innovators Club: who may join, until when, and for how long. */
export interface Program {
  readonly id: number;
  readonly slug: string;
  readonly title: string;
  readonly body: SplitBody;
  readonly roles: readonly ProgramRole[];
  /** Last day to register, `YYYY-MM-DD`, inclusive, in `timeZone`. */
  readonly registrationDeadline: string | null;
  /** `YYYY-MM-DD` */
  readonly cohortStart: string | null;
  readonly durationMonths: number | null;
  readonly timeZone: string;
  readonly contactName: string | null;
  readonly contactEmail: string | null;
  readonly updatedAt: string;
}

/** What creating or updating a program takes. */
export interface ProgramInput {
  readonly slug: string;
  readonly title: string;
  readonly body: string;
  readonly roles: readonly ProgramRole[];
  readonly registrationDeadline: string | null;
  readonly cohortStart: string | null;
  readonly durationMonths: number | null;
  readonly timeZone: string;
  readonly contactName: string | null;
  readonly contactEmail: string | null;
}
