import type { Executor } from '../db/database.js';

// The SQL of site settings: one row per saved setting, its value as text.

/** Every saved setting, key → text. */
export async function readSavedSettings(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('site_settings').select(['key', 'value']).execute();
  return new Map(rows.map((row) => [row.key, row.value]));
}

/** Saves (or replaces) the given settings. */
export async function writeSettings(db: Executor, values: ReadonlyMap<string, string>, now: string): Promise<void> {
  for (const [key, value] of values) {
    await db
      .insertInto('site_settings')
      .values({ key, value, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
      .execute();
  }
}

/** Forgets saved settings, so they fall back to the environment again. */
export async function deleteSettings(db: Executor, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom('site_settings').where('key', 'in', [...keys]).execute();
}
