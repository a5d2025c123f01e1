import { z } from 'zod';
import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../lib/errors.js';
import { canManageRole, type Role } from '../auth/permissions.js';
import { checkLoginToken, consumeLoginToken, issueLoginToken } from '../auth/login-tokens.service.js';
import { endStaffSessions } from '../auth/sessions.service.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages.js';
import { enqueueEmail } from '../mail/email.js';
import { withFooter } from '../settings/settings.service.js';
import { emailKey } from '../members/members.js';
import * as passwordResetEmail from './emails/password-reset.email.js';
import * as staffInviteEmail from './emails/staff-invite.email.js';
import { checkNewPassword, hashPassword, verifyPassword } from './passwords.js';
import type { StaffMember } from './staff.js';
import {
  countActiveOwners, findCredentials, findStaffByEmailKey, findStaffById, insertStaff, listAllStaff, recordFailedSignIn,
  recordSignIn, updatePasswordHash, updateStaffAccount, updateStaffLanguage,
} from './staff.queries.js';

const email = z.string().trim().email('enter a valid email address').max(254);

/** The actor a staff member acts as in the activity log. */
export function staffActor(staff: Pick<StaffMember, 'id' | 'email'>): Actor {
  return { type: 'staff', id: staff.id, label: staff.email };
}

/** A staff account by id; throws NotFound. */
export async function getStaff(db: Executor, id: number): Promise<StaffMember> {
  const staff = await findStaffById(db, id);
  if (!staff) throw new NotFound('There is no such staff account.');
  return staff;
}

/** Every staff account, by address. */
export function listStaff(db: Executor): Promise<StaffMember[]> {
  return listAllStaff(db);
}

/** The site a staff email links to. */
export interface StaffMailSite {
  readonly name: string;
  readonly url: string;
}

/** The set-password address of a one-time token. */
function passwordUrl(site: StaffMailSite, token: string): string {
  return `${site.url}/admin/password/${token}`;
}

/**
 * Creates a staff account without a password and returns a one-time link token for setting it.
 * `by` is the acting staff member (undefined for the CLI, which may create any role). With
 * `invite`, the set-password link is mailed (enqueued in the same transaction); the CLI prints it instead.
 * The account's language (the desk's and its mail's) is the one the inviter chose, English when none was.
 */
export async function addStaff(
  db: Database,
  clock: Clock,
  input: { email: string; name?: string; role: Role; language?: Language },
  actor: Actor,
  by?: StaffMember,
  invite?: StaffMailSite,
): Promise<{ staff: StaffMember; token: string }> {
  const parsed = email.safeParse(input.email);
  if (!parsed.success) throw new Invalid('Enter a valid email address.', [{ where: 'email', message: 'enter a valid email address' }]);
  if (by && !canManageRole(by.role, input.role)) throw new Forbidden(`Your role (${by.role}) cannot create ${input.role} accounts.`);
  return db.transaction().execute(async (trx) => {
    const key = emailKey(parsed.data);
    if (await findStaffByEmailKey(trx, key)) {
      throw new Conflict(`${parsed.data} already has a staff account; send them a new password link instead (\`insights staff reset ${parsed.data}\`).`);
    }
    const id = await insertStaff(trx, { email: parsed.data, emailKey: key, name: input.name?.trim() ?? '', role: input.role, language: input.language ?? DEFAULT_LANGUAGE, now: clock.now().toISOString() });
    const token = await issueLoginToken(trx, clock, 'staff_password', { staffId: id });
    await recordActivity(trx, clock, actor, 'staff.add', { type: 'staff', id, label: parsed.data }, input.role);
    const staff = await getStaff(trx, id);
    if (invite) await enqueueInvite(trx, clock, invite, staff, token, by?.email ?? actor.label);
    return { staff, token };
  });
}

/** A new set-password link for an active account, or undefined when there is none (callers answer alike). */
export async function issuePasswordLink(db: Executor, clock: Clock, address: string): Promise<{ staff: StaffMember; token: string } | undefined> {
  const staff = await findStaffByEmailKey(db, emailKey(address));
  if (!staff || !staff.active) return undefined;
  const token = await issueLoginToken(db, clock, 'staff_password', { staffId: staff.id });
  return { staff, token };
}

async function enqueueInvite(db: Executor, clock: Clock, site: StaffMailSite, staff: StaffMember, token: string, invitedBy: string): Promise<void> {
  return enqueueEmail(db, clock, staffInviteEmail, staff.email, { name: staff.name, role: staff.role, invitedBy, url: passwordUrl(site, token), siteName: site.name }, await withFooter(db, site, staff.language));
}

/** Mails an active account a new set-password link (the desk's "send a new link"); `Invalid` for a deactivated one. */
export async function resendPasswordLink(db: Database, clock: Clock, site: StaffMailSite, staff: StaffMember, by: StaffMember): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const issued = await issuePasswordLink(trx, clock, staff.email);
    if (!issued) throw new Invalid('This account is deactivated; activate it first.');
    await enqueueInvite(trx, clock, site, issued.staff, issued.token, by.email);
  });
}

/** /admin/forgot: mails a set-password link when the address has an active account; does nothing otherwise (the caller answers alike). */
export async function mailPasswordReset(db: Database, clock: Clock, site: StaffMailSite, address: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const issued = await issuePasswordLink(trx, clock, address);
    if (issued) await enqueueEmail(trx, clock, passwordResetEmail, issued.staff.email, { url: passwordUrl(site, issued.token), siteName: site.name }, await withFooter(trx, site, issued.staff.language));
  });
}

/** The account a set-password link is for, without using the link. */
export async function checkPasswordLink(db: Executor, clock: Clock, token: string): Promise<StaffMember> {
  const subject = await checkLoginToken(db, clock, 'staff_password', token);
  return getStaff(db, subject.staffId!);
}

/** Sets a password with a one-time link; ends every other session of the account. */
export async function setPasswordWithLink(db: Database, clock: Clock, token: string, password: string, confirmation: string): Promise<StaffMember> {
  const staff = await checkPasswordLink(db, clock, token);
  checkNewPassword(password, confirmation, staff.email);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    await consumeLoginToken(trx, clock, 'staff_password', token);
    await updatePasswordHash(trx, staff.id, passwordHash, clock.now().toISOString());
    await endStaffSessions(trx, staff.id);
    await recordActivity(trx, clock, staffActor(staff), 'staff.set_password', { type: 'staff', id: staff.id, label: staff.email });
    return staff;
  });
}

/** After this many failures in a row an account waits before the next attempt, doubling each time. */
const FREE_ATTEMPTS = 5;
const MAX_LOCK_MS = 60 * 60_000;

const WRONG = 'The email address or the password is not right. Check both, or set a new password by email.';

/** Password sign-in with backoff; throws `Invalid` with one message for every kind of failure but a lock. */
export async function signInWithPassword(db: Database, clock: Clock, address: string, password: string): Promise<StaffMember> {
  const now = clock.now();
  const credentials = await findCredentials(db, emailKey(address));
  if (credentials?.lockedUntil && credentials.lockedUntil > now.toISOString()) {
    const minutes = Math.max(1, Math.ceil((new Date(credentials.lockedUntil).getTime() - now.getTime()) / 60_000));
    throw new Invalid(`Too many failed attempts. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again, or set a new password by email.`);
  }
  const matches = await verifyPassword(credentials?.passwordHash ?? null, password);
  if (!credentials || !matches || !credentials.active) {
    if (credentials && !matches) {
      const failures = credentials.failedAttempts + 1;
      const lockMs = failures >= FREE_ATTEMPTS ? Math.min(MAX_LOCK_MS, 60_000 * 2 ** (failures - FREE_ATTEMPTS)) : 0;
      await recordFailedSignIn(db, credentials.id, failures, lockMs > 0 ? new Date(now.getTime() + lockMs).toISOString() : null);
    }
    throw new Invalid(WRONG);
  }
  await recordSignIn(db, credentials.id, now.toISOString());
  return getStaff(db, credentials.id);
}

/** Changes another account's name, role or active flag, within what the actor's role allows. */
export async function updateStaff(
  db: Database,
  clock: Clock,
  by: StaffMember,
  id: number,
  changes: { name: string; role: Role; active: boolean },
): Promise<StaffMember> {
  return db.transaction().execute(async (trx) => {
    const target = await getStaff(trx, id);
    if (!canManageRole(by.role, target.role) || !canManageRole(by.role, changes.role)) {
      throw new Forbidden(`Your role (${by.role}) cannot change ${target.role} accounts or grant the ${changes.role} role.`);
    }
    const leavesOwnership = target.role === 'owner' && target.active && (changes.role !== 'owner' || !changes.active);
    if (leavesOwnership && (await countActiveOwners(trx)) <= 1) {
      throw new Conflict('This is the only active owner. Make someone else owner first.');
    }
    await updateStaffAccount(trx, id, { ...changes, name: changes.name.trim(), now: clock.now().toISOString() });
    if (!changes.active) await endStaffSessions(trx, id);
    await recordActivity(trx, clock, staffActor(by), 'staff.update', { type: 'staff', id, label: target.email }, `${changes.role}${changes.active ? '' : ', deactivated'}`);
    return getStaff(trx, id);
  });
}

/** A staff member changes the language of their own desk and mail; recorded in the activity log. */
export async function setOwnLanguage(db: Database, clock: Clock, staff: StaffMember, language: Language): Promise<StaffMember> {
  return db.transaction().execute(async (trx) => {
    await updateStaffLanguage(trx, staff.id, language, clock.now().toISOString());
    await recordActivity(trx, clock, staffActor(staff), 'staff.language', { type: 'staff', id: staff.id, label: staff.email }, language);
    return getStaff(trx, staff.id);
  });
}
