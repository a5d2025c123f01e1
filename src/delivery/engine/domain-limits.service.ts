import type { SettingsSeed } from '../../config.js';
import type { Executor } from '../../db/database.js';
import { parseDomainLimits } from '../../lib/domain-limits.js';
import { getSiteSettings } from '../../settings/settings.service.js';

// The fixed limits per receiving domain that pacing keeps to: the site setting when it is saved
// in the desk (it wins), else SEND_DOMAIN_LIMITS (which also seeds the setting, so the desk shows
// it). Read once per sender run and per desk page; the settings are cached per process.

export async function domainLimitsFor(db: Executor, site: { readonly name: string; readonly settingsSeed?: SettingsSeed }, fromEnvironment: ReadonlyMap<string, number>): Promise<ReadonlyMap<string, number>> {
  const settings = await getSiteSettings(db, site);
  if (settings.sources.sendDomainLimits !== 'desk') return fromEnvironment;
  return parseDomainLimits(settings.values.sendDomainLimits);
}
