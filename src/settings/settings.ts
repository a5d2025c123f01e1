import type { SettingsSeed } from '../config.js';
import type { Language } from '../i18n/languages.js';

export type { SettingsSeed } from '../config.js';

// The site settings: who runs the site (name, postal address, contact), the imprint and privacy
// texts, two switches and the retention ages. Each setting has one key, used alike by the
// stored rows, the desk form's fields and the content folder's site.yml.

/** What kind of value a setting holds, which decides how it is parsed and shown. */
export type SettingKind = 'line' | 'lines' | 'email' | 'markdown' | 'flag' | 'days' | 'media' | 'colour' | 'domainLimits';

/** Every setting, with its kind. The order is the desk form's and the content folder's. */
export const SETTINGS = {
  orgName: 'line',
  orgAddress: 'lines',
  orgEmail: 'email',
  orgPhone: 'line',
  imprintEn: 'markdown',
  imprintDe: 'markdown',
  imprintZh: 'markdown',
  privacyEn: 'markdown',
  privacyDe: 'markdown',
  privacyZh: 'markdown',
  tracking: 'flag',
  clickTracking: 'flag',
  openTracking: 'flag',
  consentNetworkLog: 'flag',
  retainSnapshotsDays: 'days',
  retainErrorsDays: 'days',
  retainUserAgentsDays: 'days',
  retainClicksDays: 'days',
  retainRateLimitsDays: 'days',
  logo: 'media',
  accentColor: 'colour',
  footerText: 'line',
  /** Fixed sending limits per receiving domain (the syntax of SEND_DOMAIN_LIMITS, which seeds it; docs/delivery.md). */
  sendDomainLimits: 'domainLimits',
} as const satisfies Record<string, SettingKind>;

export type SettingKey = keyof typeof SETTINGS;

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

type ValueOf<K extends SettingKind> = K extends 'flag' ? boolean : K extends 'days' ? number : string;

/** One value per setting (text '' means "not given"). */
export type SettingValues = { readonly [K in SettingKey]: ValueOf<(typeof SETTINGS)[K]> };

/** What the environment says (config.ts reads it), as setting values: the assignment checks that every seed is a setting of its kind. */
export function seedValues(seed: SettingsSeed): Partial<SettingValues> {
  return seed;
}

/** Whatever carries the environment's seed: the configuration, or the site identity services hand around. */
export interface SeedSource {
  readonly settingsSeed?: SettingsSeed | undefined;
}

/** The branding as pages and emails use it: the logo resolved to its image, the colour checked. */
export interface Branding {
  readonly logo: { readonly src: string; readonly alt: string; readonly width: number; readonly height: number; /** The smallest served width's path (email shows the logo small). */ readonly smallSrc: string } | null;
  /** #rrggbb with at least 4.5:1 against white, or null for the site's own colour. */
  readonly accentColor: string | null;
  /** Plain text, shown escaped. */
  readonly footerText: string;
}

/** The retention ages' defaults (days), documented in docs/operations.md. */
export const DEFAULT_RETENTION = {
  retainSnapshotsDays: 365,
  retainErrorsDays: 90,
  retainUserAgentsDays: 30,
  retainClicksDays: 180,
  retainRateLimitsDays: 2,
} as const;

/** Every setting's value when neither the desk nor the environment gives one. */
export const DEFAULT_SETTINGS: SettingValues = {
  orgName: '',
  orgAddress: '',
  orgEmail: '',
  orgPhone: '',
  imprintEn: '',
  imprintDe: '',
  imprintZh: '',
  privacyEn: '',
  privacyDe: '',
  privacyZh: '',
  tracking: false,
  clickTracking: true,
  openTracking: false,
  consentNetworkLog: false,
  ...DEFAULT_RETENTION,
  logo: '',
  accentColor: '',
  footerText: '',
  sendDomainLimits: '',
};

/** The longest retention age the desk accepts (ten years). */
export const MAX_RETENTION_DAYS = 3650;

/** A legal text in a language: its Markdown, and whether it is the English one standing in. */
export interface LegalText {
  readonly markdown: string;
  /** Sanitised HTML of `markdown`. */
  readonly html: string;
  /** True when the language has no version of its own and the English text is shown. */
  readonly untranslated: boolean;
}

/** The settings as the rest of the code reads them. */
export interface SiteSettings {
  readonly values: SettingValues;
  /** Where each value came from. */
  readonly sources: { readonly [K in SettingKey]: 'desk' | 'environment' | 'default' };
  readonly organisation: {
    /** The organisation's name (ORG_NAME, else the site's name). */
    readonly name: string;
    /** The postal address, one line per element; empty when not given. */
    readonly addressLines: readonly string[];
    readonly email: string;
    readonly phone: string;
  };
  readonly tracking: boolean;
  readonly consentNetworkLog: boolean;
  readonly retention: { readonly [K in keyof typeof DEFAULT_RETENTION]: number };
  /** The branding (issue 21): a logo's media path, an accent colour (#rrggbb) and a footer line; '' when not set. */
  readonly branding: { readonly logo: string; readonly accentColor: string; readonly footerText: string };
  imprint(language: Language): LegalText;
  privacy(language: Language): LegalText;
}
