import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { MEDIA_FILE, mediaWidths } from '../lib/media-urls.js';
import { MASTER_MAX_WIDTH, MAX_INPUT_PIXELS, MAX_UPLOAD_BYTES, type MediaExt, type MediaRefusalCode } from './media.js';
import { sniffImageType } from './sniff.js';

// Turning uploaded bytes into the files we keep: checked (type from the bytes, size, pixels),
// the EXIF orientation applied and every metadata block dropped (sharp keeps none unless asked),
// a master at most MASTER_MAX_WIDTH wide and one file per served width. Nothing touches the
// disk until every step succeeded.

/** An upload refused, with its code and numbers; `message` is the English wording (CLI, content folder). */
export class MediaRefusal extends Error {
  constructor(
    readonly refusal: MediaRefusalCode,
    message: string,
    readonly params: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** An image ready to be written: its master, its resized files and what the row records. */
export interface ProcessedImage {
  readonly hash: string;
  readonly ext: MediaExt;
  readonly width: number;
  readonly height: number;
  readonly widths: readonly number[];
  readonly master: Buffer;
  readonly files: ReadonlyMap<string, Buffer>;
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * Checks and processes an upload. `hash` names the files: by default the SHA-256 of the bytes
 * (the same upload twice is one image); the content folder's import keeps the exported name.
 */
export async function processImage(bytes: Buffer, options: { hash?: string } = {}): Promise<ProcessedImage> {
  if (bytes.length === 0) throw new MediaRefusal('empty', 'the file is empty');
  if (bytes.length > MAX_UPLOAD_BYTES) throw new MediaRefusal('too_large', `the file is ${mib(bytes.length)} MB; the limit is ${mib(MAX_UPLOAD_BYTES)} MB`, { size: mib(bytes.length), limit: mib(MAX_UPLOAD_BYTES) });
  const type = sniffImageType(bytes);
  if (type === 'svg') throw new MediaRefusal('svg', 'SVG images are refused (they can carry scripts); upload a PNG instead');
  if (!type) throw new MediaRefusal('not_image', 'the file is not a JPEG, PNG, WebP, AVIF or GIF image (whatever its name says)');
  const input = () => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false });
  let meta: Metadata;
  try {
    // The header alone (no pixels decoded), so that a bomb is named as one.
    meta = await sharp(bytes, { limitInputPixels: false, animated: false }).metadata();
  } catch {
    throw new MediaRefusal('unreadable', 'the image could not be read: it is damaged or not what its first bytes say');
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > MAX_INPUT_PIXELS) {
    throw new MediaRefusal('too_many_pixels', `the image has ${meta.width} × ${meta.height} pixels; the limit is ${MAX_INPUT_PIXELS / 1_000_000} megapixels`, { width: String(meta.width), height: String(meta.height), limit: String(MAX_INPUT_PIXELS / 1_000_000) });
  }
  const ext: MediaExt = meta.hasAlpha || type === 'png' || type === 'gif' ? 'png' : 'jpg';
  const encode = (image: Sharp) => (ext === 'png' ? image.png({ compressionLevel: 9 }) : image.flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true }));
  try {
    const master = await encode(input().rotate().resize({ width: MASTER_MAX_WIDTH, withoutEnlargement: true })).toBuffer({ resolveWithObject: true });
    const { width, height } = master.info;
    const widths = mediaWidths(width);
    const hash = options.hash ?? createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const files = new Map<string, Buffer>();
    for (const w of widths) {
      const resized = w === width ? master.data : await encode(sharp(master.data).resize({ width: w })).toBuffer();
      files.set(`${hash}-${w}.${ext}`, resized);
    }
    return { hash, ext, width, height, widths, master: master.data, files };
  } catch (error) {
    if (error instanceof MediaRefusal) throw error;
    throw new MediaRefusal('unreadable', 'the image could not be read: it is damaged or not what its first bytes say');
  }
}

/** The master's file name (never served: the route serves only `<hash>-<width>.<ext>`). */
export function masterName(hash: string, ext: string): string {
  return `${hash}.${ext}`;
}

/** Writes an image's files (master and widths), each through a temporary name; returns their names. */
export function writeImageFiles(mediaDir: string, image: ProcessedImage): string[] {
  mkdirSync(mediaDir, { recursive: true });
  const written: string[] = [];
  const all = new Map([[masterName(image.hash, image.ext), image.master], ...image.files]);
  try {
    for (const [name, content] of all) {
      const temp = join(mediaDir, `.${name}.${process.pid}.tmp`);
      writeFileSync(temp, content);
      renameSync(temp, join(mediaDir, name));
      written.push(name);
    }
  } catch (error) {
    removeImageFiles(mediaDir, written);
    throw error;
  }
  return written;
}

/** Removes files written for an image that was then not stored. */
export function removeImageFiles(mediaDir: string, names: readonly string[]): void {
  for (const name of names) rmSync(join(mediaDir, name), { force: true });
}

/** One served file's bytes, or undefined (not a media file name, or not there). */
export function readServedFile(mediaDir: string, name: string): Buffer | undefined {
  if (!MEDIA_FILE.test(name)) return undefined;
  try {
    return readFileSync(join(mediaDir, name));
  } catch {
    return undefined;
  }
}

/** The master's bytes (the content folder exports it), or undefined when missing. */
export function readMaster(mediaDir: string, hash: string, ext: string): Buffer | undefined {
  try {
    return readFileSync(join(mediaDir, masterName(hash, ext)));
  } catch {
    return undefined;
  }
}
