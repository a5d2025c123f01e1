import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEMO_DIR } from '../../src/content-folder/demo.js';
import { importContent } from '../../src/content-folder/import.service.js';
import type { Database } from '../../src/db/database.js';
import type { Clock } from '../../src/lib/clock.js';

// Content factories: small content folders imported with the product's own importer, for tests
// that need a few things to exist rather than the whole demo (importing the demo costs about
// 0.1 s per database on SQLite, 0.17 s on the test server and 0.3–0.8 s on PGlite; a folder of
// a few files costs 10–40 ms).

/** What goes into the folder besides the demo's topics and sectors. */
export interface ContentFiles {
  /** Files of the demo folder to copy as they are, by path (`stories/<slug>.md`). */
  readonly fromDemo?: readonly string[];
  /** Files written for the test, by path (`issues/2023-spring.md`) and text. */
  readonly files?: Readonly<Record<string, string>>;
}

/**
 * Imports the demo's topics and sectors (the vocabulary contacts, stories, events and program
 * answers refer to) and the given files, nothing else.
 */
export async function importContentFiles(db: Database, clock: Clock, content: ContentFiles = {}): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'insights-content-'));
  try {
    for (const path of ['topics', 'sectors', ...(content.fromDemo ?? [])]) await cp(join(DEMO_DIR, path), join(folder, path), { recursive: true });
    for (const [path, text] of Object.entries(content.files ?? {})) {
      await mkdir(dirname(join(folder, path)), { recursive: true });
      await writeFile(join(folder, path), text);
    }
    await importContent(db, folder, { clock });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The demo's topics and sectors only: no issues, stories, events, programs or people. */
export function importVocabulary(db: Database, clock: Clock): Promise<void> {
  return importContentFiles(db, clock);
}
