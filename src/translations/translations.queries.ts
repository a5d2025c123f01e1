import type { Executor } from '../db/database.js';
import type { TranslationKind, TranslationLanguage, TranslationsTable } from '../db/tables/translations.js';
import { splitBody } from '../content/body.js';
import type { TextOf, Translation } from './translations.js';

// The SQL of content translations. A row names its original by one of five columns, one per kind.

const ITEM_COLUMN = {
  issue: 'issue_id',
  story: 'story_id',
  event: 'event_id',
  program: 'program_id',
  report: 'report_id',
} as const satisfies Record<TranslationKind, keyof TranslationsTable>;

const COLUMNS = [
  'issue_id', 'story_id', 'event_id', 'program_id', 'report_id', 'language', 'fields', 'body', 'original_digest', 'original_updated_at', 'created_at', 'updated_at',
] as const;

type Row = Pick<TranslationsTable, Exclude<(typeof COLUMNS)[number], 'fields' | 'body'>> & { fields: string; body: string };

/** A translation as stored, with the body still as one Markdown text (for comparing before a write). */
export interface StoredTranslation<K extends TranslationKind = TranslationKind> extends Translation<K> {
  readonly rawBody: string;
}

function toTranslation(row: Row): StoredTranslation {
  const kind = (Object.keys(ITEM_COLUMN) as TranslationKind[]).find((k) => row[ITEM_COLUMN[k]] !== null);
  if (!kind) throw new Error('a translation row names no item');
  return {
    kind,
    itemId: row[ITEM_COLUMN[kind]]!,
    language: row.language,
    text: JSON.parse(row.fields) as TextOf[TranslationKind],
    body: splitBody(row.body),
    rawBody: row.body,
    originalDigest: row.original_digest,
    originalUpdatedAt: row.original_updated_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The translations into `language` of items of several kinds, in one query. */
export async function findTranslations(
  db: Executor,
  idsByKind: ReadonlyMap<TranslationKind, readonly number[]>,
  language: TranslationLanguage,
): Promise<StoredTranslation[]> {
  const wanted = [...idsByKind].filter(([, ids]) => ids.length > 0);
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('translations')
    .select(COLUMNS)
    .where('language', '=', language)
    .where((eb) => eb.or(wanted.map(([kind, ids]) => eb(ITEM_COLUMN[kind], 'in', [...new Set(ids)]))))
    .execute();
  return rows.map(toTranslation);
}

/** Both languages' translations of items of one kind, in one query. */
export async function findTranslationsOfItems(db: Executor, kind: TranslationKind, itemIds: readonly number[]): Promise<StoredTranslation[]> {
  if (itemIds.length === 0) return [];
  const rows = await db.selectFrom('translations').select(COLUMNS).where(ITEM_COLUMN[kind], 'in', [...new Set(itemIds)]).execute();
  return rows.map(toTranslation);
}

/** Every translation of one item (both languages). */
export async function findTranslationsOfItem(db: Executor, kind: TranslationKind, itemId: number): Promise<StoredTranslation[]> {
  const rows = await db.selectFrom('translations').select(COLUMNS).where(ITEM_COLUMN[kind], '=', itemId).orderBy('language').execute();
  return rows.map(toTranslation);
}

/** Every translation there is (the content folder's export). */
export async function findAllTranslations(db: Executor): Promise<StoredTranslation[]> {
  const rows = await db.selectFrom('translations').select(COLUMNS).execute();
  return rows.map(toTranslation);
}

/** What one write of a translation stores. */
export interface TranslationRow {
  readonly kind: TranslationKind;
  readonly itemId: number;
  readonly language: TranslationLanguage;
  readonly text: object;
  readonly body: string;
  readonly originalDigest: string;
  readonly originalUpdatedAt: string;
}

/** Inserts or replaces the translation of an item into a language; created_at stays the first write's. */
export async function upsertTranslation(db: Executor, row: TranslationRow, now: string): Promise<void> {
  const column = ITEM_COLUMN[row.kind];
  const values = {
    fields: JSON.stringify(row.text),
    body: row.body,
    original_digest: row.originalDigest,
    original_updated_at: row.originalUpdatedAt,
    updated_at: now,
  };
  // One statement, so two writers of the same translation at once cannot collide.
  await db
    .insertInto('translations')
    .values({ ...values, [column]: row.itemId, language: row.language, created_at: now })
    .onConflict((oc) => oc.columns([column, 'language']).doUpdateSet(values))
    .execute();
}

/** Deletes the translation of an item into a language; true when there was one. */
export async function deleteTranslation(db: Executor, kind: TranslationKind, itemId: number, language: TranslationLanguage): Promise<boolean> {
  const result = await db.deleteFrom('translations').where(ITEM_COLUMN[kind], '=', itemId).where('language', '=', language).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
