import type { Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { hashToken, newToken } from '../lib/tokens.js';
import { deleteExpiredSessions, deleteSession, deleteStaffSessions, extendSession, findLiveSession, insertSession } from './sessions.queries.js';
import { deleteRateLimitsBefore } from './rate-limits.queries.js';

/** Member sessions last 30 days, staff sessions 12 hours; both slide while in use. */
export const SESSION_TTL_MS = { member: 30 * 24 * 3600_000, staff: 12 * 3600_000 } as const;

export type SessionSubject = { kind: 'member'; contactId: number } | { kind: 'staff'; staffId: number };

/** A live session as the web layer sees it. */
export interface Session {
  /** The cookie's token (never stored; the row's id is its hash). */
  readonly token: string;
  readonly subject: SessionSubject;
}

/** Starts a session and returns the token for the cookie. */
export async function startSession(db: Executor, clock: Clock, subject: SessionSubject): Promise<string> {
  const token = newToken();
  const now = clock.now();
  // Housekeeping rides on sign-ins, which are rare enough to be cheap and frequent enough to keep
  // both tables small without a background job.
  await deleteExpiredSessions(db, now.toISOString());
  await deleteRateLimitsBefore(db, new Date(now.getTime() - 24 * 3600_000).toISOString());
  await insertSession(db, {
    id: hashToken(token),
    kind: subject.kind,
    contactId: subject.kind === 'member' ? subject.contactId : null,
    staffId: subject.kind === 'staff' ? subject.staffId : null,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS[subject.kind]).toISOString(),
  });
  return token;
}

/**
 * The live session of a cookie token, or undefined. A session used after half its lifetime is
 * extended, so active people stay signed in without a write on every request.
 */
export async function resumeSession(db: Executor, clock: Clock, token: string, kind: 'member' | 'staff'): Promise<Session | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  const now = clock.now();
  const row = await findLiveSession(db, hashToken(token), kind, now.toISOString());
  if (!row) return undefined;
  await extendSessionIfDue(db, clock, row, kind);
  if (kind === 'member' && row.contactId !== null) return { token, subject: { kind: 'member', contactId: row.contactId } };
  if (kind === 'staff' && row.staffId !== null) return { token, subject: { kind: 'staff', staffId: row.staffId } };
  return undefined;
}

/** The hash a session row is stored under, or undefined for a token that cannot be one. */
export function sessionIdOf(token: string): string | undefined {
  return token.length < 20 || token.length > 100 ? undefined : hashToken(token);
}

/** Extends a live session used after half its lifetime, so active people stay signed in without a write on every request. */
export async function extendSessionIfDue(db: Executor, clock: Clock, session: { readonly id: string; readonly expiresAt: string }, kind: 'member' | 'staff'): Promise<void> {
  const now = clock.now();
  const ttl = SESSION_TTL_MS[kind];
  if (new Date(session.expiresAt).getTime() - now.getTime() < ttl / 2) await extendSession(db, session.id, new Date(now.getTime() + ttl).toISOString());
}

/** Ends the session of a cookie token (sign-out). */
export async function endSession(db: Executor, token: string): Promise<void> {
  await deleteSession(db, hashToken(token));
}

/** Ends every session of a staff account (password change, deactivation). */
export async function endStaffSessions(db: Executor, staffId: number): Promise<void> {
  await deleteStaffSessions(db, staffId);
}
