import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './requirements.js';

/** Where screenshots, saved pages and reports go (git-ignored); `TEST_ARTIFACTS_DIR` moves it. */
export const ARTIFACTS_DIR = process.env.TEST_ARTIFACTS_DIR ?? join(ROOT, 'test-artifacts');

/** Saves text (a page's HTML, a report) as test-artifacts/<folder>/<name>; returns the file's path. */
export function saveArtifact(folder: string, name: string, text: string | Buffer): string {
  const dir = join(ARTIFACTS_DIR, folder);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
