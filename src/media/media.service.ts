import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { bumpContentVersion } from '../content/content-version.service.js';
import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Invalid, NotFound, type Problem } from '../lib/errors.js';
import { mediaRefPath, parseMediaPath } from '../lib/media-urls.js';
import { MediaRefusal, processImage, readMaster, readServedFile, removeImageFiles, writeImageFiles, type ProcessedImage } from './image-files.js';
import { MAX_ALT, MAX_CAPTION, MAX_CREDIT, type MediaItem, type MediaText } from './media.js';
import { findAllMedia, findMedia, findMediaByHash, findMediaByHashes, insertMedia, updateMediaText } from './media.queries.js';

export { MediaRefusal } from './image-files.js';

// Images: upload (checked, resized, EXIF-free), their texts, the list, and the files the
// /media/ route serves. A refused upload stores nothing: no row, no file.

function oneLine(value: unknown): string {
  return String(value ?? '').replace(/\s+/g, ' ').trim();
}

/** Checks an image's texts: alt text required, each within its length. Throws MediaRefusal. */
export function parseMediaText(input: { alt?: unknown; caption?: unknown; credit?: unknown }): MediaText {
  const text = { alt: oneLine(input.alt), caption: oneLine(input.caption), credit: oneLine(input.credit) };
  if (text.alt === '') throw new MediaRefusal('alt_missing', 'describe the image in the alt text (what a reader who cannot see it needs to know)');
  for (const [field, max] of [['alt', MAX_ALT], ['caption', MAX_CAPTION], ['credit', MAX_CREDIT]] as const) {
    if (text[field].length > max) throw new MediaRefusal('too_long', `keep the ${field} under ${max} characters`, { field, max: String(max) });
  }
  return text;
}

/** The Markdown that shows an image in a body: its alt text, and its caption and credit as the figure's caption. */
export function mediaMarkdown(item: MediaItem): string {
  const caption = [item.caption, item.credit].filter(Boolean).join(' · ');
  const alt = item.alt.replace(/[[\]\\]/g, '\\$&');
  return `![${alt}](${mediaPath(item)}${caption ? ` "${caption.replace(/["\\]/g, '\\$&')}"` : ''})`;
}

/** The path a reference to the image uses (its largest width). */
export function mediaPath(item: Pick<MediaItem, 'hash' | 'ext' | 'widths'>): string {
  return mediaRefPath({ hash: item.hash, ext: item.ext, width: item.widths[item.widths.length - 1]! });
}

async function store(db: Executor, mediaDir: string, image: ProcessedImage, text: MediaText, now: string, bytes: number): Promise<MediaItem> {
  const written = writeImageFiles(mediaDir, image);
  try {
    return await insertMedia(db, { hash: image.hash, ext: image.ext, width: image.width, height: image.height, widths: image.widths, bytes, ...text }, now);
  } catch (error) {
    removeImageFiles(mediaDir, written);
    throw error;
  }
}

/**
 * Uploads an image: texts and bytes checked (MediaRefusal names what is wrong), resized and
 * stored, the activity logged. The same bytes uploaded again are the image already there.
 */
export async function uploadMedia(db: Database, clock: Clock, mediaDir: string, actor: Actor, input: { bytes: Buffer; alt?: unknown; caption?: unknown; credit?: unknown }): Promise<{ item: MediaItem; existed: boolean }> {
  const text = parseMediaText(input);
  const image = await processImage(input.bytes);
  const existing = await findMediaByHash(db, image.hash);
  if (existing) return { item: existing, existed: true };
  const now = clock.now().toISOString();
  const item = await db.transaction().execute(async (trx) => {
    const stored = await store(trx, mediaDir, image, text, now, image.master.length);
    await recordActivity(trx, clock, actor, 'media.upload', { type: 'media', id: stored.id, label: stored.hash }, `${stored.width}×${stored.height} ${stored.ext}`);
    return stored;
  });
  return { item, existed: false };
}

/** Changes an image's alt text, caption and credit (bodies that show it keep what they wrote). */
export async function editMediaText(db: Database, clock: Clock, actor: Actor, hash: string, input: { alt?: unknown; caption?: unknown; credit?: unknown }): Promise<MediaItem> {
  const text = parseMediaText(input);
  const item = await getMedia(db, hash);
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await updateMediaText(trx, hash, text, now);
    await bumpContentVersion(trx, now);
    await recordActivity(trx, clock, actor, 'media.update', { type: 'media', id: item.id, label: hash });
  });
  return { ...item, ...text, updatedAt: now };
}

export async function getMedia(db: Executor, hash: string): Promise<MediaItem> {
  const item = /^[0-9a-f]{16}$/.test(hash) ? await findMediaByHash(db, hash) : undefined;
  if (!item) throw new NotFound(`There is no image ${hash}.`);
  return item;
}

/** One page of images, newest first. */
export function listMedia(db: Executor, options: { limit: number; offset: number }): Promise<{ items: MediaItem[]; total: number }> {
  return findMedia(db, options);
}

/** The images some paths refer to (lead images, bodies), by hash; unknown ones are left out. */
export async function mediaByPaths(db: Executor, paths: readonly (string | null | undefined)[]): Promise<Map<string, MediaItem>> {
  const hashes = [...new Set(paths.map((path) => (path ? parseMediaPath(path)?.hash : undefined)).filter((hash): hash is string => !!hash))];
  return new Map((await findMediaByHashes(db, hashes)).map((item) => [item.hash, item]));
}

/** A lead image as a form gives it (a media path, or empty): the path checked against the images there are. */
export async function checkLeadImage(db: Executor, value: string, where: string): Promise<string | null> {
  const path = value.trim();
  if (path === '') return null;
  const ref = parseMediaPath(path);
  const item = ref ? await findMediaByHash(db, ref.hash) : undefined;
  if (!item) throw new Invalid('The lead image is not one of the uploaded images.', [{ where, message: 'choose an uploaded image (its address starts with /media/), or leave it empty' }]);
  return mediaPath(item);
}

/** A served file (`<hash>-<width>.<ext>`), or undefined. Originals and masters are never served. */
export function servedMediaFile(mediaDir: string, name: string): Buffer | undefined {
  return readServedFile(mediaDir, name);
}

/** Every image with its master's bytes, for the content folder's export. */
export async function exportMedia(db: Executor, mediaDir: string): Promise<{ item: MediaItem; master: Buffer }[]> {
  const items = await findAllMedia(db);
  const out: { item: MediaItem; master: Buffer }[] = [];
  for (const item of items) {
    const master = readMaster(mediaDir, item.hash, item.ext);
    if (master) out.push({ item, master });
  }
  return out;
}

/** An image the content folder brings: its hash (from its file name), master bytes and texts. */
export interface ImportedMedia extends MediaText {
  readonly hash: string;
  readonly bytes: Buffer;
  readonly where: string;
}

/**
 * Processes the content folder's images before its transaction (every problem at once, named by
 * file); nothing is written yet.
 */
export async function prepareMediaImport(items: readonly ImportedMedia[]): Promise<{ prepared: { image: ProcessedImage; text: MediaText }[]; problems: Problem[] }> {
  const prepared: { image: ProcessedImage; text: MediaText }[] = [];
  const problems: Problem[] = [];
  for (const item of items) {
    try {
      const text = parseMediaText(item);
      prepared.push({ image: await processImage(item.bytes, { hash: item.hash }), text });
    } catch (error) {
      if (!(error instanceof MediaRefusal)) throw error;
      problems.push({ where: item.where, message: error.message });
    }
  }
  return { prepared, problems };
}

/**
 * Stores prepared images inside the import's transaction: new ones written, known ones get the
 * folder's texts. Returns the files written, for the caller to remove if the transaction fails.
 */
export async function storeImportedMedia(db: Executor, mediaDir: string, prepared: readonly { image: ProcessedImage; text: MediaText }[], now: string): Promise<string[]> {
  const written: string[] = [];
  try {
    for (const { image, text } of prepared) {
      const existing = await findMediaByHash(db, image.hash);
      if (existing) {
        await updateMediaText(db, image.hash, text, now);
        continue;
      }
      const files = writeImageFiles(mediaDir, image);
      written.push(...files);
      await insertMedia(db, { hash: image.hash, ext: image.ext, width: image.width, height: image.height, widths: image.widths, bytes: image.master.length, ...text }, now);
    }
  } catch (error) {
    removeImageFiles(mediaDir, written);
    throw error;
  }
  return written;
}

/** Removes files an import wrote before its transaction failed. */
export function forgetWrittenMedia(mediaDir: string, names: readonly string[]): void {
  removeImageFiles(mediaDir, names);
}
