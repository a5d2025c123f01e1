import { compiledOnce } from '../db/compiled-query.js';
import type { Executor } from '../db/database.js';
import type { SessionKind } from '../db/tables/auth.js';

export interface SessionRow {
  readonly id: string;
  readonly kind: SessionKind;
  readonly contactId: number | null;
  readonly staffId: number | null;
  readonly expiresAt: string;
}

export async function insertSession(
  db: Executor,
  row: { id: string; kind: 'member' | 'staff'; contactId: number | null; staffId: number | null; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: row.id, kind: row.kind, contact_id: row.contactId, staff_id: row.staffId, created_at: row.createdAt, expires_at: row.expiresAt })
    .execute();
}

// Every signed-in request runs this: compiled once, then only bound (db/compiled-query.ts).
const liveSession = compiledOnce<[string, string, string], { id: string; kind: SessionKind; contact_id: number | null; staff_id: number | null; expires_at: string }>((db, id, kind, now) =>
  db
    .selectFrom('sessions')
    .select(['id', 'kind', 'contact_id', 'staff_id', 'expires_at'])
    .where('id', '=', id)
    .where('kind', '=', kind as SessionKind)
    .where('expires_at', '>', now),
);

export async function findLiveSession(db: Executor, id: string, kind: 'member' | 'staff', now: string): Promise<SessionRow | undefined> {
  const [row] = await liveSession(db, id, kind, now);
  return row && { id: row.id, kind: row.kind, contactId: row.contact_id, staffId: row.staff_id, expiresAt: row.expires_at };
}

export async function extendSession(db: Executor, id: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteStaffSessions(db: Executor, staffId: number): Promise<void> {
  await db.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
}

export async function deleteExpiredSessions(db: Executor, now: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
