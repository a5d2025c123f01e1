import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase, ENGINES } from '../../test/support/databases.js';
import type { Database } from '../db/database.js';
import { fixedClock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { DEMO_DIR } from './demo.js';
import { exportContent } from './export.service.js';
import { importContent } from './import.service.js';

// The site settings travel with the content folder as settings.md: the settings it names are
// stored (they win over the environment), the others stay; a bad value fails the whole import
// with file:line problems and changes nothing; export → import → export is byte-identical. The
// demo's settings come from the seed facts only, with the unknown address and texts marked as
// placeholders.

const clock = fixedClock('2026-12-01T09:00:00Z');

for (const engine of ENGINES) {
  describe(`settings.md in the content folder [${engine}]`, () => {
    let db: Database;
    let dir: string;
    beforeAll(async () => {
      db = await createTestDatabase(engine);
      dir = await mkdtemp(join(tmpdir(), 'insights-settings-'));
    }, 60_000);
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
      await destroyTestDatabase(db);
    });

    it("imports the demo's settings: the seed's organisation and contact, placeholders for the rest", async () => {
      const summary = await importContent(db, DEMO_DIR, { clock });
      expect(summary.settings).toBe(9);
      const settings = await getSiteSettings(db, { settingsSeed: { orgName: 'Env wins not', orgPhone: '+49 1' } });
      expect(settings.organisation.name).toBe('AHK Greater China (German Chamber of Commerce in China)');
      expect(settings.organisation.email).toBe('hering.christoph@china.ahk.de');
      expect(settings.organisation.phone).toBe('+49 1');
      expect(settings.organisation.addressLines.every((line) => line.startsWith('[') && /placeholder|Settings/.test(line))).toBe(true);
      for (const language of ['en', 'de', 'zh'] as const) {
        expect(settings.imprint(language).untranslated).toBe(false);
        expect(settings.imprint(language).markdown).toMatch(/Demo placeholder|Platzhalter der Demo|演示占位文本/);
        expect(settings.privacy(language).markdown).toMatch(/Demo placeholder|Platzhalter der Demo|演示占位文本/);
      }
    });

    it('exports the saved settings and reads them back byte for byte', async () => {
      const first = join(dir, 'first');
      const second = join(dir, 'second');
      await exportContent(db, first);
      const text = await readFile(join(first, 'settings.md'), 'utf8');
      expect(text).toContain('email: hering.christoph@china.ahk.de');
      expect(text).toContain('imprint:');
      await importContent(db, first, { clock });
      await exportContent(db, second);
      expect(await readFile(join(second, 'settings.md'), 'utf8')).toBe(text);
    });

    it('refuses a bad settings.md with file:line problems and changes nothing', async () => {
      const bad = join(dir, 'bad');
      await exportContent(db, bad);
      const before = await db.selectFrom('site_settings').selectAll().orderBy('key').execute();
      await writeFile(join(bad, 'settings.md'), '---\norganisation:\n  name: Changed\n  email: not-an-address\ntracking: maybe\nretention_days:\n  clicks: 0\n  forever: 1\n---\n');
      const failure = await importContent(db, bad, { clock }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Invalid);
      const problems = (failure as Invalid).problems.filter((p) => p.where === 'settings.md').map((p) => `${p.line}: ${p.message}`);
      expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^5: tracking:/), expect.stringMatching(/^8: retention_days\.forever: unknown key/)]));
      await writeFile(join(bad, 'settings.md'), '---\norganisation:\n  name: Changed\n  email: not-an-address\nretention_days:\n  clicks: 0\n---\n');
      const second = (await importContent(db, bad, { clock }).catch((error: unknown) => error)) as Invalid;
      expect(second.problems.filter((p) => p.where === 'settings.md').map((p) => `${p.line}: ${p.message}`)).toEqual([
        '4: organisation.email: enter an email address, like office@example.org',
        `6: retention_days.clicks: enter a whole number of days between 1 and 3650`,
      ]);
      expect(await db.selectFrom('site_settings').selectAll().orderBy('key').execute()).toEqual(before);
    });
  });
}
