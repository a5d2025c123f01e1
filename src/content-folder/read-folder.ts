import type { Dirent } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { FIELD_LIMITS, tooLong } from '../content/fields.js';
import { compareText } from '../lib/compare.js';
import type { Problem } from '../lib/errors.js';
import { FOLDERS, type ContentBundle, type Folder, type ReadResult, type Reference } from './content-bundle.js';
import type { Context } from './file-context.js';
import { parseFrontMatter } from './front-matter.js';
import { LINK_MESSAGE, readContentFile } from './read-file.js';
import { readers } from './readers.js';
import { SLUG } from '../lib/slug.js';

export { FOLDERS, type ContentBundle, type Folder, type ReadResult, type Reference } from './content-bundle.js';

/**
 * Reads and validates every file of a content folder; never stops at the first problem. Nothing
 * is read through a symbolic link (each is a problem naming its path) or from outside `dir`.
 */
export async function readContentFolder(dir: string, onFile?: (done: number, total: number) => void): Promise<ReadResult> {
  const problems: Problem[] = [];
  const references: Reference[] = [];
  const bundle: ContentBundle = { topics: [], sectors: [], stories: [], events: [], eventSettings: [], programs: [], reports: [], issues: [] };

  // The folder named on the command line may itself be reached through a link; everything
  // inside it is checked against its real path.
  let root: string;
  let entries: Dirent[];
  try {
    root = await realpath(dir);
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return { bundle, references, problems: [{ where: dir, message: 'is not a readable folder' }], fileCount: 0 };
  }
  const files: { folder: Folder; name: string }[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isSymbolicLink()) {
      problems.push({ where: entry.name, message: LINK_MESSAGE });
      continue;
    }
    if (!entry.isDirectory()) continue;
    if (!(FOLDERS as readonly string[]).includes(entry.name)) {
      problems.push({ where: `${entry.name}/`, message: `unknown folder; expected one of ${FOLDERS.join(', ')}` });
      continue;
    }
    const folder = entry.name as Folder;
    let names: Dirent[];
    try {
      names = await readdir(join(root, folder), { withFileTypes: true });
    } catch {
      problems.push({ where: `${folder}/`, message: 'cannot be read; check the folder’s permissions' });
      continue;
    }
    for (const file of names.sort((a, b) => compareText(a.name, b.name))) {
      const where = `${folder}/${file.name}`;
      if (file.name.startsWith('.')) continue;
      if (file.isSymbolicLink()) problems.push({ where, message: LINK_MESSAGE });
      else if (file.isDirectory()) problems.push({ where: `${where}/`, message: `is a folder; content files sit directly in ${folder}/` });
      else if (!file.isFile()) problems.push({ where, message: 'is not a regular file; a content file is a Markdown file' });
      else if (!file.name.endsWith('.md')) problems.push({ where, message: 'is not a .md file' });
      else files.push({ folder, name: file.name });
    }
  }
  files.sort((a, b) => FOLDERS.indexOf(a.folder) - FOLDERS.indexOf(b.folder) || compareText(a.name, b.name));

  for (const [index, { folder, name }] of files.entries()) {
    const where = `${folder}/${name}`;
    const slug = name.slice(0, -'.md'.length);
    const file = await readContentFile(root, join(folder, name));
    onFile?.(index + 1, files.length);
    if ('problem' in file) {
      problems.push({ where, ...file.problem });
      continue;
    }
    const parsed = parseFrontMatter(file.text);
    if ('problems' in parsed) {
      problems.push(...parsed.problems.map((p) => ({ where, line: p.line, message: p.message })));
      continue;
    }
    if (!SLUG.test(slug)) {
      problems.push({ where, line: 1, message: `file name "${slug}" must be a slug: lowercase letters, digits and single hyphens` });
      continue;
    }
    if (slug.length > FIELD_LIMITS.slug) {
      problems.push({ where, line: 1, message: `file name: the slug ${tooLong(FIELD_LIMITS.slug)} (it has ${slug.length}); choose a shorter file name` });
      continue;
    }
    const context: Context = { where, file: parsed, problems, references };
    const read = readers[folder];
    read(context, slug, bundle);
  }
  return { bundle, references, problems, fileCount: files.length };
}

