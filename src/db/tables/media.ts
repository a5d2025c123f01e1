import type { Generated } from 'kysely';

// Row types of images (migration 2026-12-03T0300-media). Conventions: see db/database.ts.

/** The file types images are stored and served as (photos as JPEG, images with transparency as PNG). */
export const MEDIA_EXTS = ['jpg', 'png'] as const;
export type MediaExt = (typeof MEDIA_EXTS)[number];

/** One uploaded image: its files are `<hash>-<width>.<ext>` under MEDIA_DIR, one per width. */
export interface MediaTable {
  id: Generated<number>;
  hash: string;
  ext: MediaExt;
  /** The master's size in pixels (EXIF orientation applied). */
  width: number;
  height: number;
  /** The widths served, ascending, comma-separated ("320,640,960"). */
  widths: string;
  /** The master's size in bytes. */
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  created_at: string;
  updated_at: string;
}

/** The media tables, part of `DB`. */
export interface MediaTables {
  media: MediaTable;
}
