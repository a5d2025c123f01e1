import type { Executor } from '../db/database.js';
import type { Role } from '../auth/permissions.js';
import type { Language } from '../i18n/languages.js';
import type { StaffMember } from './staff.js';

const COLUMNS = ['id', 'email', 'name', 'role', 'language', 'active', 'password_hash', 'last_sign_in_at', 'created_at'] as const;

function toStaff(row: { id: number; email: string; name: string; role: Role; language: Language; active: number; password_hash: string | null; last_sign_in_at: string | null; created_at: string }): StaffMember {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    language: row.language,
    active: row.active === 1,
    hasPassword: row.password_hash !== null,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
  };
}

export async function insertStaff(db: Executor, row: { email: string; emailKey: string; name: string; role: Role; language: Language; now: string }): Promise<number> {
  const inserted = await db
    .insertInto('staff')
    .values({ email: row.email, email_key: row.emailKey, name: row.name, role: row.role, language: row.language, password_hash: null, locked_until: null, last_sign_in_at: null, created_at: row.now, updated_at: row.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findStaffById(db: Executor, id: number): Promise<StaffMember | undefined> {
  const row = await db.selectFrom('staff').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toStaff(row);
}

export async function findStaffByEmailKey(db: Executor, key: string): Promise<StaffMember | undefined> {
  const row = await db.selectFrom('staff').select(COLUMNS).where('email_key', '=', key).executeTakeFirst();
  return row && toStaff(row);
}

export async function listAllStaff(db: Executor): Promise<StaffMember[]> {
  const rows = await db.selectFrom('staff').select(COLUMNS).orderBy('email_key').execute();
  return rows.map(toStaff);
}

/** What password sign-in needs, and nothing else reads. */
export async function findCredentials(db: Executor, key: string): Promise<{ id: number; passwordHash: string | null; active: boolean; failedAttempts: number; lockedUntil: string | null } | undefined> {
  const row = await db
    .selectFrom('staff')
    .select(['id', 'password_hash', 'active', 'failed_attempts', 'locked_until'])
    .where('email_key', '=', key)
    .executeTakeFirst();
  return row && { id: row.id, passwordHash: row.password_hash, active: row.active === 1, failedAttempts: row.failed_attempts, lockedUntil: row.locked_until };
}

export async function recordFailedSignIn(db: Executor, id: number, failedAttempts: number, lockedUntil: string | null): Promise<void> {
  await db.updateTable('staff').set({ failed_attempts: failedAttempts, locked_until: lockedUntil }).where('id', '=', id).execute();
}

export async function recordSignIn(db: Executor, id: number, now: string): Promise<void> {
  await db.updateTable('staff').set({ failed_attempts: 0, locked_until: null, last_sign_in_at: now }).where('id', '=', id).execute();
}

export async function updatePasswordHash(db: Executor, id: number, hash: string, now: string): Promise<void> {
  await db.updateTable('staff').set({ password_hash: hash, failed_attempts: 0, locked_until: null, updated_at: now }).where('id', '=', id).execute();
}

export async function updateStaffAccount(db: Executor, id: number, changes: { name: string; role: Role; active: boolean; now: string }): Promise<void> {
  await db
    .updateTable('staff')
    .set({ name: changes.name, role: changes.role, active: changes.active ? 1 : 0, updated_at: changes.now })
    .where('id', '=', id)
    .execute();
}

export async function updateStaffLanguage(db: Executor, id: number, language: Language, now: string): Promise<void> {
  await db.updateTable('staff').set({ language, updated_at: now }).where('id', '=', id).execute();
}

export async function countActiveOwners(db: Executor): Promise<number> {
  const row = await db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'owner').where('active', '=', 1).executeTakeFirstOrThrow();
  return Number(row.n);
}
