import { viewBody, type Audience, type BodyView } from '../content/audience.js';
import { formatDate, formatMonth } from '../i18n/format.js';
import type { Language } from '../i18n/languages.js';
import type { Program } from './programs.js';

// A program as an audience may see it.

export interface ProgramView {
  readonly slug: string;
  readonly title: string;
  readonly roles: readonly string[];
  readonly deadline: string | null;
  readonly cohortStart: string | null;
  readonly durationMonths: number | null;
  readonly contactName: string | null;
  readonly contactEmail: string | null;
  readonly body: BodyView;
  readonly label: string | null;
}

/** A program as pages show it to `audience`, its dates in `language`. */
export function viewProgram(program: Program, audience: Audience, language: Language, label: string | null = null): ProgramView {
  return {
    slug: program.slug,
    title: program.title,
    roles: program.roles,
    deadline: program.registrationDeadline ? formatDate(language, program.registrationDeadline) : null,
    cohortStart: program.cohortStart ? formatMonth(language, program.cohortStart) : null,
    durationMonths: program.durationMonths,
    contactName: program.contactName,
    contactEmail: program.contactEmail,
    body: viewBody(program.body, audience),
    label,
  };
}

