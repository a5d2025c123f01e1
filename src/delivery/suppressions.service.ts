import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Invalid, NotFound } from '../lib/errors.js';
import { emailKey } from '../members/members.js';
import { countSuppressions, deleteSuppression, findSuppressions, insertSuppression, type SuppressionRow } from './suppressions.queries.js';

// The suppression list: addresses no delivery sends to (hard bounces, complaints, and ones
// the desk adds). Removing an entry lets the next send reach the address again.

export type { SuppressionRow } from './suppressions.queries.js';

export async function listSuppressions(db: Executor, limit = 500): Promise<{ items: SuppressionRow[]; total: number }> {
  const [items, total] = await Promise.all([findSuppressions(db, limit), countSuppressions(db)]);
  return { items, total };
}

const EMAIL = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;

/** Adds an address by hand. */
export async function suppressAddress(db: Database, clock: Clock, email: string, actor: Actor): Promise<void> {
  const key = emailKey(email);
  if (!EMAIL.test(key) || key.length > 254) throw new Invalid('The address was not added.', [{ where: 'email', message: 'Enter an email address.' }]);
  await db.transaction().execute(async (trx) => {
    await insertSuppression(trx, key, 'manual', `added by ${actor.label}`, clock.now().toISOString());
    await recordActivity(trx, clock, actor, 'suppression.add', { type: 'suppression', id: null, label: key });
  });
}

/** Removes an address from the list. */
export async function unsuppressAddress(db: Database, clock: Clock, email: string, actor: Actor): Promise<void> {
  const key = emailKey(email);
  await db.transaction().execute(async (trx) => {
    if (!(await deleteSuppression(trx, key))) throw new NotFound(`${key} is not on the suppression list`);
    await recordActivity(trx, clock, actor, 'suppression.remove', { type: 'suppression', id: null, label: key });
  });
}
