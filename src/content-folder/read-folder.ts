import type { Dirent } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { FIELD_LIMITS, tooLong } from '../content/fields.js';
import { compareText } from '../lib/compare.js';
import type { Problem } from '../lib/errors.js';
import { FOLDERS, TRANSLATED_FOLDERS, type ContentBundle, type Folder, type ReadResult, type Reference } from './content-bundle.js';
import type { Context } from './file-context.js';
import { parseFrontMatter } from './front-matter.js';
import { LINK_MESSAGE, readContentFile } from './read-file.js';
import { readers } from './readers.js';
import { translationReader } from './translation-readers.js';
import { readSettingsFile, SETTINGS_FILE } from './settings-file.js';
import { TRANSLATION_LANGUAGES, type TranslationLanguage } from '../translations/translations.js';
import { SLUG } from '../lib/slug.js';
import { parseResponsesCsv } from '../reports/responses-csv.js';
import { MEDIA_FOLDER, readMediaFolder } from './media-folder.js';

export { MEDIA_FOLDER } from './media-folder.js';
export { FOLDERS, type ContentBundle, type Folder, type ReadResult, type Reference, type TranslationEntry } from './content-bundle.js';

/**
 * Reads and validates every file of a content folder; never stops at the first problem. Nothing
 * is read through a symbolic link (each is a problem naming its path) or from outside `dir`.
 */
export async function readContentFolder(dir: string, onFile?: (done: number, total: number) => void): Promise<ReadResult> {
  const problems: Problem[] = [];
  const references: Reference[] = [];
  const bundle: ContentBundle = { topics: [], sectors: [], innovators: [], stories: [], events: [], eventSettings: [], programs: [], reports: [], responses: [], issues: [], translations: [] };

  // The folder named on the command line may itself be reached through a link; everything
  // inside it is checked against its real path.
  let root: string;
  let entries: Dirent[];
  try {
    root = await realpath(dir);
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return { bundle, references, problems: [{ where: dir, message: 'is not a readable folder' }], fileCount: 0, originalFiles: new Set() };
  }
  const files: { folder: Folder; name: string }[] = [];
  const responseFiles: string[] = [];
  let settingsFile = false;
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isSymbolicLink()) {
      problems.push({ where: entry.name, message: LINK_MESSAGE });
      continue;
    }
    if (entry.name === SETTINGS_FILE) {
      if (entry.isFile()) settingsFile = true;
      else problems.push({ where: SETTINGS_FILE, message: 'is not a regular file; the site settings are one Markdown file' });
      continue;
    }
    if (!entry.isDirectory()) continue;
    if (entry.name === MEDIA_FOLDER) {
      bundle.media = await readMediaFolder(root, problems);
      continue;
    }
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
      else if (folder === 'reports' && file.name.endsWith(RESPONSES_SUFFIX)) responseFiles.push(file.name);
      else if (!file.name.endsWith('.md')) problems.push({ where, message: 'is not a .md file' });
      else files.push({ folder, name: file.name });
    }
  }
  files.sort((a, b) => FOLDERS.indexOf(a.folder) - FOLDERS.indexOf(b.folder) || compareText(a.name, b.name));
  const originalFiles = new Set(files.filter((file) => nameParts(file.name).suffix === undefined).map((file) => `${file.folder}/${nameParts(file.name).slug}`));

  for (const [index, { folder, name }] of files.entries()) {
    const where = `${folder}/${name}`;
    const { slug, suffix } = nameParts(name);
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
    if (suffix === undefined) {
      readers[folder](context, slug, bundle);
      continue;
    }
    const language = translationLanguage(folder, slug, suffix);
    if (typeof language === 'string') translationReader(TRANSLATED_FOLDERS[folder as keyof typeof TRANSLATED_FOLDERS], context, slug, language, bundle);
    else problems.push({ where, line: 1, message: language.problem });
  }
  for (const name of responseFiles) await readResponsesFile(root, name, bundle, problems);
  if (settingsFile) {
    const file = await readContentFile(root, SETTINGS_FILE);
    if ('problem' in file) problems.push({ where: SETTINGS_FILE, ...file.problem });
    else {
      const parsed = parseFrontMatter(file.text);
      if ('problems' in parsed) problems.push(...parsed.problems.map((p) => ({ where: SETTINGS_FILE, line: p.line, message: p.message })));
      else bundle.settings = readSettingsFile({ where: SETTINGS_FILE, file: parsed, problems, references });
    }
  }
  return { bundle, references, problems, fileCount: files.length + (settingsFile ? 1 : 0), originalFiles };
}

/** `byd.de.md` → slug `byd`, suffix `de`; `byd.md` → slug `byd`, no suffix. */
function nameParts(name: string): { slug: string; suffix: string | undefined } {
  const stem = name.slice(0, -'.md'.length);
  const dot = stem.lastIndexOf('.');
  return dot === -1 ? { slug: stem, suffix: undefined } : { slug: stem.slice(0, dot), suffix: stem.slice(dot + 1) };
}

/** The language of a translation file's name, or why the name is not one. */
function translationLanguage(folder: Folder, slug: string, suffix: string): TranslationLanguage | { problem: string } {
  const choices = `${slug}.de.md (German) or ${slug}.zh.md (Chinese)`;
  if (!Object.hasOwn(TRANSLATED_FOLDERS, folder)) return { problem: `${folder} have no translations; only stories, events, programs, reports and issues do` };
  if (suffix === 'en') return { problem: `English is the original's language: write it in ${slug}.md; a translation is ${choices}` };
  if (!(TRANSLATION_LANGUAGES as readonly string[]).includes(suffix)) return { problem: `unknown language "${suffix}" in the file name; a translation is ${choices}` };
  return suffix as TranslationLanguage;
}

/** A report's response file sits beside it: `reports/<slug>.responses.csv` (docs/reports.md). */
const RESPONSES_SUFFIX = '.responses.csv';

/** Reads one response file against its report's survey, adding its rows to the bundle or its problems by line. */
async function readResponsesFile(root: string, name: string, bundle: ContentBundle, problems: Problem[]): Promise<void> {
  const where = `reports/${name}`;
  const slug = name.slice(0, -RESPONSES_SUFFIX.length);
  const report = bundle.reports.find((candidate) => candidate.slug === slug);
  if (!report) {
    problems.push({ where, message: `has no report reports/${slug}.md beside it (or that file has problems)` });
    return;
  }
  if (!report.survey) {
    problems.push({ where, message: `reports/${slug}.md has no segment_columns and questions, so it takes no responses` });
    return;
  }
  const file = await readContentFile(root, join('reports', name));
  if ('problem' in file) {
    problems.push({ where, ...file.problem });
    return;
  }
  const parsed = parseResponsesCsv(file.text, report.survey);
  if (parsed.problems.length > 0) problems.push(...parsed.problems.map((problem) => ({ ...problem, where })));
  else bundle.responses.push({ slug, rows: parsed.rows });
}
