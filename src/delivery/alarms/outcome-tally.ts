import type { Database } from '../../db/database.js';
import { addDomainMinutes, type DomainMinute } from './outcomes.queries.js';

// What the receiving side answered, counted per domain and minute in memory by a sender run and
// added to delivery_domain_minutes about once a second and when the run ends (one write per
// second, not per message). A crash loses at most that second's counts: they feed the alarms'
// rates and the desk's chart, never the ledger, which stays the truth about every recipient.

export type Outcome = 'accepted' | 'deferred' | 'failed';

export interface OutcomeTally {
  /** Counts one reply for `domain` at `atMs`; writes what was counted when the last write is a second old. */
  count(domain: string, outcome: Outcome, atMs: number): Promise<void>;
  /** Writes what is counted and not written yet. */
  flush(): Promise<void>;
}

const FLUSH_MS = 1000;

/** `YYYY-MM-DDTHH:MM` (UTC) of a time. */
export function minuteOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

export function createOutcomeTally(db: Database, deliveryId: number): OutcomeTally {
  let pending = new Map<string, { domain: string; minute: string; accepted: number; deferred: number; failed: number }>();
  let flushedAt = performance.now();
  const flush = async () => {
    if (pending.size === 0) return;
    const rows: DomainMinute[] = [...pending.values()];
    pending = new Map();
    flushedAt = performance.now();
    await addDomainMinutes(db, deliveryId, rows);
  };
  return {
    async count(domain, outcome, atMs) {
      const minute = minuteOf(atMs);
      const key = `${minute} ${domain}`;
      const entry = pending.get(key) ?? pending.set(key, { domain, minute, accepted: 0, deferred: 0, failed: 0 }).get(key)!;
      entry[outcome]++;
      if (performance.now() - flushedAt >= FLUSH_MS) await flush();
    },
    flush,
  };
}
