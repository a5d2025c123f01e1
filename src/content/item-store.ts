import type { Executor } from '../db/database.js';
import type { Problem } from '../lib/errors.js';
import type { DraftKind } from './draft-fields.js';

/**
 * What the desk's editing needs of one kind of content an issue can list (events, programs,
 * reports): its rows by id and slug, and its writes. Each domain implements it with its own
 * queries (`events/event-store.ts`, …); `issues/item-editing.service.ts` is the one editing
 * service built on it, because which issues list an item decides what may be deleted.
 */
export interface ItemStore<Draft, Input extends { readonly slug: string; readonly title: string }, Item extends { readonly id: number; readonly slug: string; readonly title: string }> {
  readonly kind: Exclude<DraftKind, 'story'>;
  /** Checks a draft without the database; throws `Invalid` naming every bad field. */
  check(draft: Draft): Input;
  /** Problems only the database can find beyond the slug (an unknown sector). */
  checkReferences?(db: Executor, input: Input): Promise<Problem[]>;
  list(db: Executor): Promise<Item[]>;
  findByIds(db: Executor, ids: readonly number[]): Promise<Map<number, Item>>;
  idsBySlug(db: Executor, slugs: readonly string[]): Promise<Map<string, number>>;
  insert(db: Executor, input: Input, now: string): Promise<number>;
  update(db: Executor, id: number, input: Input, now: string): Promise<void>;
  remove(db: Executor, id: number): Promise<void>;
}
