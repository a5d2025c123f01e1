import { describe, expect, it } from 'vitest';
import { catalogProblems } from './catalog-checks.js';
import { LANGUAGES } from './languages.js';
import { CATALOGS, translator } from './messages.js';

// The catalogs agree (catalog-checks.ts), and a broken one is named at its file and line.

describe('message catalogs', () => {
  it('every language has every key, valid ICU syntax and the same placeholders as English', () => {
    expect(catalogProblems(CATALOGS)).toEqual([]);
  });

  it('names the file and line of a broken message, a missing key and a changed placeholder', () => {
    const broken = { ...CATALOGS.de, 'site.notice.signedInAs': 'Sie sind als {email angemeldet.' };
    const renamed = { ...CATALOGS.zh, 'site.notice.signedInAs': '您已用 {address} 登录。' };
    const { 'site.skipLink': _dropped, ...missing } = CATALOGS.de;
    const problems = catalogProblems({ en: CATALOGS.en, de: broken, zh: renamed, xx: missing });
    expect(problems).toContainEqual(expect.stringMatching(/^src\/i18n\/catalogs\/de\/site\.ts:\d+: "site\.notice\.signedInAs" is not valid ICU MessageFormat/));
    expect(problems).toContainEqual(expect.stringMatching(/^src\/i18n\/catalogs\/zh\/site\.ts:\d+: "site\.notice\.signedInAs" has other placeholders than in English: address:text, email:text$/));
    expect(problems).toContain('src/i18n/catalogs/xx/: "site.skipLink" is missing');
  });

  it('formats plurals and selects per language', () => {
    for (const language of LANGUAGES) {
      const text = translator(language)('site.notice.shortenedItem', { what: 'event' });
      expect(text).not.toContain('{');
    }
    expect(translator('de')('site.notice.shortenedItem', { what: 'story' })).toContain('den vollständigen Beitrag');
    expect(translator('en')('site.footer.tagline', { site: 'Insights' })).toMatch(/^Insights: /);
  });
});
