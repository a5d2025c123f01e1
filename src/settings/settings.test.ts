import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase, ENGINES } from '../../test/support/databases.js';
import { loadConfig, type SettingsSeed } from '../config.js';
import type { Database } from '../db/database.js';
import { getContentVersion } from '../content/content-version.service.js';
import { fixedClock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { listActivity } from '../activity/activity.service.js';
import { DEFAULT_SETTINGS } from './settings.js';
import { getSiteSettings, parseSettings, saveSiteSettings } from './settings.service.js';

// The site settings: the environment seeds them, a value saved in the desk wins, a value saved
// equal to the environment's keeps following the environment; every save bumps the content
// version (so every process's cached settings and pages refresh); bad values name their field.

const clock = fixedClock('2026-12-01T10:00:00Z');

describe('the settings seed from the environment', () => {
  it('reads ORG_* variables, an address with literal \\n, switches and retention ages', () => {
    const config = loadConfig({ DATA_DIR: '/tmp', SECRET_KEY: 'x'.repeat(40), ORG_NAME: 'Kammer GmbH', ORG_ADDRESS: 'Street 1\\n10115 Berlin', ORG_PHONE: '+49 30 1', TRACKING: '1', RETAIN_CLICKS_DAYS: '30' });
    expect(config.settingsSeed).toEqual({ orgName: 'Kammer GmbH', orgAddress: 'Street 1\n10115 Berlin', orgPhone: '+49 30 1', tracking: true, retainClicksDays: 30 });
  });

  it('refuses a retention age that is not a whole number of days, naming the variable', () => {
    expect(() => loadConfig({ DATA_DIR: '/tmp', SECRET_KEY: 'x'.repeat(40), RETAIN_ERRORS_DAYS: 'forever' })).toThrow(Invalid);
    try {
      loadConfig({ DATA_DIR: '/tmp', SECRET_KEY: 'x'.repeat(40), RETAIN_ERRORS_DAYS: '0' });
    } catch (error) {
      expect((error as Invalid).problems.map((p) => p.where)).toEqual(['RETAIN_ERRORS_DAYS']);
    }
  });
});

describe('parseSettings', () => {
  it('names every bad field', () => {
    const input = { ...Object.fromEntries(Object.entries(DEFAULT_SETTINGS).map(([k, v]) => [k, String(v)])), orgEmail: 'not-an-address', retainClicksDays: '0', orgName: 'two\nlines' };
    try {
      parseSettings(input);
      expect.unreachable();
    } catch (error) {
      expect((error as Invalid).problems.map((p) => p.where).sort()).toEqual(['orgEmail', 'orgName', 'retainClicksDays']);
    }
  });
});

for (const engine of ENGINES) {
  describe(`site settings [${engine}]`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await createTestDatabase(engine);
    }, 60_000);
    afterAll(async () => {
      await destroyTestDatabase(db);
    });

    it('takes the environment seed, then the desk value wins, and equal-to-seed values follow the environment again', async () => {
      const seed: SettingsSeed = { orgName: 'Env Org', orgAddress: 'Env Street 1\n12345 Env City', retainErrorsDays: 45 };
      const source = { settingsSeed: seed, siteName: 'Insights' };
      const first = await getSiteSettings(db, source);
      expect(first.organisation).toEqual({ name: 'Env Org', addressLines: ['Env Street 1', '12345 Env City'], email: '', phone: '' });
      expect(first.retention.retainErrorsDays).toBe(45);
      expect(first.sources.orgName).toBe('environment');
      expect(first.sources.imprintEn).toBe('default');
      expect(first.tracking).toBe(false);
      expect(first.consentNetworkLog).toBe(false);

      const before = await getContentVersion(db);
      const form = { ...Object.fromEntries(Object.entries(first.values).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? '1' : '') : String(v)])), orgName: 'Desk Org', imprintEn: '# Imprint\n\nRun by **Desk Org**.', consentNetworkLog: '1' };
      const changed = await saveSiteSettings(db, clock, source, SYSTEM_ACTOR, form);
      expect(changed.sort()).toEqual(['consentNetworkLog', 'imprintEn', 'orgName']);
      expect(await getContentVersion(db)).not.toBe(before);
      const saved = await getSiteSettings(db, source);
      expect(saved.organisation.name).toBe('Desk Org');
      expect(saved.sources.orgName).toBe('desk');
      expect(saved.organisation.addressLines).toEqual(['Env Street 1', '12345 Env City']);
      expect(saved.sources.orgAddress).toBe('environment');
      expect(saved.consentNetworkLog).toBe(true);
      // Only the settings that differ from the environment are stored.
      expect((await db.selectFrom('site_settings').select('key').orderBy('key').execute()).map((r) => r.key)).toEqual(['consentNetworkLog', 'imprintEn', 'orgName']);
      // The English imprint stands in for German, marked as untranslated; the HTML is sanitised.
      expect(saved.imprint('de')).toMatchObject({ untranslated: true });
      expect(saved.imprint('de').html).toContain('<strong>Desk Org</strong>');
      expect(saved.imprint('en').untranslated).toBe(false);

      // Saving the environment's value again forgets the desk's: a later change of the environment shows.
      await saveSiteSettings(db, clock, source, SYSTEM_ACTOR, { ...form, orgName: 'Env Org' });
      expect((await getSiteSettings(db, source)).sources.orgName).toBe('environment');
      const entries = await listActivity(db, { subjectType: 'settings', limit: 10 });
      expect(entries.filter((e) => e.action === 'settings.update')).toHaveLength(2);
    });

    it('escapes script in the texts (the Markdown renderer sanitises)', async () => {
      const source = { settingsSeed: {}, siteName: 'Insights' };
      const now = await getSiteSettings(db, source);
      const form = { ...Object.fromEntries(Object.entries(now.values).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? '1' : '') : String(v)])), privacyDe: 'Hallo <script>alert(1)</script>' };
      await saveSiteSettings(db, clock, source, SYSTEM_ACTOR, form);
      const html = (await getSiteSettings(db, source)).privacy('de').html;
      expect(html).not.toContain('<script>');
    });
  });
}
