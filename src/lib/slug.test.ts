import { describe, expect, it } from 'vitest';
import { nameKey, SLUG, slugFromName } from './slug.js';

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
