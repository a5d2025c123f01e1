// The addresses of uploaded images (media/): `/media/<hash>-<width>.<ext>`, one file per width,
// never changed once written (served immutable). A reference in a body names the largest width;
// the smaller ones are the standard widths below it, so the address alone gives the srcset
// (Markdown renders without a database read). The email edition uses one fixed width.

/** The widths an image is resized to (never enlarged: a smaller image has its own width as its largest). */
export const MEDIA_WIDTHS = [320, 640, 960, 1280, 1600] as const;
/** The width images are shown at in email (the edition's 640-pixel body less its column's padding). */
export const EMAIL_IMAGE_WIDTH = 560;

/** A media file's name: hash, width, extension. */
export const MEDIA_FILE = /^([0-9a-f]{16})-(\d{1,4})\.(jpg|png)$/;
/** A reference to a media image in Markdown or HTML (site-relative). */
const MEDIA_PATH = /^\/media\/([0-9a-f]{16})-(\d{1,4})\.(jpg|png)$/;

export interface MediaRef {
  readonly hash: string;
  /** The largest width served. */
  readonly width: number;
  readonly ext: 'jpg' | 'png';
}

/** The widths served for an image `width` pixels wide, ascending. */
export function mediaWidths(width: number): number[] {
  const top = Math.min(width, MEDIA_WIDTHS[MEDIA_WIDTHS.length - 1]!);
  return [...MEDIA_WIDTHS.filter((w) => w < top), top];
}

/** The path of one width of an image. */
export function mediaPath(hash: string, width: number, ext: string): string {
  return `/media/${hash}-${width}.${ext}`;
}

/** The reference a body or lead image uses: the largest width's path. */
export function mediaRefPath(ref: MediaRef): string {
  return mediaPath(ref.hash, ref.width, ref.ext);
}

/** Reads a site-relative media path, or undefined for anything else (external images among them). */
export function parseMediaPath(src: string): MediaRef | undefined {
  const match = MEDIA_PATH.exec(src.trim());
  if (!match) return undefined;
  const width = Number(match[2]);
  if (!mediaWidths(width).includes(width)) return undefined;
  return { hash: match[1]!, width, ext: match[3] as MediaRef['ext'] };
}

/** The srcset of a media image: each served width. */
export function mediaSrcset(ref: MediaRef): string {
  return mediaWidths(ref.width).map((w) => `${mediaPath(ref.hash, w, ref.ext)} ${w}w`).join(', ');
}

/** The file shown in email: the smallest width that fills the column, else the largest there is. */
export function emailMediaWidth(ref: MediaRef): number {
  return mediaWidths(ref.width).find((w) => w >= EMAIL_IMAGE_WIDTH) ?? ref.width;
}

/** External images (any http(s) image) in some Markdown: their addresses, in order, once each. */
export function externalImages(markdown: string): string[] {
  const found = new Set<string>();
  for (const match of markdown.matchAll(/!\[[^\]]*\]\(\s*<?(https?:\/\/[^\s)>]+)>?/gi)) found.add(match[1]!);
  for (const match of markdown.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']?(https?:\/\/[^"'\s>]+)/gi)) found.add(match[1]!);
  return [...found];
}

/**
 * Rewrites a rendered body's media images for email: an absolute address of the fixed width,
 * with width attributes and inline style email clients respect; no srcset.
 */
export function emailImages(html: string, siteUrl: string): string {
  return html.replace(/<img\b([^>]*)>/g, (tag, attrs: string) => {
    const src = /\bsrc="([^"]*)"/.exec(attrs)?.[1];
    const ref = src ? parseMediaPath(src) : undefined;
    if (!ref) return tag;
    const alt = /\balt="([^"]*)"/.exec(attrs)?.[1] ?? '';
    const width = emailMediaWidth(ref);
    const shown = Math.min(width, EMAIL_IMAGE_WIDTH);
    return `<img src="${siteUrl}${mediaPath(ref.hash, width, ref.ext)}" alt="${alt}" width="${shown}" style="display:block;width:100%;max-width:${shown}px;height:auto;border:0" />`;
  });
}

/** A lead image as pages and feeds show it. */
export interface LeadImageView {
  readonly src: string;
  readonly srcset: string;
  readonly alt: string;
  /** Caption and credit, joined; '' for none. */
  readonly caption: string;
  /** The width email and Open Graph use. */
  readonly emailSrc: string;
}

/** The view of a lead image (path and texts), or null when it is not a media path. */
export function leadImageView(lead: { path: string; alt: string; caption: string; credit: string } | null): LeadImageView | null {
  const ref = lead ? parseMediaPath(lead.path) : undefined;
  if (!lead || !ref) return null;
  return {
    src: lead.path,
    srcset: mediaSrcset(ref),
    alt: lead.alt,
    caption: [lead.caption, lead.credit].filter(Boolean).join(' · '),
    emailSrc: mediaPath(ref.hash, emailMediaWidth(ref), ref.ext),
  };
}
