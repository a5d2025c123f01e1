import type { Executor } from '../db/database.js';

// A counter bumped in the same transaction as any content change, so every process (the web
// server, the CLI, later workers) can tell that cached pages are stale.

const KEY = 'content_version';

/** Bumps the content version; call inside the transaction that changes content. */
export async function bumpContentVersion(db: Executor, now: string): Promise<void> {
  const value = `${now}/${Math.random().toString(36).slice(2, 10)}`;
  await db
    .insertInto('meta')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The current content version ('' before any content was written). */
export async function readContentVersion(db: Executor): Promise<string> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', KEY).executeTakeFirst();
  return row?.value ?? '';
}
