import type { Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { hashToken, newToken } from '../lib/tokens.js';
import { deleteStaleLoginTokens, findLoginToken, insertLoginToken, useLoginToken, type TokenPurpose } from './login-tokens.queries.js';

export type { TokenPurpose } from './login-tokens.queries.js';

/** How long a one-time link stays valid. */
export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  member_sign_in: 15 * 60_000,
  staff_password: 24 * 3600_000,
  subscribe_confirm: 7 * 24 * 3600_000,
  data_export: 24 * 3600_000,
  erasure_confirm: 24 * 3600_000,
};

export type TokenSubject = { contactId: number; staffId?: never } | { staffId: number; contactId?: never };

/** Issues a single-use token; only its hash is stored. */
export async function issueLoginToken(db: Executor, clock: Clock, purpose: TokenPurpose, subject: TokenSubject): Promise<string> {
  const token = newToken();
  const now = clock.now();
  // Old tokens are swept as new ones are issued, so the table stays small without a job.
  await deleteStaleLoginTokens(db, new Date(now.getTime() - 24 * 3600_000).toISOString());
  await insertLoginToken(db, {
    id: hashToken(token),
    purpose,
    contactId: subject.contactId ?? null,
    staffId: subject.staffId ?? null,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]).toISOString(),
  });
  return token;
}

const EXPLAIN = {
  unknown: 'This link is not valid. Check that you opened the whole link from the email, or ask for a new one.',
  used: 'This link has already been used. Links work once; ask for a new one.',
  expired: 'This link has expired. Ask for a new one.',
} as const;

/** Checks a token without using it (for the confirm page); throws `Invalid` saying why it is unusable. */
export async function checkLoginToken(db: Executor, clock: Clock, purpose: TokenPurpose, token: string): Promise<TokenSubject> {
  const row = token.length >= 20 && token.length <= 100 ? await findLoginToken(db, hashToken(token), purpose) : undefined;
  if (!row) throw new Invalid(EXPLAIN.unknown);
  if (row.usedAt !== null) throw new Invalid(EXPLAIN.used);
  if (row.expiresAt <= clock.now().toISOString()) throw new Invalid(EXPLAIN.expired);
  return row.contactId !== null ? { contactId: row.contactId } : { staffId: row.staffId! };
}

/** Uses a token exactly once: of two concurrent confirmations only one succeeds. */
export async function consumeLoginToken(db: Executor, clock: Clock, purpose: TokenPurpose, token: string): Promise<TokenSubject> {
  const subject = await checkLoginToken(db, clock, purpose, token);
  if (!(await useLoginToken(db, hashToken(token), purpose, clock.now().toISOString()))) throw new Invalid(EXPLAIN.used);
  return subject;
}
