import { z } from 'zod';
import { Invalid, type Problem } from '../lib/errors.js';
import { parseSomeSettings } from '../settings/settings.service.js';
import type { SettingKey, SettingValues } from '../settings/settings.js';
import { problem, type Context } from './file-context.js';

// The site settings in a content folder: one file, settings.md at the top, whose front matter
// holds the settings it sets (docs/content-format.md); a setting it leaves out stays as it is.
// The export writes the settings saved in the desk (never the environment's), so
// export → import → export is byte-identical.

export const SETTINGS_FILE = 'settings.md';

/** Each setting's place in the file's front matter. */
const PATHS: Readonly<Record<SettingKey, readonly string[]>> = {
  orgName: ['organisation', 'name'],
  orgAddress: ['organisation', 'address'],
  orgEmail: ['organisation', 'email'],
  orgPhone: ['organisation', 'phone'],
  imprintEn: ['imprint', 'en'],
  imprintDe: ['imprint', 'de'],
  imprintZh: ['imprint', 'zh'],
  privacyEn: ['privacy', 'en'],
  privacyDe: ['privacy', 'de'],
  privacyZh: ['privacy', 'zh'],
  tracking: ['tracking'],
  clickTracking: ['click_tracking'],
  openTracking: ['open_tracking'],
  consentNetworkLog: ['consent_network_log'],
  retainSnapshotsDays: ['retention_days', 'address_snapshots'],
  retainErrorsDays: ['retention_days', 'delivery_errors'],
  retainUserAgentsDays: ['retention_days', 'user_agents'],
  retainClicksDays: ['retention_days', 'clicks'],
  retainRateLimitsDays: ['retention_days', 'rate_limits'],
  logo: ['branding', 'logo'],
  accentColor: ['branding', 'accent_color'],
  footerText: ['branding', 'footer_text'],
  sendDomainLimits: ['sending', 'domain_limits'],
};

const text = z.string();
const texts = z.object({ en: text.optional(), de: text.optional(), zh: text.optional() }).strict();
const days = z.number().int();
const schema = z
  .object({
    organisation: z.object({ name: text.optional(), address: text.optional(), email: text.optional(), phone: text.optional() }).strict().optional(),
    imprint: texts.optional(),
    privacy: texts.optional(),
    tracking: z.boolean().optional(),
    click_tracking: z.boolean().optional(),
    open_tracking: z.boolean().optional(),
    consent_network_log: z.boolean().optional(),
    retention_days: z.object({ address_snapshots: days.optional(), delivery_errors: days.optional(), user_agents: days.optional(), clicks: days.optional(), rate_limits: days.optional() }).strict().optional(),
    sending: z.object({ domain_limits: text.optional() }).strict().optional(),
  })
  .strict();

function at(data: unknown, path: readonly string[]): unknown {
  let value = data;
  for (const part of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/** Reads settings.md (already parsed) into settings; problems go to the context with their lines. */
export function readSettingsFile(c: Context): Partial<SettingValues> | undefined {
  if (c.file.body.trim() !== '') {
    c.problems.push({ where: c.where, line: c.file.bodyLine, message: 'settings.md has no body: the imprint and privacy texts go in its front matter (imprint: en: |, …)' });
    return undefined;
  }
  const result = schema.safeParse(c.file.data ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
      problem(c, path, `${path.join('.')}: ${issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message}`);
    }
    return undefined;
  }
  const input: Partial<Record<SettingKey, unknown>> = {};
  for (const [key, path] of Object.entries(PATHS) as [SettingKey, readonly string[]][]) {
    const value = at(result.data, path);
    if (value !== undefined) input[key] = value;
  }
  try {
    return parseSomeSettings(input);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    for (const found of error.problems as readonly Problem[]) {
      const path = PATHS[found.where as SettingKey] ?? [];
      problem(c, path, `${path.join('.')}: ${found.message}`);
    }
    return undefined;
  }
}

/** The front matter of settings.md for the saved settings; undefined when nothing is saved. */
export function settingsFront(saved: Partial<SettingValues>): Record<string, unknown> | undefined {
  const front: Record<string, unknown> = {};
  let any = false;
  for (const [key, path] of Object.entries(PATHS) as [SettingKey, readonly string[]][]) {
    const value = saved[key];
    if (value === undefined) continue;
    any = true;
    let into = front;
    for (const part of path.slice(0, -1)) into = (into[part] ??= {}) as Record<string, unknown>;
    into[path[path.length - 1]!] = value;
  }
  return any ? front : undefined;
}
