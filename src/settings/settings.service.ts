import { z } from 'zod';
import { findBadDomainLimit } from '../lib/domain-limits.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { bumpContentVersion, getContentVersion } from '../content/content-version.service.js';
import type { Database, Executor } from '../db/database.js';
import { pathIn, type Language } from '../i18n/languages.js';
import type { Clock } from '../lib/clock.js';
import { Invalid, type Problem } from '../lib/errors.js';
import { contrastRatio, formatRatio, isHexColour, WCAG_AA_NORMAL } from '../lib/contrast.js';
import { renderMarkdown } from '../lib/markdown.js';
import { mediaPath as mediaPathOf, parseMediaPath } from '../lib/media-urls.js';
import { checkLeadImage, mediaByPaths } from '../media/media.service.js';
import type { EmailFooter } from '../mail/simple-email.js';
import { deleteSettings, readSavedSettings, writeSettings } from './settings.queries.js';
import {
  DEFAULT_RETENTION,
  DEFAULT_SETTINGS,
  MAX_RETENTION_DAYS,
  SETTING_KEYS,
  SETTINGS,
  type Branding,
  type LegalText,
  type SeedSource,
  type SettingKey,
  seedValues,
  type SettingsSeed,
  type SettingValues,
  type SiteSettings,
} from './settings.js';

// The site settings: a value saved in the desk (or imported with the content folder) wins over
// the environment's (config.ts), which wins over the default. Read through getSiteSettings, which
// keeps the last answer per process and reads the database again only when the content version
// (bumped by every save) has changed, checked at most once a second.

const MAX_LINE = 200;
const MAX_LINES = 10;
const MAX_MARKDOWN = 50_000;
const email = z.string().email();

/** Parses one setting's value from the desk form, a stored row or settings.md; a problem names the setting. */
function parseValue(key: SettingKey, raw: unknown): { value?: SettingValues[SettingKey]; problem?: Problem } {
  const kind = SETTINGS[key];
  const fail = (message: string) => ({ problem: { where: key, message } });
  switch (kind) {
    case 'flag': {
      if (typeof raw === 'boolean') return { value: raw };
      const text = String(raw ?? '').trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(text)) return { value: true };
      if (['', '0', 'false', 'no', 'off'].includes(text)) return { value: false };
      return fail('write true or false');
    }
    case 'days': {
      const text = typeof raw === 'number' ? String(raw) : String(raw ?? '').trim();
      if (!/^\d+$/.test(text)) return fail(`enter a whole number of days between 1 and ${MAX_RETENTION_DAYS}`);
      const days = Number(text);
      if (days < 1 || days > MAX_RETENTION_DAYS) return fail(`enter a whole number of days between 1 and ${MAX_RETENTION_DAYS}`);
      return { value: days };
    }
    case 'line': {
      if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number') return fail('write text');
      const text = String(raw ?? '').trim();
      if (/[\r\n]/.test(text)) return fail('keep it on one line');
      if (text.length > MAX_LINE) return fail(`keep it under ${MAX_LINE} characters`);
      return { value: text };
    }
    case 'email': {
      if (raw !== undefined && raw !== null && typeof raw !== 'string') return fail('write an email address');
      const text = String(raw ?? '').trim();
      if (text !== '' && (!email.safeParse(text).success || text.length > 254)) return fail('enter an email address, like office@example.org');
      return { value: text };
    }
    case 'lines': {
      if (raw !== undefined && raw !== null && typeof raw !== 'string') return fail('write text, one line per part of the address');
      const lines = String(raw ?? '')
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
      if (lines.length > MAX_LINES) return fail(`use at most ${MAX_LINES} lines`);
      if (lines.some((line) => line.length > MAX_LINE)) return fail(`keep each line under ${MAX_LINE} characters`);
      return { value: lines.join('\n') };
    }
    case 'media': {
      if (raw !== undefined && raw !== null && typeof raw !== 'string') return fail('choose an uploaded image');
      const text = String(raw ?? '').trim();
      if (text !== '' && !parseMediaPath(text)) return fail('choose an uploaded image (its address starts with /media/), or leave it empty');
      return { value: text };
    }
    case 'colour': {
      if (raw !== undefined && raw !== null && typeof raw !== 'string') return fail('write a colour like #1d4ed8');
      const text = String(raw ?? '').trim().toLowerCase();
      if (text === '') return { value: '' };
      if (!isHexColour(text)) return fail('write the colour as # and six hexadecimal digits, like #1d4ed8');
      const ratio = contrastRatio(text, '#ffffff');
      if (ratio < WCAG_AA_NORMAL) return fail(`this colour has a contrast of ${formatRatio(ratio)}:1 with white; at least ${WCAG_AA_NORMAL}:1 is needed (WCAG AA)`);
      return { value: text };
    }
    case 'domainLimits': {
      if (raw !== undefined && raw !== null && typeof raw !== 'string') return fail('write limits like qq.com=4000/h, separated by commas');
      const text = String(raw ?? '').split(/[,\n]/).map((part) => part.trim()).filter(Boolean).join(', ');
      if (text.length > MAX_LINE * 10) return fail(`keep it under ${MAX_LINE * 10} characters`);
      const bad = findBadDomainLimit(text);
      if (bad) return fail(`"${bad}" is not a limit like qq.com=4000/h (a domain, =, a number above 0, / and s, m, h or d)`);
      return { value: text };
    }
    case 'markdown': {
      if (raw !== undefined && raw !== null && typeof raw !== 'string') return fail('write Markdown text');
      const text = String(raw ?? '').replace(/\r\n?/g, '\n').trim();
      if (text.length > MAX_MARKDOWN) return fail(`keep it under ${MAX_MARKDOWN} characters`);
      return { value: text };
    }
  }
}

/**
 * Checks a complete set of settings (the desk form, the content folder's site.yml): every
 * setting parsed, every problem named by its key. Throws `Invalid` listing them all.
 */
export function parseSettings(input: Readonly<Record<string, unknown>>): SettingValues {
  const values: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const key of SETTING_KEYS) {
    const parsed = parseValue(key, input[key]);
    if (parsed.problem) problems.push(parsed.problem);
    else values[key] = parsed.value;
  }
  if (problems.length > 0) throw new Invalid('Some settings need fixing.', problems);
  return values as SettingValues;
}

function decode(key: SettingKey, text: string): SettingValues[SettingKey] | undefined {
  const parsed = parseValue(key, text);
  return parsed.problem ? undefined : parsed.value;
}

function encode(value: SettingValues[SettingKey]): string {
  return typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
}

/**
 * Checks some settings (the content folder's settings.md names only those it sets): each given
 * setting parsed, every problem named by its key. Throws `Invalid` listing them all.
 */
export function parseSomeSettings(input: Readonly<Partial<Record<SettingKey, unknown>>>): Partial<SettingValues> {
  const values: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const key of SETTING_KEYS) {
    if (!Object.hasOwn(input, key)) continue;
    const parsed = parseValue(key, input[key]);
    if (parsed.problem) problems.push(parsed.problem);
    else values[key] = parsed.value;
  }
  if (problems.length > 0) throw new Invalid('Some settings need fixing.', problems);
  return values as Partial<SettingValues>;
}

/** The settings saved in the desk (or imported), without the environment's or the defaults: what the content folder exports. */
export async function getSavedSettings(db: Executor): Promise<Partial<SettingValues>> {
  const saved = await readSavedSettings(db);
  const values: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const text = saved.get(key);
    const value = text === undefined ? undefined : decode(key, text);
    if (value !== undefined) values[key] = value;
  }
  return values as Partial<SettingValues>;
}

/**
 * Stores the settings a content folder names, as saved values (they win over the environment);
 * the others stay as they are. Inside the import's transaction, which bumps the content version.
 */
export async function importSettings(db: Executor, values: Partial<SettingValues>, now: string): Promise<void> {
  const write = new Map<string, string>();
  for (const key of SETTING_KEYS) if (values[key] !== undefined) write.set(key, encode(values[key]!));
  await writeSettings(db, write, now);
}

/** The value each setting takes when nothing is saved: the environment's, else the default. */
function baseline(seed: SettingsSeed): SettingValues {
  return { ...DEFAULT_SETTINGS, ...seedValues(seed) };
}

const LEGAL_KEYS = {
  imprint: { en: 'imprintEn', de: 'imprintDe', zh: 'imprintZh' },
  privacy: { en: 'privacyEn', de: 'privacyDe', zh: 'privacyZh' },
} as const satisfies Record<string, Record<Language, SettingKey>>;

function build(saved: ReadonlyMap<string, string>, seed: SettingsSeed, siteName: string): SiteSettings {
  const values: Record<string, unknown> = {};
  const sources: Record<string, 'desk' | 'environment' | 'default'> = {};
  for (const key of SETTING_KEYS) {
    const stored = saved.has(key) ? decode(key, saved.get(key)!) : undefined;
    if (stored !== undefined) {
      values[key] = stored;
      sources[key] = 'desk';
    } else if (seedValues(seed)[key] !== undefined) {
      values[key] = seedValues(seed)[key];
      sources[key] = 'environment';
    } else {
      values[key] = DEFAULT_SETTINGS[key];
      sources[key] = 'default';
    }
  }
  const v = values as SettingValues;
  const rendered = new Map<string, LegalText>();
  const legal = (which: keyof typeof LEGAL_KEYS, language: Language): LegalText => {
    const id = `${which}/${language}`;
    const known = rendered.get(id);
    if (known) return known;
    const own = v[LEGAL_KEYS[which][language]];
    const markdown = own !== '' ? own : v[LEGAL_KEYS[which].en];
    const text: LegalText = { markdown, html: markdown === '' ? '' : renderMarkdown(markdown), untranslated: own === '' && language !== 'en' && markdown !== '' };
    rendered.set(id, text);
    return text;
  };
  return {
    values: v,
    sources: sources as SiteSettings['sources'],
    organisation: { name: v.orgName || siteName, addressLines: v.orgAddress === '' ? [] : v.orgAddress.split('\n'), email: v.orgEmail, phone: v.orgPhone },
    tracking: v.tracking,
    consentNetworkLog: v.consentNetworkLog,
    retention: Object.fromEntries(Object.keys(DEFAULT_RETENTION).map((key) => [key, v[key as keyof typeof DEFAULT_RETENTION]])) as SiteSettings['retention'],
    branding: { logo: v.logo, accentColor: v.accentColor, footerText: v.footerText },
    imprint: (language) => legal('imprint', language),
    privacy: (language) => legal('privacy', language),
  };
}

/** What getSiteSettings needs of the configuration (or of the site identity): the seed and the site's name. */
export interface SettingsSource extends SeedSource {
  readonly siteName?: string;
  readonly name?: string;
}

interface Cached {
  version: string;
  checkedAt: number;
  settings: SiteSettings;
}

// Per process, per database handle and seed (one per configuration): the last settings read and
// the content version they belong to. A transaction is a handle of its own, so reads inside one
// see its own writes.
const cache = new WeakMap<object, WeakMap<object, Cached>>();
const EMPTY_SOURCE: SettingsSource = {};
const CHECK_EVERY_MS = 1000;

function siteNameOf(source: SettingsSource): string {
  return source.siteName ?? source.name ?? 'Innovation Insights';
}

/**
 * The site settings, as the desk saved them over the environment's seed. Cached per process;
 * the database is read again when the content version changed (a save in any process bumps it),
 * checked at most once a second, and at once after a save in this process.
 */
export async function getSiteSettings(db: Executor, source: SettingsSource = EMPTY_SOURCE): Promise<SiteSettings> {
  const key = source.settingsSeed ?? source;
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new WeakMap()));
  const cached = perDb.get(key);
  const now = Date.now();
  if (cached && now - cached.checkedAt < CHECK_EVERY_MS) return cached.settings;
  const version = await getContentVersion(db);
  if (cached && cached.version === version) {
    cached.checkedAt = now;
    return cached.settings;
  }
  const settings = build(await readSavedSettings(db), source.settingsSeed ?? {}, siteNameOf(source));
  perDb.set(key, { version, checkedAt: now, settings });
  return settings;
}

/** Forgets this process's cached answer for `db` (after a save). */
function forgetCached(db: Executor, source: SettingsSource): void {
  cache.get(db)?.delete(source.settingsSeed ?? source);
}

/**
 * Saves a complete set of settings (already parsed): a value equal to the environment's (or the
 * default) is stored as "not set", so a later change of the environment still shows; any other
 * value is stored and wins. Bumps the content version (every process's pages and settings
 * refresh). Call inside the transaction that should hold it.
 */
export async function storeSettings(db: Executor, clock: Clock, source: SettingsSource, values: SettingValues): Promise<SettingKey[]> {
  const base = baseline(source.settingsSeed ?? {});
  const saved = await readSavedSettings(db);
  const write = new Map<string, string>();
  const unset: string[] = [];
  const changed: SettingKey[] = [];
  const before = build(saved, source.settingsSeed ?? {}, siteNameOf(source)).values;
  for (const key of SETTING_KEYS) {
    if (before[key] !== values[key]) changed.push(key);
    if (values[key] === base[key]) {
      if (saved.has(key)) unset.push(key);
    } else if (saved.get(key) !== encode(values[key])) write.set(key, encode(values[key]));
  }
  const now = clock.now().toISOString();
  await writeSettings(db, write, now);
  await deleteSettings(db, unset);
  if (write.size > 0 || unset.length > 0) await bumpContentVersion(db, now);
  forgetCached(db, source);
  return changed;
}

/** The desk's save: checks the form, stores it and writes the activity log, in one transaction. */
export async function saveSiteSettings(db: Database, clock: Clock, source: SettingsSource, actor: Actor, input: Readonly<Record<string, unknown>>): Promise<SettingKey[]> {
  const values = parseSettings(input);
  if (values.logo !== '') await checkLogo(db, values.logo);
  const changed = await db.transaction().execute(async (trx) => {
    const keys = await storeSettings(trx, clock, source, values);
    if (keys.length > 0) await recordActivity(trx, clock, actor, 'settings.update', { type: 'settings', id: null, label: 'site settings' }, keys.join(', '));
    return keys;
  });
  forgetCached(db, source);
  return changed;
}

/** What an email's footer says about the sender, in `language`: the organisation, its address and the imprint's link. */
export async function emailFooterFor(db: Executor, site: SettingsSource & { readonly url: string }, language: Language): Promise<EmailFooter> {
  const settings = await getSiteSettings(db, site);
  return footerOf(settings, site.url, language);
}

/** The footer from settings already read (a newsletter compile reads them once per edition). */
export function footerOf(settings: SiteSettings, siteUrl: string, language: Language): EmailFooter {
  return { organisation: settings.organisation.name, addressLines: settings.organisation.addressLines, imprintUrl: `${siteUrl}${pathIn(language, '/imprint')}` };
}

/** enqueueEmail's extras for a message in `language`: the language and the sender's footer in it. */
export async function withFooter(db: Executor, site: SettingsSource & { readonly url: string }, language: Language): Promise<{ language: Language; footer: EmailFooter }> {
  return { language, footer: await emailFooterFor(db, site, language) };
}

/** A logo must be one of the uploaded images. */
async function checkLogo(db: Executor, path: string): Promise<void> {
  try {
    await checkLeadImage(db, path, 'logo');
  } catch (error) {
    if (error instanceof Invalid) throw new Invalid('Some settings need fixing.', [{ where: 'logo', message: 'choose an uploaded image, or leave it empty' }]);
    throw error;
  }
}

// Per settings read: the branding resolved (the logo's image looked up once).
const brandings = new WeakMap<SiteSettings, Promise<Branding>>();

/** The branding pages and emails use: the logo's image with its alt text (null when unset or gone), the accent colour, the footer line. */
export function siteBranding(db: Executor, settings: SiteSettings): Promise<Branding> {
  let branding = brandings.get(settings);
  if (!branding) {
    branding = resolveBranding(db, settings);
    brandings.set(settings, branding);
    branding.catch(() => brandings.delete(settings));
  }
  return branding;
}

async function resolveBranding(db: Executor, settings: SiteSettings): Promise<Branding> {
  const { logo, accentColor, footerText } = settings.branding;
  const ref = logo ? parseMediaPath(logo) : undefined;
  const item = ref ? (await mediaByPaths(db, [logo])).get(ref.hash) : undefined;
  const colourOk = accentColor !== '' && isHexColour(accentColor) && contrastRatio(accentColor, '#ffffff') >= WCAG_AA_NORMAL;
  return {
    logo: item ? { src: logo, alt: item.alt, width: item.width, height: item.height, smallSrc: mediaPathOf(item.hash, item.widths[0] ?? item.width, item.ext) } : null,
    accentColor: colourOk ? accentColor : null,
    footerText,
  };
}
