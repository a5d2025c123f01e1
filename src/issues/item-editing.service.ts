import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { bumpContentVersion } from '../content/content-version.service.js';
import { invalidDraft, refuseSlugRace, slugTaken } from '../content/draft-fields.js';
import type { ItemStore } from '../content/item-store.js';
import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { reindexItem } from '../search/search.service.js';
import { Conflict, NotFound, type Problem } from '../lib/errors.js';
import { describeIssueRefs, type IssueRef } from './issues.js';
import { getIssuesListing } from './issues.service.js';
import { assertMayChangePublic, assertMayCreate, type ChangeRights } from './publicity.service.js';

// The desk's one editing service for the events, programs and reports an issue can list (each
// kind plugs in its ItemStore). Every write checks the draft first, then runs in one
// transaction that also bumps the content version (so cached public pages change at once) and
// records who did it; an item an issue lists cannot be deleted. What is public changes only for
// those who may change it (publicity.service.ts): every event and program, and a report in a
// published or scheduled issue.

type AnyStore<Draft, Input extends { slug: string; title: string }, Item extends { id: number; slug: string; title: string }> = ItemStore<Draft, Input, Item>;

/** An item with the issues that list it (any status, newest first). */
export interface DeskItem<Item> {
  readonly item: Item;
  readonly issues: readonly IssueRef[];
}

const NOT_FOUND = { event: 'There is no such event; it may have been deleted.', program: 'There is no such program; it may have been deleted.', report: 'There is no such report; it may have been deleted.' } as const;

/** Every item of the store's kind, with the issues that list each. */
export async function listDeskItems<Item extends { id: number; slug: string; title: string }>(
  db: Executor,
  store: AnyStore<never, { slug: string; title: string }, Item>,
): Promise<DeskItem<Item>[]> {
  return withIssues(db, store.kind, await store.list(db));
}

/** The given items, in their order, each with the issues that list it. */
export async function withIssues<Item extends { id: number }>(db: Executor, kind: ItemStore<never, never, never>['kind'], items: readonly Item[]): Promise<DeskItem<Item>[]> {
  const issues = await getIssuesListing(db, kind, items.map((item) => item.id));
  return items.map((item) => ({ item, issues: issues.get(item.id) ?? [] }));
}

/** One item by id with the issues that list it; NotFound otherwise. */
export async function getDeskItem<Item extends { id: number; slug: string; title: string }>(
  db: Executor,
  store: AnyStore<never, { slug: string; title: string }, Item>,
  id: number,
): Promise<DeskItem<Item>> {
  const item = (await store.findByIds(db, [id])).get(id);
  if (!item) throw new NotFound(NOT_FOUND[store.kind]);
  return { item, issues: (await getIssuesListing(db, store.kind, [id])).get(id) ?? [] };
}

/** Creates an item from a draft; throws `Invalid` naming every bad field, `Forbidden` when the item would be public at once (events, programs) and `rights` may not change what is public. */
export async function createItem<Draft, Input extends { slug: string; title: string }, Item extends { id: number; slug: string; title: string }>(
  db: Database, clock: Clock, actor: Actor, store: AnyStore<Draft, Input, Item>, draft: Draft, rights: ChangeRights,
): Promise<Item> {
  assertMayCreate(rights, store.kind);
  const input = store.check(draft);
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    await checkReferences(trx, store, input, undefined);
    const id = await store.insert(trx, input, now);
    await bumpContentVersion(trx, now);
    await reindexItem(trx, store.kind, id, clock.now());
    await recordActivity(trx, clock, actor, `${store.kind}.create`, { type: store.kind, id, label: input.title }, input.slug);
    return (await getDeskItem(trx, store, id)).item;
  }).catch(refuseSlugRace(store.kind, input.slug));
}

/**
 * Overwrites an item from a draft (its slug may change); throws `NotFound`, `Forbidden` when the
 * item is public and `rights` may not change it, or `Invalid`. Nothing is written unless it all passes.
 */
export async function updateItem<Draft, Input extends { slug: string; title: string }, Item extends { id: number; slug: string; title: string }>(
  db: Database, clock: Clock, actor: Actor, store: AnyStore<Draft, Input, Item>, id: number, draft: Draft, rights: ChangeRights,
): Promise<Item> {
  const instant = clock.now();
  const now = instant.toISOString();
  return db.transaction().execute(async (trx) => {
    const before = (await getDeskItem(trx, store, id)).item;
    // Refused for the role before the draft is checked: fixing its fields would not help.
    await assertMayChangePublic(trx, instant, rights, store.kind, before, 'save');
    const input = store.check(draft);
    await checkReferences(trx, store, input, id);
    await store.update(trx, id, input, now).catch(refuseSlugRace(store.kind, input.slug));
    await bumpContentVersion(trx, now);
    await reindexItem(trx, store.kind, id, instant);
    const detail = before.slug === input.slug ? input.slug : `${before.slug} → ${input.slug}`;
    await recordActivity(trx, clock, actor, `${store.kind}.update`, { type: store.kind, id, label: input.title }, detail);
    return (await getDeskItem(trx, store, id)).item;
  });
}

/**
 * Deletes an item no issue lists; `Conflict` names the issues otherwise, `Forbidden` when the
 * item is public on its own (an event, a program) and `rights` may not change what is public.
 */
export async function deleteItem<Item extends { id: number; slug: string; title: string }>(
  db: Database, clock: Clock, actor: Actor, store: AnyStore<never, { slug: string; title: string }, Item>, id: number, rights: ChangeRights,
): Promise<Item> {
  const instant = clock.now();
  const now = instant.toISOString();
  return db.transaction().execute(async (trx) => {
    const { item, issues } = await getDeskItem(trx, store, id);
    await assertMayChangePublic(trx, instant, rights, store.kind, item, 'delete');
    if (issues.length > 0) {
      throw new Conflict(`“${item.title}” is listed in ${describeIssueRefs(issues)}. Remove it from those issues first; nothing was deleted.`);
    }
    await store.remove(trx, id);
    await bumpContentVersion(trx, now);
    await reindexItem(trx, store.kind, id, instant);
    await recordActivity(trx, clock, actor, `${store.kind}.delete`, { type: store.kind, id, label: item.title }, item.slug);
    return item;
  });
}

/** The slug must be free (or this item's own), and the store's own references must exist. */
async function checkReferences<Input extends { slug: string; title: string }>(
  db: Executor, store: AnyStore<never, Input, { id: number; slug: string; title: string }>, input: Input, id: number | undefined,
): Promise<void> {
  const problems: Problem[] = [];
  const holder = (await store.idsBySlug(db, [input.slug])).get(input.slug);
  if (holder !== undefined && holder !== id) problems.push(slugTaken(store.kind, input.slug));
  if (store.checkReferences) problems.push(...(await store.checkReferences(db, input)));
  if (problems.length > 0) throw invalidDraft(problems);
}
