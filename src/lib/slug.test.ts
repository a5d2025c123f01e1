import { describe, expect, it } from 'vitest';
import { nameKey, SLUG, slugFromName, slugFromTitle, uniqueSlug } from './slug.js';

describe('slugFromName', () => {
  it('keeps Latin letters and digits, drops diacritics and joins the rest with single hyphens', () => {
    expect(slugFromName('Fraunhofer-Gesellschaft', 'org')).toBe('fraunhofer-gesellschaft');
    expect(slugFromName('Volkswagen 100%TechCo', 'org')).toBe('volkswagen-100-techco');
    expect(slugFromName('  Interstellar Glory (iSpace) ', 'org')).toBe('interstellar-glory-ispace');
    expect(slugFromName('Müller & Söhne Straße', 'org')).toBe('muller-sohne-strasse');
  });

  it('gives a name without Latin letters a stable slug of its own', () => {
    const huawei = slugFromName('华为', 'org');
    expect(huawei).toMatch(/^org-[0-9a-f]{10}$/);
    expect(slugFromName('华为', 'org')).toBe(huawei);
    expect(slugFromName('比亚迪', 'org')).not.toBe(huawei);
  });

  it('always makes a valid slug of at most 80 characters', () => {
    for (const name of ['-x-', 'a'.repeat(79) + ' b', '!!!', 'Ünïcödé—Dash', 'x'.repeat(200)]) {
      const slug = slugFromName(name, 'org');
      expect(slug, name).toMatch(SLUG);
      expect(slug.length, name).toBeLessThanOrEqual(80);
    }
  });
});

describe('nameKey', () => {
  it('ignores case, width and spacing', () => {
    expect(nameKey(' BYD  Auto ')).toBe(nameKey('byd auto'));
    expect(nameKey('ＢＹＤ')).toBe('byd');
  });
});

describe('slugFromTitle', () => {
  it('writes German umlauts out and drops other diacritics', () => {
    expect(slugFromTitle('Größere Märkte für Übersee')).toBe('groessere-maerkte-fuer-uebersee');
    expect(slugFromTitle('ÄÖÜ: Straße in Île-de-France')).toBe('aeoeue-strasse-in-ile-de-france');
    expect(slugFromTitle('China adds 56 new unicorns (2023)')).toBe('china-adds-56-new-unicorns-2023');
  });

  it('gives a Chinese title a short stable slug, different per title', () => {
    const one = slugFromTitle('中国新增56家独角兽');
    expect(one).toMatch(/^story-[0-9a-f]{10}$/);
    expect(slugFromTitle('中国新增56家独角兽')).toBe(one);
    expect(slugFromTitle('华为发布新芯片')).not.toBe(one);
    // Mostly Latin with a Chinese name: the Latin words make the slug.
    expect(slugFromTitle('Huawei 华为 launches Mate 60')).toBe('huawei-launches-mate-60');
  });

  it('stays a slug of at most 80 characters, cut at a word where it can', () => {
    const long = slugFromTitle('Innovation '.repeat(20));
    expect(long).toMatch(SLUG);
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('innovation')).toBe(true);
  });
});

describe('uniqueSlug', () => {
  it('adds -2, -3, … until the slug is free, within the length', async () => {
    const taken = new Set(['unicorns', 'unicorns-2']);
    expect(await uniqueSlug('unicorns', async (slug) => taken.has(slug))).toBe('unicorns-3');
    expect(await uniqueSlug('free', async (slug) => taken.has(slug))).toBe('free');
    const base = 'a'.repeat(80);
    const next = await uniqueSlug(base, async (slug) => slug === base);
    expect(next).toBe(`${'a'.repeat(78)}-2`);
  });
});
