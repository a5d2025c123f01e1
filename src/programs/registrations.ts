import { DateTime } from 'luxon';
import { z } from 'zod';
import { LANGUAGES } from '../members/members.js';
import { problemsOf } from '../content/draft-fields.js';
import { Invalid, type Problem } from '../lib/errors.js';
import { AVAILABILITY_SLOTS, FOCUS_AREAS, MAX_CAPACITY } from './matching/matching.js';
import type { Program, ProgramRole } from './programs.js';

// A person's registration for a program in one role, and the form it comes from. Pure: the
// deadline rule and the answers' validation live here; the service stores them.

/** One registration as the desk and the member's own page see it. */
export interface Registration {
  readonly id: number;
  readonly programId: number;
  readonly contactId: number | null;
  readonly role: ProgramRole;
  readonly name: string;
  readonly email: string;
  readonly company: string | null;
  readonly companyKey: string | null;
  /** Focus-area keys: a mentor's expertise, a mentee's goals. */
  readonly areas: readonly string[];
  readonly sector: string | null;
  /** In their own words. */
  readonly goals: string;
  readonly languages: readonly string[];
  readonly city: string | null;
  readonly timeZone: string | null;
  readonly availability: readonly string[];
  /** Mentors only: 1 to 3. */
  readonly capacity: number | null;
  readonly notOwnCompany: boolean;
  /** A fictional demo person. */
  readonly sample: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The answers, as the form's fields hold them. */
export interface RegistrationDraft {
  readonly areas: readonly string[];
  readonly sector: string;
  readonly goals: string;
  readonly languages: readonly string[];
  readonly city: string;
  readonly time_zone: string;
  readonly availability: readonly string[];
  readonly capacity: string;
  readonly not_own_company: boolean;
}

/** Checked answers, ready to store. */
export interface RegistrationAnswers {
  readonly areas: readonly string[];
  readonly sector: string | null;
  readonly goals: string;
  readonly languages: readonly string[];
  readonly city: string | null;
  readonly timeZone: string | null;
  readonly availability: readonly string[];
  readonly capacity: number | null;
  readonly notOwnCompany: boolean;
}

/** A blank form: English, Shanghai time, "not with my own company" ticked. */
export const EMPTY_REGISTRATION_DRAFT: RegistrationDraft = {
  areas: [], sector: '', goals: '', languages: [], city: '', time_zone: 'Asia/Shanghai', availability: [], capacity: '1', not_own_company: true,
};

/** The form of a stored registration. */
export function draftOfRegistration(registration: Registration): RegistrationDraft {
  return {
    areas: registration.areas,
    sector: registration.sector ?? '',
    goals: registration.goals,
    languages: registration.languages,
    city: registration.city ?? '',
    time_zone: registration.timeZone ?? '',
    availability: registration.availability,
    capacity: registration.capacity === null ? '1' : String(registration.capacity),
    not_own_company: registration.notOwnCompany,
  };
}

const AREA_KEYS = FOCUS_AREAS.map((area) => area.key) as [string, ...string[]];
const SLOT_KEYS = AVAILABILITY_SLOTS.map((slot) => slot.key) as [string, ...string[]];

function knownZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

const answersSchema = z.object({
  areas: z.array(z.enum(AREA_KEYS, { errorMap: () => ({ message: 'choose areas from the list' }) })).max(FOCUS_AREAS.length),
  sector: z.string().trim().max(60, 'choose a sector from the list'),
  goals: z.string().trim().max(2000, 'keep it under 2,000 characters'),
  languages: z.array(z.enum(LANGUAGES, { errorMap: () => ({ message: 'choose languages from the list' }) })).min(1, 'tick at least one language you can meet in'),
  city: z.string().trim().max(100, 'keep the city under 100 characters'),
  time_zone: z.string().trim().max(60).refine((zone) => zone === '' || knownZone(zone), 'enter a time zone such as Asia/Shanghai or Europe/Berlin'),
  availability: z.array(z.enum(SLOT_KEYS, { errorMap: () => ({ message: 'choose times from the list' }) })).min(1, 'tick at least one time you can meet'),
  capacity: z.string().trim(),
  not_own_company: z.boolean(),
});

/** Checks the answers for a role against the known sector slugs; throws `Invalid` naming every bad field. */
export function checkRegistrationDraft(role: ProgramRole, draft: RegistrationDraft, sectors: ReadonlySet<string>): RegistrationAnswers {
  const parsed = answersSchema.safeParse(draft);
  const problems: Problem[] = parsed.success ? [] : problemsOf(parsed.error);
  const data = parsed.success ? parsed.data : undefined;
  const sector = draft.sector.trim();
  if (sector !== '' && sector.length <= 60 && !sectors.has(sector)) problems.push({ where: 'sector', message: 'choose a sector from the list' });
  if (role !== 'participant' && draft.areas.length === 0) {
    problems.push({ where: 'areas', message: role === 'mentor' ? 'tick at least one area you can help with' : 'tick at least one area you want help with' });
  }
  let capacity: number | null = null;
  if (role === 'mentor') {
    capacity = /^\d$/.test(draft.capacity.trim()) ? Number(draft.capacity.trim()) : NaN;
    if (!(capacity >= 1 && capacity <= MAX_CAPACITY)) problems.push({ where: 'capacity', message: `a mentor takes 1 to ${MAX_CAPACITY} mentees` });
  }
  if (problems.length > 0 || !data) throw new Invalid('Some answers need another look; nothing was saved.', problems);
  return {
    areas: AREA_KEYS.filter((key) => data.areas.includes(key)),
    sector: data.sector || null,
    goals: data.goals,
    languages: LANGUAGES.filter((language) => data.languages.includes(language)),
    city: data.city || null,
    timeZone: data.time_zone || null,
    availability: SLOT_KEYS.filter((key) => data.availability.includes(key)),
    capacity,
    notOwnCompany: data.not_own_company,
  };
}

/** The instant registration closes: the start of the day after the deadline, in the program's zone; null when there is no deadline. */
export function registrationClosesAt(program: Pick<Program, 'registrationDeadline' | 'timeZone'>): Date | null {
  if (!program.registrationDeadline) return null;
  return DateTime.fromISO(program.registrationDeadline, { zone: program.timeZone }).plus({ days: 1 }).startOf('day').toJSDate();
}

/** Whether registration is open at `now`. */
export function registrationOpen(program: Pick<Program, 'registrationDeadline' | 'timeZone'>, now: Date): boolean {
  const closes = registrationClosesAt(program);
  return closes === null || now.getTime() < closes.getTime();
}

/** "December 31, 2023" for a `YYYY-MM-DD` day. */
export function deadlineText(day: string): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).setLocale('en-US').toFormat('MMMM d, yyyy');
}

/** The roles a person can register for: the program's roles. */
export function registrableRoles(program: Pick<Program, 'roles'>): readonly ProgramRole[] {
  return program.roles;
}

/** Labels for keys, for pages and the roster. */
export function areaLabel(key: string): string {
  return FOCUS_AREAS.find((area) => area.key === key)?.label ?? key;
}

export function slotLabel(key: string): string {
  return AVAILABILITY_SLOTS.find((slot) => slot.key === key)?.label ?? key;
}
