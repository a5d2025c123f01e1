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

/** German letters written out the way German speakers spell them without umlauts (`Größe` → `groesse`). */
function transliterateGerman(text: string): string {
  return text.replace(/[äöüÄÖÜß]/g, (letter) => ({ ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' })[letter] ?? letter);
}

/**
 * The slug a new story gets from its title: umlauts written out (`Märkte` → `maerkte`), other
 * diacritics dropped, at most 80 characters, cut at a hyphen where it can. A title mostly in
 * another script (a Chinese one) gets a short stable slug from its hash (`story-…`); pinyin is not
 * attempted. The desk's writing script (web/assets/writing.js) fills the same slug while one types.
 */
export function slugFromTitle(title: string, prefix = 'story'): string {
  // A title mostly in another script (中国新增56家独角兽) would leave only its digits ("56").
  const letters = title.match(/\p{L}/gu)?.length ?? 0;
  const latin = title.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (latin * 2 < letters) return `${prefix}-${createHash('sha256').update(title.normalize('NFKC')).digest('hex').slice(0, 10)}`;
  const slug = slugFromName(transliterateGerman(title), prefix);
  if (slug.length < NAME_SLUG_LIMIT) return slug;
  const cut = slug.lastIndexOf('-');
  return cut > 40 ? slug.slice(0, cut) : slug;
}

/** `base`, or `base-2`, `base-3`, … : the first that `taken` says is free. */
export async function uniqueSlug(base: string, taken: (slug: string) => Promise<boolean>, limit = NAME_SLUG_LIMIT): Promise<string> {
  if (!(await taken(base))) return base;
  for (let n = 2; n < 1000; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, limit - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!(await taken(candidate))) return candidate;
  }
  return `${base.slice(0, limit - 11)}-${createHash('sha256').update(`${base}${Date.now()}`).digest('hex').slice(0, 10)}`;
}
