import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { countByDomain, deletePace, findPaces, reserveSlot, savePace, type DomainPaceRow } from './pacing.queries.js';

// Pacing per receiving domain. Recipients are grouped by the domain of their address; a domain
// that defers (4xx at RCPT TO) is slowed down on its own while the others keep full speed:
// its messages are spaced `interval_ms` apart (starting at one a second, doubling with each
// deferral, at most one in ten minutes), and after a deferral it waits out a backoff
// (SEND_DOMAIN_BACKOFF_SECONDS, doubling, at most an hour). Every RECOVER_EVERY messages it
// accepts without a deferral the interval shrinks by a quarter, until the domain is back at full
// speed (or at its fixed limit, SEND_DOMAIN_LIMITS or the site setting). The pace lives in the
// database (send_domain_pace), so every sending process keeps to it; each reads it at most once
// a second. A row whose domain has no room now is simply not claimed: pacing waits never count
// as attempts.

// The first spacing and the longest are scaled to the backoff (with the default 60 s: one a
// second at first, at most one in ten minutes); the longest backoff is an hour.
const startIntervalOf = (settings: PaceSettings) => settings.domainBackoffMs / 60;
const maxIntervalOf = (settings: PaceSettings) => settings.domainBackoffMs * 10;
const MAX_BACKOFF_MS = 3600_000;
const RECOVER_EVERY = 10;
const RECOVER_FACTOR = 0.75;
const REFRESH_MS = 1000;
/** A domain paced this far apart or more (20 a second or fewer) gets one sending slot per process. */
const SLOW_MS = 50;

/** What pacing needs from the settings. */
export interface PaceSettings {
  /** Fixed limits, messages per hour, by domain (SEND_DOMAIN_LIMITS; the site setting wins). */
  readonly domainLimits: ReadonlyMap<string, number>;
  /** The wait after a domain's first deferral; each further one in a row twice as long. */
  readonly domainBackoffMs: number;
}

export interface Pacer {
  /** Reads the shared pace again if it is older than a second (or `force`). */
  refresh(force?: boolean): Promise<void>;
  /** The domains that may not get a message at `nowMs`. */
  blocked(nowMs: number): string[];
  /** The domains paced to one message every SLOW_MS or slower (slowed down, or a fixed limit). */
  slow(): string[];
  /** When the first blocked domain gets room again (ms), or undefined. */
  earliestReady(nowMs: number): number | undefined;
  /** Takes the domain's next slot for a message just claimed; false: no room (give the row back). */
  reserve(domain: string, nowMs: number): Promise<boolean>;
  /** The domain deferred a message: slow it down; returns when its next message may go (ms). */
  deferred(domain: string, reply: string, nowMs: number): Promise<number>;
  /** The domain accepted a message: recover slowly. */
  accepted(domain: string, nowMs: number): Promise<void>;
}

/** Messages per hour → the spacing between two (ms); 0 without a limit. */
function floorOf(limits: ReadonlyMap<string, number>, domain: string): number {
  const perHour = limits.get(domain);
  return perHour ? 3600_000 / perHour : 0;
}

export function createPacer(db: Database, clock: Clock, settings: PaceSettings): Pacer {
  const paces = new Map<string, DomainPaceRow>();
  let loadedAt = -Infinity;
  const iso = (ms: number) => new Date(ms).toISOString();
  const put = async (pace: DomainPaceRow, nowMs: number) => {
    paces.set(pace.domain, pace);
    await savePace(db, pace, iso(nowMs));
  };
  return {
    async refresh(force = false) {
      const now = performance.now();
      if (!force && now - loadedAt < REFRESH_MS) return;
      loadedAt = now;
      const rows = await findPaces(db);
      paces.clear();
      for (const row of rows) paces.set(row.domain, row);
    },
    blocked(nowMs) {
      const out: string[] = [];
      for (const pace of paces.values()) if (Date.parse(pace.nextAt) > nowMs) out.push(pace.domain);
      return out;
    },
    slow() {
      const out = new Set<string>();
      for (const pace of paces.values()) if (Math.max(pace.intervalMs, floorOf(settings.domainLimits, pace.domain)) >= SLOW_MS) out.add(pace.domain);
      for (const domain of settings.domainLimits.keys()) if (floorOf(settings.domainLimits, domain) >= SLOW_MS) out.add(domain);
      return [...out];
    },
    earliestReady(nowMs) {
      let earliest: number | undefined;
      for (const pace of paces.values()) {
        const at = Date.parse(pace.nextAt);
        if (at > nowMs && (earliest === undefined || at < earliest)) earliest = at;
      }
      return earliest;
    },
    async reserve(domain, nowMs) {
      const pace = paces.get(domain);
      const interval = Math.max(pace?.intervalMs ?? 0, floorOf(settings.domainLimits, domain));
      if (interval <= 0) return true;
      if (pace && Date.parse(pace.nextAt) > nowMs) return false;
      const nextAt = iso(nowMs + interval);
      paces.set(domain, { domain, intervalMs: pace?.intervalMs ?? 0, nextAt, deferrals: pace?.deferrals ?? 0, successes: pace?.successes ?? 0, lastDeferral: pace?.lastDeferral ?? null });
      await reserveSlot(db, domain, nextAt, iso(clock.now().getTime()));
      return true;
    },
    async deferred(domain, reply, nowMs) {
      const pace = paces.get(domain);
      const floor = floorOf(settings.domainLimits, domain);
      const intervalMs = Math.max(Math.min(maxIntervalOf(settings), pace?.intervalMs ? pace.intervalMs * 2 : startIntervalOf(settings)), floor);
      const deferrals = (pace?.deferrals ?? 0) + 1;
      const backoff = Math.min(MAX_BACKOFF_MS, settings.domainBackoffMs * 2 ** (deferrals - 1));
      const nextAtMs = Math.max(nowMs + backoff, pace ? Date.parse(pace.nextAt) : 0);
      await put({ domain, intervalMs, nextAt: iso(nextAtMs), deferrals, successes: 0, lastDeferral: reply.slice(0, 300) }, nowMs);
      return nextAtMs;
    },
    async accepted(domain, nowMs) {
      const pace = paces.get(domain);
      if (!pace) return;
      const floor = floorOf(settings.domainLimits, domain);
      if (pace.intervalMs <= floor && pace.deferrals === 0) return;
      const successes = pace.successes + 1;
      if (successes < RECOVER_EVERY) {
        // Only the first success after deferrals is written (the count in a row starts again); the rest are counted here.
        if (pace.deferrals > 0) await put({ ...pace, deferrals: 0, successes }, nowMs);
        else paces.set(domain, { ...pace, successes });
        return;
      }
      const shrunk = pace.intervalMs * RECOVER_FACTOR;
      const intervalMs = shrunk <= Math.max(floor, startIntervalOf(settings) / 4) ? floor : shrunk;
      if (intervalMs === 0 && Date.parse(pace.nextAt) <= nowMs) {
        paces.delete(domain);
        await deletePace(db, domain);
        return;
      }
      await put({ ...pace, intervalMs, deferrals: 0, successes: 0 }, nowMs);
    },
  };
}

/** One receiving domain of a delivery, for the desk: its rows and its pace now. */
export interface DomainHealth {
  readonly domain: string;
  readonly total: number;
  readonly sent: number;
  readonly failed: number;
  readonly left: number;
  readonly deferrals: number;
  /** `deferred`: waiting out a backoff after a deferral; `paced`: spaced out (slowed down or limited); `ok`: full speed. */
  readonly state: 'deferred' | 'paced' | 'ok';
  /** When the next message may go (deferred). */
  readonly nextAt: string | null;
  /** The pace in messages per hour, or null at full speed. */
  readonly perHour: number | null;
}

/** A delivery's receiving domains, largest first, with the shared pace of each. */
export async function getDomainHealth(db: Database, clock: Clock, deliveryId: number, limits: ReadonlyMap<string, number>): Promise<DomainHealth[]> {
  const [counts, paces] = await Promise.all([countByDomain(db, deliveryId), findPaces(db)]);
  const byDomain = new Map(paces.map((pace) => [pace.domain, pace]));
  const now = clock.now().getTime();
  return counts.map((row) => {
    const pace = byDomain.get(row.domain);
    const interval = Math.max(pace?.intervalMs ?? 0, floorOf(limits, row.domain));
    const waiting = pace !== undefined && pace.deferrals > 0 && Date.parse(pace.nextAt) > now;
    return {
      ...row,
      state: waiting ? 'deferred' : interval > 0 ? 'paced' : 'ok',
      nextAt: waiting ? pace.nextAt : null,
      perHour: interval > 0 ? Math.round(3600_000 / interval) : null,
    };
  });
}
