import { recordActivity } from '../../activity/activity.service.js';
import type { Actor } from '../../activity/activity.js';
import type { Database, Executor } from '../../db/database.js';
import { listAllIssues, loadIssue } from '../../issues/issues.service.js';
import type { Issue } from '../../issues/issues.js';
import type { Clock } from '../../lib/clock.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import { emailKey } from '../../members/members.js';
import type { Delivery, DeliveryCounts, DeliveryStatus, Edition } from '../delivery.js';
import { compileEdition } from '../render/edition.js';
import { messageIdFor, verpToken } from '../tokens.js';
import {
  countPerMinute, countRecipients, findDeliveries, findDelivery, findDueScheduled, findOpenSend, findProblemRows, insertDelivery,
  insertRecipients, requeueFailed, selectAudience, startDeliveryRow, updateDeliveryStatus, type NewRecipient,
} from './ledger.queries.js';

// Starting, scheduling and steering deliveries. Starting a send compiles the edition once and
// snapshots its audience into the ledger in one transaction; the sender (sender.ts) does the rest.

/** What starting a delivery needs besides the database. */
export interface DeliveryEnv {
  readonly db: Database;
  readonly clock: Clock;
  readonly secretKey: string;
  readonly site: { readonly name: string; readonly url: string };
  readonly mailDomain: string;
}

async function findIssue(db: Executor, slug: string): Promise<Issue> {
  const issue = (await listAllIssues(db)).find((candidate) => candidate.slug === slug);
  if (!issue) throw new NotFound(`there is no issue "${slug}"`);
  return issue;
}

function subjectOf(delivery: Delivery): { type: string; id: number; label: string } {
  return { type: 'delivery', id: delivery.id, label: `${delivery.issueSlug} (${delivery.edition})` };
}

/** The real send of an edition that is not cancelled (scheduled, running, paused or done), if any. */
export async function findSend(db: Executor, slug: string, edition: Edition): Promise<Delivery | undefined> {
  const issue = await findIssue(db, slug);
  return findOpenSend(db, issue.id, edition);
}

/**
 * Creates the send of an edition: at `scheduledAt`, or now (then it starts at once). An edition
 * is sent once; a second send of it is refused while the first is not cancelled.
 */
export async function createSend(env: DeliveryEnv, input: { slug: string; edition: Edition; scheduledAt: string | null; actor: Actor }): Promise<Delivery> {
  const now = env.clock.now().toISOString();
  const id = await env.db.transaction().execute(async (trx) => {
    const issue = await findIssue(trx, input.slug);
    if (issue.status === 'draft') throw new Conflict(`issue "${issue.slug}" is a draft: publish or schedule it before sending`);
    const open = await findOpenSend(trx, issue.id, input.edition);
    if (open) throw new Conflict(`the ${input.edition} edition of "${issue.slug}" already has delivery #${open.id} (${open.status})`);
    const deliveryId = await insertDelivery(trx, { issueId: issue.id, edition: input.edition, kind: 'send', status: 'scheduled', scheduledAt: input.scheduledAt ?? now, createdBy: input.actor.label, now });
    await recordActivity(trx, env.clock, input.actor, input.scheduledAt ? 'delivery.schedule' : 'delivery.create', { type: 'delivery', id: deliveryId, label: `${issue.slug} (${input.edition})` }, input.scheduledAt);
    return deliveryId;
  });
  if (!input.scheduledAt) await beginDelivery(env, id);
  return (await findDelivery(env.db, id))!;
}

/**
 * Starts a scheduled delivery: compiles its edition and writes one ledger row per recipient,
 * in one transaction. Only one caller wins; the others see it started already.
 */
export async function beginDelivery(env: DeliveryEnv, deliveryId: number, testAddresses?: readonly string[]): Promise<boolean> {
  const delivery = await findDelivery(env.db, deliveryId);
  if (!delivery) throw new NotFound(`there is no delivery #${deliveryId}`);
  if (delivery.status !== 'scheduled') return false;
  const issue = await findIssue(env.db, delivery.issueSlug);
  const template = await compileEdition(await loadIssue(env.db, issue), delivery.edition, env.site);
  return env.db.transaction().execute(async (trx) => {
    const now = env.clock.now().toISOString();
    if (!(await updateDeliveryStatus(trx, deliveryId, ['scheduled'], 'sending', now))) return false;
    await startDeliveryRow(trx, deliveryId, template, now);
    const audience = testAddresses
      ? testAddresses.map((email) => ({ contactId: null, email, emailKey: emailKey(email), name: '' }))
      : await selectAudience(trx, delivery.edition);
    const rows: NewRecipient[] = audience.map((person) => ({
      ...person,
      messageId: messageIdFor(env.secretKey, deliveryId, person.emailKey, env.mailDomain),
      verpToken: verpToken(env.secretKey, deliveryId, person.emailKey),
    }));
    await insertRecipients(trx, deliveryId, rows, now);
    return true;
  });
}

const EMAIL = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;

/** Parses the test-send address list: up to 20 addresses separated by commas, spaces or lines. */
export function parseTestAddresses(input: string): string[] {
  const addresses = [...new Map(input.split(/[\s,;]+/).filter(Boolean).map((address) => [emailKey(address), address.trim()])).values()];
  const problems = addresses.filter((address) => !EMAIL.test(address) || address.length > 254).map((address) => ({ where: 'addresses', message: `"${address.slice(0, 80)}" is not an email address` }));
  if (addresses.length === 0) problems.push({ where: 'addresses', message: 'Enter at least one address.' });
  if (addresses.length > 20) problems.push({ where: 'addresses', message: 'A test send goes to at most 20 addresses.' });
  if (problems.length > 0) throw new Invalid('The test send was not started.', problems);
  return addresses;
}

/** Creates and starts a test send of an edition to chosen addresses (the sender still has to run it). */
export async function createTestSend(env: DeliveryEnv, input: { slug: string; edition: Edition; addresses: readonly string[]; actor: Actor }): Promise<Delivery> {
  const now = env.clock.now().toISOString();
  const id = await env.db.transaction().execute(async (trx) => {
    const issue = await findIssue(trx, input.slug);
    const deliveryId = await insertDelivery(trx, { issueId: issue.id, edition: input.edition, kind: 'test', status: 'scheduled', scheduledAt: now, createdBy: input.actor.label, now });
    await recordActivity(trx, env.clock, input.actor, 'delivery.test', { type: 'delivery', id: deliveryId, label: `${issue.slug} (${input.edition})` }, input.addresses.join(', '));
    return deliveryId;
  });
  await beginDelivery(env, id, input.addresses);
  return (await findDelivery(env.db, id))!;
}

const TRANSITIONS = {
  pause: { from: ['sending'], to: 'paused' },
  resume: { from: ['paused'], to: 'sending' },
  cancel: { from: ['scheduled', 'sending', 'paused'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly DeliveryStatus[]; to: DeliveryStatus }>;

/** Pauses, resumes or cancels a delivery; Conflict when its status does not allow it. */
export async function changeDelivery(db: Database, clock: Clock, deliveryId: number, action: keyof typeof TRANSITIONS, actor: Actor): Promise<Delivery> {
  const rule = TRANSITIONS[action];
  return db.transaction().execute(async (trx) => {
    const delivery = await findDelivery(trx, deliveryId);
    if (!delivery) throw new NotFound(`there is no delivery #${deliveryId}`);
    if (!(await updateDeliveryStatus(trx, deliveryId, rule.from, rule.to, clock.now().toISOString()))) {
      throw new Conflict(`delivery #${deliveryId} is ${delivery.status}: it cannot ${action}`);
    }
    await recordActivity(trx, clock, actor, `delivery.${action}`, subjectOf(delivery));
    return (await findDelivery(trx, deliveryId))!;
  });
}

/** Queues the failed rows of a delivery again (suppressed addresses stay failed); returns how many. */
export async function retryFailed(db: Database, clock: Clock, deliveryId: number, actor: Actor): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const delivery = await findDelivery(trx, deliveryId);
    if (!delivery) throw new NotFound(`there is no delivery #${deliveryId}`);
    if (delivery.status === 'cancelled' || delivery.status === 'scheduled') throw new Conflict(`delivery #${deliveryId} is ${delivery.status}: nothing to retry`);
    const now = clock.now().toISOString();
    const count = await requeueFailed(trx, deliveryId, now);
    if (count > 0 && delivery.status === 'done') await updateDeliveryStatus(trx, deliveryId, ['done'], 'sending', now);
    await recordActivity(trx, clock, actor, 'delivery.retry_failed', subjectOf(delivery), `${count} recipient(s)`);
    return count;
  });
}

/** Deliveries newest first, with their counts. */
export async function listDeliveries(db: Executor, filter: { issueId?: number; limit?: number } = {}): Promise<{ delivery: Delivery; counts: DeliveryCounts }[]> {
  const deliveries = await findDeliveries(db, { ...filter, limit: filter.limit ?? 100 });
  return Promise.all(deliveries.map(async (delivery) => ({ delivery, counts: await countRecipients(db, delivery.id) })));
}

export async function getDelivery(db: Executor, id: number): Promise<Delivery> {
  const delivery = await findDelivery(db, id);
  if (!delivery) throw new NotFound(`there is no delivery #${id}`);
  return delivery;
}

export const getDeliveryCounts = countRecipients;

/** The report of one delivery: counts, failures with reasons, what happened per minute. */
export async function getDeliveryReport(db: Executor, id: number) {
  const delivery = await getDelivery(db, id);
  const [counts, problems, perMinute] = await Promise.all([countRecipients(db, id), findProblemRows(db, id, 500), countPerMinute(db, id)]);
  return { delivery, counts, problems, perMinute };
}

/** Starts every scheduled delivery whose time has come; returns their ids. */
export async function startDueDeliveries(env: DeliveryEnv): Promise<number[]> {
  const due = await findDueScheduled(env.db, env.clock.now().toISOString());
  const started: number[] = [];
  for (const id of due) if (await beginDelivery(env, id)) started.push(id);
  return started;
}
