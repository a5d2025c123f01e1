import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compareText } from '../lib/compare.js';
import type { Problem } from '../lib/errors.js';
import { FOLDERS, type ContentBundle, type Folder, type ReadResult, type Reference } from './content-bundle.js';
import type { Context } from './file-context.js';
import { parseFrontMatter } from './front-matter.js';
import { readers } from './readers.js';
import { SLUG } from '../lib/slug.js';

export { FOLDERS, type ContentBundle, type Folder, type ReadResult, type Reference } from './content-bundle.js';

/** Reads and validates every file of a content folder; never stops at the first problem. */
export async function readContentFolder(dir: string, onFile?: (done: number, total: number) => void): Promise<ReadResult> {
  const problems: Problem[] = [];
  const references: Reference[] = [];
  const bundle: ContentBundle = { topics: [], sectors: [], stories: [], events: [], eventSettings: [], programs: [], reports: [], issues: [] };

  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return { bundle, references, problems: [{ where: dir, message: 'is not a readable folder' }], fileCount: 0 };
  }
  const files: { folder: Folder; name: string }[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || !entry.isDirectory()) continue;
    if (!(FOLDERS as readonly string[]).includes(entry.name)) {
      problems.push({ where: `${entry.name}/`, message: `unknown folder; expected one of ${FOLDERS.join(', ')}` });
      continue;
    }
    for (const name of (await readdir(join(dir, entry.name))).sort()) {
      if (name.startsWith('.')) continue;
      if (!name.endsWith('.md')) {
        problems.push({ where: `${entry.name}/${name}`, message: 'is not a .md file' });
        continue;
      }
      files.push({ folder: entry.name as Folder, name });
    }
  }
  files.sort((a, b) => FOLDERS.indexOf(a.folder) - FOLDERS.indexOf(b.folder) || compareText(a.name, b.name));

  for (const [index, { folder, name }] of files.entries()) {
    const where = `${folder}/${name}`;
    const slug = name.slice(0, -'.md'.length);
    const parsed = parseFrontMatter(await readFile(join(dir, folder, name), 'utf8'));
    onFile?.(index + 1, files.length);
    if ('problems' in parsed) {
      problems.push(...parsed.problems.map((p) => ({ where, line: p.line, message: p.message })));
      continue;
    }
    if (!SLUG.test(slug)) {
      problems.push({ where, line: 1, message: `file name "${slug}" must be a slug: lowercase letters, digits and single hyphens` });
      continue;
    }
    const context: Context = { where, file: parsed, problems, references };
    const read = readers[folder];
    read(context, slug, bundle);
  }
  return { bundle, references, problems, fileCount: files.length };
}

