import type { Database, Executor } from '../db/database.js';
import type { Language } from '../db/tables/members.js';
import type { Clock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { joinBody, splitBody } from '../content/body.js';
import { bumpContentVersion } from '../content/content-version.service.js';
import { reindexItem } from '../search/search.service.js';
import { digestOf, overlay, stateOf } from './overlay.js';
import { checkTranslation, type OriginalShape } from './translation-checks.js';
import { deleteTranslation, findAllTranslations, findTranslations, findTranslationsOfItem, findTranslationsOfItems, upsertTranslation, type StoredTranslation } from './translations.queries.js';
import { TRANSLATION_LANGUAGES, type Overlaid, type TranslatableOf, type Translation, type TranslationInput, type TranslationKind, type TranslationLanguage, type TranslationState } from './translations.js';

/** The translations into `language` of items of one kind, by item id, in one query; empty for English. */
export async function translationsFor<K extends TranslationKind>(
  db: Executor,
  kind: K,
  ids: readonly number[],
  language: Language,
): Promise<Map<number, Translation<K>>> {
  if (language === 'en' || ids.length === 0) return new Map();
  const rows = await findTranslations(db, new Map([[kind, ids]]), language);
  return new Map(rows.map((row) => [row.itemId, row as unknown as Translation<K>]));
}

/** Translations of items of several kinds, found by kind and id. */
export interface TranslationSet {
  get<K extends TranslationKind>(kind: K, id: number): Translation<K> | undefined;
}

/** The translations into `language` of every item named, whatever their kinds, in one query; empty for English. */
export async function loadTranslations(
  db: Executor,
  items: readonly { readonly kind: TranslationKind; readonly id: number }[],
  language: Language,
): Promise<TranslationSet> {
  const found = new Map<string, Translation>();
  if (language !== 'en' && items.length > 0) {
    const idsByKind = new Map<TranslationKind, number[]>();
    for (const { kind, id } of items) idsByKind.set(kind, [...(idsByKind.get(kind) ?? []), id]);
    for (const row of await findTranslations(db, idsByKind, language)) found.set(`${row.kind}:${row.itemId}`, row);
  }
  return { get: <K extends TranslationKind>(kind: K, id: number) => found.get(`${kind}:${id}`) as Translation<K> | undefined };
}

/** Items of one kind (stories, events, programs, reports) as readers of `language` see them, in order, with one query. */
export async function translateAll<K extends Exclude<TranslationKind, 'issue'>, T extends TranslatableOf[K] & { readonly id: number }>(
  db: Executor,
  kind: K,
  items: readonly T[],
  language: Language,
): Promise<Overlaid<T>[]> {
  const translations = await translationsFor(db, kind, items.map((item) => item.id), language);
  return items.map((item) => overlay(kind, item, language, translations.get(item.id)));
}

/** Both languages' translations of one item (the desk's side-by-side view). */
export async function getTranslationsOfItem<K extends TranslationKind>(db: Executor, kind: K, itemId: number): Promise<Translation<K>[]> {
  return (await findTranslationsOfItem(db, kind, itemId)) as unknown as Translation<K>[];
}

/** Where each item's German and Chinese translations stand (missing, current, older), for the desk's lists; one query. */
export async function getTranslationStates<K extends TranslationKind, T extends TranslatableOf[K] & { readonly id: number }>(
  db: Executor,
  kind: K,
  items: readonly T[],
): Promise<Map<number, Record<TranslationLanguage, TranslationState>>> {
  const rows = (await findTranslationsOfItems(db, kind, items.map((item) => item.id))) as unknown as Translation<K>[];
  return new Map(
    items.map((item) => {
      const states = Object.fromEntries(
        TRANSLATION_LANGUAGES.map((language) => [language, stateOf(kind, item, rows.find((row) => row.itemId === item.id && row.language === language))]),
      ) as Record<TranslationLanguage, TranslationState>;
      return [item.id, states];
    }),
  );
}

/** Every translation, for the content folder's export. */
export function getAllTranslations(db: Executor): Promise<Translation[]> {
  return findAllTranslations(db);
}

/** An original as a translation is written against: its id, its texts and when it last changed. */
export type Original<K extends TranslationKind> = TranslatableOf[K] & { readonly id: number; readonly updatedAt: string };

/**
 * Writes a translation of `original` (no checks: callers check texts and body first). A
 * translation rewritten with the same texts and body keeps the digest and time of the original it
 * was made from, so re-importing an unchanged translation of a changed original leaves it older.
 * Returns whether anything changed.
 */
export async function writeTranslation<K extends TranslationKind>(db: Executor, original: Original<K>, input: TranslationInput<K>, now: string): Promise<boolean> {
  const [existing] = (await findTranslationsOfItem(db, input.kind, original.id)).filter((row) => row.language === input.language) as StoredTranslation[];
  if (existing && existing.rawBody === input.body && JSON.stringify(existing.text) === JSON.stringify(input.text)) return false;
  await upsertTranslation(
    db,
    {
      kind: input.kind,
      itemId: original.id,
      language: input.language,
      text: input.text,
      body: input.body,
      originalDigest: digestOf(input.kind, original),
      originalUpdatedAt: original.updatedAt,
    },
    now,
  );
  return true;
}

/**
 * Saves a translation from the desk, checked as the content folder checks one (`checkTranslation`:
 * texts one line each within the limits, only what the original has, the body's members-only
 * line; `Invalid` with a problem per field, `body` with its line), the body in canonical form,
 * and the content version bumped so cached pages refresh.
 */
export async function saveTranslation<K extends TranslationKind>(
  db: Database, clock: Clock, original: Original<K>, input: TranslationInput<K>, hooks: TranslationHooks = {},
): Promise<boolean> {
  const { text, problems } = checkTranslation(input.kind, original as OriginalShape, input.text, input.body);
  if (problems.length > 0) throw new Invalid('the translation has problems; nothing was saved', problems);
  const now = clock.now().toISOString();
  const body = input.body.trim() === '' ? '' : joinBody(splitBody(input.body));
  return db.transaction().execute(async (trx) => {
    await hooks.before?.(trx);
    const changed = await writeTranslation(trx, original, { ...input, text, body }, now);
    if (changed) {
      await bumpContentVersion(trx, now);
      await reindexItem(trx, input.kind, original.id, clock.now());
      await hooks.changed?.(trx);
    }
    return changed;
  });
}

/**
 * What a caller adds to the transaction of a desk write: `before` runs first (a check that throws
 * writes nothing), `changed` only when something was written (the activity log).
 */
export interface TranslationHooks {
  readonly before?: (trx: Executor) => Promise<void>;
  readonly changed?: (trx: Executor) => Promise<void>;
}

/** Removes a language's translation of an item; the original then shows in that language. Returns whether there was one. */
export async function removeTranslation(
  db: Database, clock: Clock, kind: TranslationKind, itemId: number, language: TranslationLanguage, hooks: TranslationHooks = {},
): Promise<boolean> {
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    await hooks.before?.(trx);
    const removed = await deleteTranslation(trx, kind, itemId, language);
    if (removed) {
      await bumpContentVersion(trx, now);
      await reindexItem(trx, kind, itemId, clock.now());
      await hooks.changed?.(trx);
    }
    return removed;
  });
}
