import { fileURLToPath } from 'node:url';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { getContentVersion } from './content-version.service.js';
import type { ImportSummary } from './folder/import.service.js';

/** The demo content folder shipped with the product (works from `src/` and from `dist/`). */
export const DEMO_DIR = fileURLToPath(new URL('../../demo/', import.meta.url));

/** Loads `demo/` when the database holds no content at all; returns what it loaded, if anything. */
export async function loadDemoIfEmpty(db: Database, clock: Clock): Promise<ImportSummary | undefined> {
  // Every content change bumps the content version, so an empty version means no content ever.
  if ((await getContentVersion(db)) !== '') return undefined;
  // Loaded only when needed: the folder reader (YAML and all) stays out of a normal start.
  const { importContent } = await import('./folder/import.service.js');
  return importContent(db, DEMO_DIR, { clock });
}
