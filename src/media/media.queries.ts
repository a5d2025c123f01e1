import type { Executor } from '../db/database.js';
import type { MediaTable } from '../db/tables/media.js';
import type { Selectable } from 'kysely';
import type { MediaItem, MediaText } from './media.js';

// The SQL of images: one row per image, named by its hash.

function toItem(row: Selectable<MediaTable>): MediaItem {
  return {
    id: row.id,
    hash: row.hash,
    ext: row.ext,
    width: row.width,
    height: row.height,
    widths: row.widths.split(',').filter(Boolean).map(Number),
    bytes: row.bytes,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findMediaByHash(db: Executor, hash: string): Promise<MediaItem | undefined> {
  const row = await db.selectFrom('media').selectAll().where('hash', '=', hash).executeTakeFirst();
  return row ? toItem(row) : undefined;
}

export async function findMediaByHashes(db: Executor, hashes: readonly string[]): Promise<MediaItem[]> {
  if (hashes.length === 0) return [];
  const rows = await db.selectFrom('media').selectAll().where('hash', 'in', [...hashes]).execute();
  return rows.map(toItem);
}

/** Newest first. */
export async function findMedia(db: Executor, options: { limit: number; offset: number }): Promise<{ items: MediaItem[]; total: number }> {
  const rows = await db.selectFrom('media').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute();
  const { count } = await db.selectFrom('media').select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
  return { items: rows.map(toItem), total: Number(count) };
}

export async function findAllMedia(db: Executor): Promise<MediaItem[]> {
  const rows = await db.selectFrom('media').selectAll().orderBy('hash').execute();
  return rows.map(toItem);
}

export interface NewMediaRow extends MediaText {
  readonly hash: string;
  readonly ext: MediaItem['ext'];
  readonly width: number;
  readonly height: number;
  readonly widths: readonly number[];
  readonly bytes: number;
}

export async function insertMedia(db: Executor, row: NewMediaRow, now: string): Promise<MediaItem> {
  const inserted = await db
    .insertInto('media')
    .values({ hash: row.hash, ext: row.ext, width: row.width, height: row.height, widths: row.widths.join(','), bytes: row.bytes, alt: row.alt, caption: row.caption, credit: row.credit, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toItem(inserted);
}

export async function updateMediaText(db: Executor, hash: string, text: MediaText, now: string): Promise<void> {
  await db.updateTable('media').set({ alt: text.alt, caption: text.caption, credit: text.credit, updated_at: now }).where('hash', '=', hash).execute();
}
