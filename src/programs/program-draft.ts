import { z } from 'zod';
import { joinBody } from '../content/body.js';
import { FIELD_LIMITS, slug as slugField, tooLong } from '../content/fields.js';
import { programSchema } from './program.schema.js';
import { checkDraftBody, invalidDraft, normaliseLines, optionalText, problemsOf, wholeNumber } from '../content/draft-fields.js';
import type { Problem } from '../lib/errors.js';
import { PROGRAM_ROLES, type Program, type ProgramInput } from './programs.js';

// A program as the desk's form holds it. Field rules come from the content folder schema, so the
// desk and the importer accept the same values; an empty time zone means Asia/Shanghai there too.

/** What an editor types for a program; keys are the form's field names. */
export interface ProgramDraft {
  readonly slug: string;
  readonly title: string;
  readonly body: string;
  readonly roles: readonly string[];
  /** `YYYY-MM-DD`, the last day to register (inclusive, in `time_zone`), or empty. */
  readonly registration_deadline: string;
  readonly cohort_start: string;
  readonly duration_months: string;
  readonly time_zone: string;
  readonly contact_name: string;
  readonly contact_email: string;
}

/** The zone a program's deadline is in when none is given (as in the content folder). */
export const DEFAULT_PROGRAM_ZONE = 'Asia/Shanghai';

/** A blank form for a new program. */
export const EMPTY_PROGRAM_DRAFT: ProgramDraft = {
  slug: '', title: '', body: '', roles: [], registration_deadline: '', cohort_start: '', duration_months: '',
  time_zone: DEFAULT_PROGRAM_ZONE, contact_name: '', contact_email: '',
};

const shape = programSchema.shape;

const fields = z.object({
  slug: z.string().trim().pipe(slugField),
  title: z.string().pipe(shape.title),
  roles: z
    .array(z.enum(PROGRAM_ROLES, { errorMap: () => ({ message: `choose from ${PROGRAM_ROLES.join(', ')}` }) }))
    .min(1, 'tick at least one role')
    .transform((roles) => PROGRAM_ROLES.filter((role) => roles.includes(role))),
  registration_deadline: optionalText(shape.registration_deadline.unwrap()),
  cohort_start: optionalText(shape.cohort_start.unwrap()),
  duration_months: wholeNumber.pipe(shape.duration_months),
  time_zone: z
    .string()
    .trim()
    .transform((zone) => zone || DEFAULT_PROGRAM_ZONE)
    .pipe(shape.time_zone.unwrap()),
  contact_name: optionalText(shape.contact_name.unwrap()),
  contact_email: optionalText(shape.contact_email.unwrap()),
});

/** Validates a draft; throws `Invalid` naming every bad field. */
export function checkProgramDraft(draft: ProgramDraft): ProgramInput {
  const problems: Problem[] = [];
  const body = checkDraftBody(draft.body, problems);
  if (normaliseLines(draft.body).length > FIELD_LIMITS.body) problems.push({ where: 'body', message: tooLong(FIELD_LIMITS.body) });
  const parsed = fields.safeParse(draft);
  if (!parsed.success) throw invalidDraft([...problems, ...problemsOf(parsed.error)]);
  const data = parsed.data;
  if (data.registration_deadline && data.cohort_start && data.registration_deadline > data.cohort_start) {
    problems.push({ where: 'registration_deadline', message: 'registration must close by the day the cohort starts' });
  }
  if (problems.length > 0) throw invalidDraft(problems);
  return {
    slug: data.slug,
    title: data.title,
    body,
    roles: data.roles,
    registrationDeadline: data.registration_deadline ?? null,
    cohortStart: data.cohort_start ?? null,
    durationMonths: data.duration_months ?? null,
    timeZone: data.time_zone,
    contactName: data.contact_name ?? null,
    contactEmail: data.contact_email ?? null,
  };
}

/** A stored program as the form shows it. */
export function draftOfProgram(program: Program): ProgramDraft {
  return {
    slug: program.slug,
    title: program.title,
    body: joinBody(program.body),
    roles: program.roles,
    registration_deadline: program.registrationDeadline ?? '',
    cohort_start: program.cohortStart ?? '',
    duration_months: program.durationMonths === null ? '' : String(program.durationMonths),
    time_zone: program.timeZone,
    contact_name: program.contactName ?? '',
    contact_email: program.contactEmail ?? '',
  };
}
