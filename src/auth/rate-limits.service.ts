import type { Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { RateLimited } from '../lib/errors.js';
import { countHit } from './rate-limits.queries.js';

/** A limit: at most `max` hits per `windowSeconds`. */
export interface RateLimit {
  readonly max: number;
  readonly windowSeconds: number;
}

/** The limits on sign-in and public forms, in one place. */
export const LIMITS = {
  signInLinkPerAddress: { max: 5, windowSeconds: 3600 },
  signInLinkPerIp: { max: 20, windowSeconds: 3600 },
  staffSignInPerIp: { max: 30, windowSeconds: 900 },
  passwordResetPerAddress: { max: 3, windowSeconds: 3600 },
  publicFormPerIp: { max: 10, windowSeconds: 3600 },
} as const satisfies Record<string, RateLimit>;

/** The outcome of one counted hit. */
export interface RateDecision {
  readonly allowed: boolean;
  /** Seconds until the window resets (when not allowed). */
  readonly retryAfterSeconds: number;
}

/** Counts a hit against `key` and says whether it is within the limit. Counters live in the database. */
export async function hitRateLimit(db: Executor, clock: Clock, key: string, limit: RateLimit): Promise<RateDecision> {
  const now = clock.now();
  const windowMs = limit.windowSeconds * 1000;
  const { count, windowStart } = await countHit(db, key, now.toISOString(), new Date(now.getTime() - windowMs).toISOString());
  const retryAfterSeconds = Math.max(1, Math.ceil((new Date(windowStart).getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: count <= limit.max, retryAfterSeconds };
}

/** Counts a hit against `key`; throws `RateLimited` (429 with Retry-After) past the limit. */
export async function enforceRateLimit(db: Executor, clock: Clock, key: string, limit: RateLimit, message?: (retryAfterSeconds: number) => string): Promise<void> {
  const decision = await hitRateLimit(db, clock, key, limit);
  if (!decision.allowed) throw new RateLimited(decision.retryAfterSeconds, message?.(decision.retryAfterSeconds));
}
