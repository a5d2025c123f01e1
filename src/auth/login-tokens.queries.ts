import type { Executor } from '../db/database.js';
import type { TokenPurpose } from '../db/tables/auth.js';

export type { TokenPurpose } from '../db/tables/auth.js';

export async function insertLoginToken(
  db: Executor,
  row: { id: string; purpose: TokenPurpose; contactId: number | null; staffId: number | null; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('login_tokens')
    .values({
      id: row.id,
      purpose: row.purpose,
      contact_id: row.contactId,
      staff_id: row.staffId,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
      used_at: null,
    })
    .execute();
}

export interface LoginTokenRow {
  readonly contactId: number | null;
  readonly staffId: number | null;
  readonly expiresAt: string;
  readonly usedAt: string | null;
}

export async function findLoginToken(db: Executor, id: string, purpose: TokenPurpose): Promise<LoginTokenRow | undefined> {
  const row = await db
    .selectFrom('login_tokens')
    .select(['contact_id', 'staff_id', 'expires_at', 'used_at'])
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  return row && { contactId: row.contact_id, staffId: row.staff_id, expiresAt: row.expires_at, usedAt: row.used_at };
}

/** Marks a token used if it is still unused and unexpired; true when this call used it. */
export async function useLoginToken(db: Executor, id: string, purpose: TokenPurpose, now: string): Promise<boolean> {
  const result = await db
    .updateTable('login_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteStaleLoginTokens(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('login_tokens').where('expires_at', '<', before).execute();
}
