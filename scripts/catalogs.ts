// Translators' exchange of the message catalogs (docs/languages.md):
//   npm run catalogs -- export de > de.json     every key: the English source and the German text
//   npm run catalogs -- import de.json          checks the whole catalog, then writes the texts back
import { readFileSync, writeFileSync } from 'node:fs';
import { exportCatalog, importCatalog } from '../src/i18n/catalog-files.js';

const [command, argument] = process.argv.slice(2);
if (command === 'export' && (argument === 'de' || argument === 'zh')) {
  process.stdout.write(`${JSON.stringify(exportCatalog(argument), null, 2)}\n`);
} else if (command === 'import' && argument) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(argument, 'utf8'));
  } catch (error) {
    process.stderr.write(`${argument}: not readable JSON: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const result = importCatalog(parsed);
  if ('problems' in result) {
    for (const problem of result.problems) process.stderr.write(`${argument}: ${problem}\n`);
    process.stderr.write('nothing was written\n');
    process.exit(1);
  }
  for (const [path, text] of result.files) writeFileSync(path, text);
  process.stdout.write(`${result.files.size} catalog file(s) updated\n`);
} else {
  process.stderr.write('usage: npm run catalogs -- export de|zh > file.json   |   npm run catalogs -- import file.json\n');
  process.exit(2);
}
