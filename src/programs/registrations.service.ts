import type { Database, Executor } from '../db/database.js';
import { recordRegistrationConsent, recordRegistrationWithdrawal, type RegistrationConsent } from '../members/subscriptions.service.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { getSectors } from '../content/taxonomy.service.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, Forbidden, NotFound } from '../lib/errors.js';
import { enqueueEmail } from '../mail/email.js';
import { withFooter } from '../settings/settings.service.js';
import * as registrationSavedEmail from './emails/registration-saved.email.js';
import { companyKey, emailKey, isMember, type ContactIdentity } from '../members/members.js';
import { mailLanguageOf } from '../members/contacts.service.js';
import type { SiteForMail } from '../members/sign-in.service.js';
import type { Program, ProgramRole } from './programs.js';
import {
  areaLabel, checkRegistrationDraft, deadlineText, registrationOpen, slotLabel, type Registration, type RegistrationAnswers, type RegistrationDraft,
} from './registrations.js';
import { countRegistrations, deleteRegistration, findRegistrationByEmail, insertRegistration, listRegistrations, updateRegistration, type Registrant } from './registrations.queries.js';

// Members register for a program in one of its roles and may change their answers until the
// deadline. The deadline and membership are checked here, on the server, before anything is
// written; the confirmation email goes out after the transaction commits.

/** What registering did. */
export interface RegistrationOutcome {
  readonly registration: Registration;
  readonly created: boolean;
}

/** The sector slugs a registration may name. */
export async function sectorChoices(db: Executor): Promise<{ value: string; label: string }[]> {
  return (await getSectors(db)).map((sector) => ({ value: sector.slug, label: sector.name }));
}

/** A contact's registration for a program, or undefined. */
export function getOwnRegistration(db: Executor, program: Program, contact: ContactIdentity): Promise<Registration | undefined> {
  return findRegistrationByEmail(db, program.id, emailKey(contact.email));
}

/** Every registration of a program, by role then name. */
export function getRegistrations(db: Executor, programId: number): Promise<Registration[]> {
  return listRegistrations(db, programId);
}

/** How many people registered per role, by program id (programs without registrations are absent). */
export function getRegistrationCounts(db: Executor): Promise<Map<number, { mentor: number; mentee: number; participant: number }>> {
  return countRegistrations(db);
}

/** Refuses unless registration is still open; the message says when it closed and whom to ask. */
export function checkRegistrationOpen(program: Program, now: Date): void {
  if (registrationOpen(program, now)) return;
  const ask = program.contactEmail ? ` For questions, write to ${program.contactName ? `${program.contactName} at ` : ''}${program.contactEmail}.` : '';
  throw new Conflict(
    `Registration for ${program.title} closed on ${deadlineText(program.registrationDeadline!)} (${program.timeZone} time). Nothing was saved.${ask}`,
  );
}

/**
 * Registers a member contact (or updates their registration) in `role`. Throws `Conflict` after
 * the deadline, `Forbidden` for a non-member or a role the program lacks, `Invalid` for bad
 * answers; in each case nothing is written.
 */
export async function registerForProgram(
  deps: { db: Database; clock: Clock; site: SiteForMail },
  program: Program,
  contact: ContactIdentity,
  role: ProgramRole,
  draft: RegistrationDraft,
  /** The form's consent rows: the registration's (`program:<slug>`), and the newsletter box's when ticked. */
  consent?: RegistrationConsent,
): Promise<RegistrationOutcome> {
  const { db, clock } = deps;
  const now = clock.now();
  checkRegistrationOpen(program, now);
  if (!isMember(contact)) throw new Forbidden(`${program.title} is for people at member companies. Your address is not linked to an active member company.`);
  if (!program.roles.includes(role)) throw new Forbidden(`${program.title} has no ${role} role.`);
  const sectors = new Set((await sectorChoices(db)).map((sector) => sector.value));
  const answers = checkRegistrationDraft(role, draft, sectors);
  const who: Registrant = {
    contactId: contact.id,
    name: contact.name || contact.email,
    email: contact.email,
    emailKey: emailKey(contact.email),
    company: contact.company?.name ?? null,
    companyKey: contact.company ? companyKey(contact.company.name) : null,
  };
  const actor: Actor = { type: 'member', id: contact.id, label: contact.email };
  return db.transaction().execute(async (trx) => {
    // Checked again inside the transaction, so a request that raced the deadline writes nothing.
    checkRegistrationOpen(program, clock.now());
    const result = await saveRegistration(trx, clock, actor, program, who, role, answers);
    if (consent) await recordRegistrationConsent(trx, clock, contact.id, 'program_registration', `program:${program.slug}`, consent);
    await enqueueConfirmation(trx, clock, deps.site, program, result.registration, result.created);
    return result;
  });
}

/** Stores a registration without the deadline and membership checks (the demo's samples and the service above). */
export async function saveRegistration(
  db: Executor, clock: Clock, actor: Actor, program: Program, who: Registrant, role: ProgramRole, answers: RegistrationAnswers,
): Promise<{ registration: Registration; created: boolean }> {
  const now = clock.now().toISOString();
  let existing = await findRegistrationByEmail(db, program.id, who.emailKey);
  // A double-clicked first submission: the other request inserted meanwhile, so this one updates.
  if (!existing && (await insertRegistration(db, program.id, who, role, answers, now)) === undefined) {
    existing = await findRegistrationByEmail(db, program.id, who.emailKey);
  }
  if (existing) await updateRegistration(db, existing.id, who, role, answers, now);
  const registration = (await findRegistrationByEmail(db, program.id, who.emailKey))!;
  await recordActivity(db, clock, actor, existing ? 'program.registration.update' : 'program.registration.create', { type: 'program', id: program.id, label: program.title }, `${who.email} as ${role}`);
  return { registration, created: !existing };
}

/** Enqueues the confirmation with the answers given, in the registering transaction. */
async function enqueueConfirmation(trx: Executor, clock: Clock, site: SiteForMail, program: Program, registration: Registration, created: boolean): Promise<void> {
  return enqueueEmail(trx, clock, registrationSavedEmail, registration.email, {
    created,
    name: registration.name,
    role: registration.role,
    programTitle: program.title,
    capacity: registration.capacity ?? null,
    areas: registration.areas.map(areaLabel),
    languages: registration.languages,
    times: registration.availability.map(slotLabel),
    deadline: program.registrationDeadline,
    registrationUrl: `${site.url}/programs/${program.slug}/register/${registration.role}`,
    contactEmail: program.contactEmail,
    siteName: site.name,
  }, await withFooter(trx, site, await mailLanguageOf(trx, registration.email)));
}

/** Removes a member's own registration before the deadline; `Conflict` after it, `NotFound` without one. */
export async function withdrawRegistration(db: Database, clock: Clock, program: Program, contact: ContactIdentity): Promise<void> {
  await db.transaction().execute(async (trx) => {
    checkRegistrationOpen(program, clock.now());
    const own = await findRegistrationByEmail(trx, program.id, emailKey(contact.email));
    if (!own) throw new NotFound(`You are not registered for ${program.title}.`);
    await deleteRegistration(trx, own.id);
    await recordRegistrationWithdrawal(trx, clock, contact.id, 'program_registration', `program:${program.slug}`, { type: 'member', id: contact.id, label: contact.email }, `/programs/${program.slug}/register/withdraw`);
    await recordActivity(trx, clock, { type: 'member', id: contact.id, label: contact.email }, 'program.registration.withdraw', { type: 'program', id: program.id, label: program.title }, `${contact.email} as ${own.role}`);
  });
}

/** Removes a registration from the desk (at any time: e.g. a person asks by email after the deadline). */
export async function removeRegistration(db: Database, clock: Clock, actor: Actor, program: Program, registrationId: number): Promise<Registration> {
  return db.transaction().execute(async (trx) => {
    const registration = (await listRegistrations(trx, program.id)).find((one) => one.id === registrationId);
    if (!registration) throw new NotFound('That registration no longer exists; it may have been withdrawn.');
    await deleteRegistration(trx, registration.id);
    if (registration.contactId !== null) await recordRegistrationWithdrawal(trx, clock, registration.contactId, 'program_registration', `program:${program.slug}`, actor, '');
    await recordActivity(trx, clock, actor, 'program.registration.remove', { type: 'program', id: program.id, label: program.title }, `${registration.email} as ${registration.role}`);
    return registration;
  });
}
