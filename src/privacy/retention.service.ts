import { recordActivity } from '../activity/activity.service.js';
import { SYSTEM_ACTOR, type Actor } from '../activity/activity.js';
import type { Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { SiteSettings } from '../settings/settings.js';
import { RETENTION_RULES } from './personal-data.js';
import type { RetentionCount, RetentionReport, RetentionRule } from './privacy.js';
import { countExpired, purgeExpiredBatch } from './privacy.queries.js';

// Retention (docs/operations.md, "Retention"): the details the registry's tables keep beyond
// their use are deleted or cleared once older than the site settings' ages, rule by rule
// (RETENTION_RULES in personal-data.ts), in batches, so a big purge never holds the database
// for long. Running it twice is harmless: a cleared row is not counted again. The worker and
// every web process run it about once an hour (PURGE_EVERY_MS, one process per period).

/** How often the loops purge. */
export const PURGE_EVERY_MS = 3600_000;
/** Rows per statement. */
const BATCH = 500;

export interface PurgeOptions {
  /** Count only, changing nothing. */
  readonly dryRun?: boolean;
  /** Who the activity entry names (the system by default). */
  readonly actor?: Actor;
  /** Called after each batch (the CLI's progress bar): the rule, rows done, rows expired in all. */
  readonly onProgress?: (rule: string, done: number, total: number) => void;
  /** Rows per statement (tests use small batches). */
  readonly batch?: number;
}

/** The moment before which a rule's rows are expired. */
function cutoffOf(rule: RetentionRule, settings: Pick<SiteSettings, 'retention'>, now: Date): string {
  return new Date(now.getTime() - settings.retention[rule.age] * 86_400_000).toISOString();
}

/**
 * Purges what every rule finds expired; returns the count per rule (every rule, zeros too).
 * Writes one activity entry, with the counts and no address, when something was purged.
 */
export async function purgeExpired(db: Executor, clock: Clock, settings: Pick<SiteSettings, 'retention'>, options: PurgeOptions = {}): Promise<RetentionReport> {
  const now = clock.now();
  const counts: RetentionCount[] = [];
  for (const rule of RETENTION_RULES) {
    const before = cutoffOf(rule, settings, now);
    const total = await countExpired(db, rule, before);
    if (options.dryRun || total === 0) {
      counts.push({ rule: rule.name, action: rule.action.action, count: total });
      continue;
    }
    let done = 0;
    options.onProgress?.(rule.name, 0, total);
    // At most `total` rows: rows that expire while it runs wait for the next purge.
    while (done < total) {
      const purged = await purgeExpiredBatch(db, rule, before, Math.min(options.batch ?? BATCH, total - done));
      if (purged === 0) break;
      done += purged;
      options.onProgress?.(rule.name, done, total);
    }
    counts.push({ rule: rule.name, action: rule.action.action, count: done });
  }
  const purged = counts.filter((count) => count.count > 0);
  if (!options.dryRun && purged.length > 0) {
    await recordActivity(db, clock, options.actor ?? SYSTEM_ACTOR, 'retention.purge', { type: 'settings', id: null, label: 'retention' }, purged.map((count) => `${count.rule} ${count.count}`).join(', '));
  }
  return { dryRun: options.dryRun === true, counts };
}
