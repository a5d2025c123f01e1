import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { importContentFiles } from '../../test/support/content.js';
import { forEachDialect } from '../../test/support/databases.js';
import { SEARCH_FILES } from '../../test/support/search.js';
import { isPostgres } from '../db/dialect.js';
import { down, up } from '../db/migrations/2026-12-02T0700-search-innovators.js';
import { fixedClock } from '../lib/clock.js';
import { search } from './search.service.js';

// Migration 2026-12-02T0700-search-innovators lets search_documents hold kind 'innovator'. On
// SQLite the table is rebuilt (a CHECK cannot be altered): its rows, ids (the FTS5 rowids),
// unique constraint, covering index and id sequence must survive; PostgreSQL swaps the constraint.

const clock = fixedClock('2026-12-01T10:00:00Z');
const insertInnovator = (db: Parameters<typeof down>[0]) => sql`insert into search_documents (kind, item_id, language, slug, title, public_text, member_text, public_tokens, member_tokens, indexed_at)
  values ('innovator', 1, 'en', 'x', 'x', '', '', '', '', '2026-12-01T10:00:00Z')`.execute(db);

forEachDialect('search innovators migration', ({ db }) => {
  it('allows the innovator kind and keeps the index as it was', async () => {
    await importContentFiles(db(), clock, { files: SEARCH_FILES });
    const hits = async () => {
      const outcome = await search(db(), { q: 'tripled', audience: 'public', page: 1 }, clock.now());
      return outcome.status === 'results' ? outcome.hits.map((h) => h.slug) : [];
    };
    const rows = () => db().selectFrom('search_documents').select(['id', 'kind', 'item_id', 'language', 'public_tokens', 'public_from']).orderBy('id').execute();
    // In transactions: SQLite's driver prepares statements outside them on its reader connection, whose schema would be stale here.
    await db().transaction().execute((trx) => down(trx));
    await expect(db().transaction().execute((trx) => insertInnovator(trx))).rejects.toThrow();
    const before = await rows();
    expect(before.length).toBeGreaterThan(3);
    expect(await hits()).toEqual(['byd']);
    // A removed document's id is not handed out again after the rebuild.
    const last = before.at(-1)!;
    await db().deleteFrom('search_documents').where('id', '=', last.id).execute();

    await db().transaction().execute((trx) => up(trx));
    expect(await rows()).toEqual(before.slice(0, -1));
    expect(await hits()).toEqual(['byd']);
    await db().transaction().execute((trx) => insertInnovator(trx));
    const innovator = await db().selectFrom('search_documents').select('id').where('kind', '=', 'innovator').executeTakeFirstOrThrow();
    expect(Number(innovator.id)).toBeGreaterThan(Number(last.id));
    await expect(db().transaction().execute((trx) => sql`update search_documents set kind = 'person' where kind = 'innovator'`.execute(trx))).rejects.toThrow();
    await expect(db().transaction().execute((trx) => sql`insert into search_documents (kind, item_id, language, slug, title, public_text, member_text, public_tokens, member_tokens, indexed_at)
      select kind, item_id, language, slug, title, public_text, member_text, public_tokens, member_tokens, indexed_at from search_documents where kind = 'story' limit 1`.execute(trx))).rejects.toThrow();
    if (!isPostgres(db())) {
      const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'search_documents' order by name`.execute(db());
      expect(indexes.rows.map((r) => r.name)).toContain('search_documents_hits');
    }
  });
});
