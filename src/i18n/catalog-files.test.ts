import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CATALOG_DIR } from './catalog-checks.js';
import { exportCatalog, importCatalog } from './catalog-files.js';
import { CATALOGS } from './messages.js';

// The translators' exchange: export → edit → import changes exactly the edited lines, and an
// import that would break the catalog writes nothing and says why.

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));
function copy(): string {
  dir = mkdtempSync(join(tmpdir(), 'insights-catalogs-'));
  cpSync(CATALOG_DIR, dir, { recursive: true });
  return dir;
}

describe('catalog exchange', () => {
  it('exports every key with its English source and imports an edited text onto its own line only', () => {
    const exchange = exportCatalog('de');
    expect(Object.keys(exchange.messages)).toEqual(Object.keys(CATALOGS.en));
    expect(exchange.messages['site.skipLink']).toEqual({ source: 'Skip to content', text: 'Zum Inhalt springen' });
    const folder = copy();
    const unchanged = importCatalog(exchange, folder);
    expect(unchanged).toEqual({ files: new Map() });

    const edited = { ...exchange, messages: { ...exchange.messages, 'site.skipLink': { source: 'Skip to content', text: "Direkt zum Inhalt ('Sprung')" } } };
    const result = importCatalog(JSON.parse(JSON.stringify(edited)), folder);
    if (!('files' in result)) throw new Error(result.problems.join('\n'));
    expect([...result.files.keys()]).toEqual([join(folder, 'de', 'site.ts')]);
    const before = readFileSync(join(folder, 'de', 'site.ts'), 'utf8').split('\n');
    const after = result.files.get(join(folder, 'de', 'site.ts'))!.split('\n');
    const changed = after.filter((line, index) => line !== before[index]);
    expect(changed).toEqual(["  'site.skipLink': 'Direkt zum Inhalt (\\'Sprung\\')',"]);
  });

  it('refuses, writing nothing, an unknown key, an empty text, broken ICU syntax, other placeholders and a file of the wrong shape', () => {
    const exchange = exportCatalog('zh');
    const folder = copy();
    const result = importCatalog({
      ...exchange,
      messages: {
        ...exchange.messages,
        'site.noSuchKey': { source: '', text: 'x' },
        'site.skipLink': { source: 'Skip to content', text: ' ' },
        'site.notice.signedInAs': { source: '', text: '您已用 {email 登录。' },
        'site.feedTitle': { source: '', text: '{name}（Atom）' },
      },
    }, folder);
    expect('problems' in result && result.problems.length).toBe(4);
    expect('problems' in result && result.problems).toEqual(expect.arrayContaining([
      '"site.noSuchKey" is not a key of the English catalog',
      '"site.skipLink": the text must not be empty',
      expect.stringMatching(/^src\/i18n\/catalogs\/zh\/site\.ts:\d+: "site\.notice\.signedInAs" is not valid ICU MessageFormat/),
      expect.stringMatching(/^src\/i18n\/catalogs\/zh\/site\.ts:\d+: "site\.feedTitle" has other placeholders than in English: name:text, site:text$/),
    ]));
    expect(importCatalog({ language: 'en', messages: {} }, folder)).toEqual({ problems: [expect.stringContaining('"language": "de" or "zh"')] });
    expect(importCatalog([], folder)).toHaveProperty('problems');
  });
});
