import { createHash } from 'node:crypto';

/** The slug rule for every kind of content: lowercase letters, digits and single hyphens (`2024-spring`). */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// Slugs made from names (organisations named in stories): Latin letters and digits joined by
// hyphens, diacritics dropped. A name with no Latin letter or digit (a Chinese name) gets a
// stable slug from its hash, so every name has one.

/** The longest slug made from a name. */
export const NAME_SLUG_LIMIT = 80;

/** `Fraunhofer-Gesellschaft` → `fraunhofer-gesellschaft`, `Volkswagen 100%TechCo` → `volkswagen-100-techco`, `华为` → `org-…`. */
export function slugFromName(name: string, prefix: string): string {
  const latin = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, NAME_SLUG_LIMIT)
    .replace(/^-+|-+$/g, '');
  return latin || `${prefix}-${createHash('sha256').update(name.normalize('NFKC')).digest('hex').slice(0, 10)}`;
}

/** A name compared without case, width or spacing differences: `BYD ` and `byd` are one. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
