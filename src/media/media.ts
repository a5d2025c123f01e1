import type { MediaExt } from '../db/tables/media.js';

export { MEDIA_EXTS, type MediaExt } from '../db/tables/media.js';

// Images uploaded on the desk (docs/media.md). An upload is refused unless its bytes are a
// JPEG, PNG, WebP, AVIF or GIF (the name and the browser's type are never trusted), within the
// size and pixel limits, with alt text. It is stored as an EXIF-free master and resized to
// the standard widths (lib/media-urls.ts); only the resized files are ever served.

/** The largest upload accepted (bytes); the multipart parser of the upload route has the same limit. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** The most pixels an image may have (decompression bombs: a small file that unpacks to gigabytes). */
export const MAX_INPUT_PIXELS = 40_000_000;
/** The master is kept at most this wide (the largest served width is smaller). */
export const MASTER_MAX_WIDTH = 2400;
export const MAX_ALT = 300;
export const MAX_CAPTION = 300;
export const MAX_CREDIT = 200;

/** The image types accepted, as sniffed from their first bytes. */
export const ACCEPTED_TYPES = ['jpeg', 'png', 'webp', 'avif', 'gif'] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

/** One stored image. */
export interface MediaItem {
  readonly id: number;
  readonly hash: string;
  readonly ext: MediaExt;
  readonly width: number;
  readonly height: number;
  /** The widths served, ascending; the last is the one references name. */
  readonly widths: readonly number[];
  readonly bytes: number;
  readonly alt: string;
  readonly caption: string;
  readonly credit: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The texts of an image the desk edits. */
export interface MediaText {
  readonly alt: string;
  readonly caption: string;
  readonly credit: string;
}

/** Why an upload is refused: a stable code with its numbers (the desk words each in its language). */
export type MediaRefusalCode = 'empty' | 'too_large' | 'svg' | 'not_image' | 'unreadable' | 'too_many_pixels' | 'alt_missing' | 'too_long';
