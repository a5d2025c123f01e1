import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { down, up } from '../db/migrations/2026-12-02T0400-search-visibility.js';
import { ALWAYS_PUBLIC } from '../db/tables/search.js';

// Migration 2026-12-02T0400-search-visibility fills `public_from` for an index built before
// it, by the rule the index's writes follow (docs/search.md, "Performance").

forEachDialect('search visibility migration', ({ db }) => {
  it('fills public_from of existing documents from the issues listing them', async () => {
    // In transactions: SQLite's driver prepares statements outside them on its reader connection, whose schema would be stale here.
    await db().transaction().execute((trx) => down(trx));
    const at = '2026-12-01T10:00:00.000Z';
    const issue = async (slug: string, status: string, publishedAt: string | null) =>
      (await db().insertInto('issues').values({ slug, title: slug, season: slug.slice(5) as 'fall', year: Number(slug.slice(0, 4)), intro: '', status: status as 'draft', published_at: publishedAt, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    const published = await issue('2026-fall', 'published', '2026-10-01T08:00:00.000Z');
    const scheduled = await issue('2026-winter', 'scheduled', '2026-12-24T08:00:00.000Z');
    const draft = await issue('2027-spring', 'draft', null);
    const stories: Record<string, number> = {};
    let position = 0;
    for (const [slug, issues] of Object.entries({ both: [published, scheduled], later: [scheduled], unlisted: [draft] })) {
      stories[slug] = (await db().insertInto('stories').values({ slug, title: slug, kind: 'news', body: '', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
      for (const issueId of issues) {
        const section = await db().insertInto('sections').values({ issue_id: issueId, position: ++position, kind: 'landscape', heading: 'L' }).returning('id').executeTakeFirstOrThrow();
        await db().insertInto('section_items').values({ section_id: section.id, position: 0, label: null, story_id: stories[slug]!, event_id: null, program_id: null, report_id: null }).execute();
      }
    }
    const docs: [string, number][] = [['story', stories.both!], ['story', stories.later!], ['story', stories.unlisted!], ['issue', published], ['issue', scheduled], ['issue', draft], ['event', 99]];
    for (const [kind, itemId] of docs) {
      await sql`insert into search_documents (kind, item_id, language, slug, title, public_text, member_text, public_tokens, member_tokens, indexed_at)
        values (${kind}, ${itemId}, 'en', ${`${kind}-${itemId}`}, 't', '', '', '', '', ${at})`.execute(db());
    }
    await db().transaction().execute((trx) => up(trx));
    const rows = await db().selectFrom('search_documents').select(['kind', 'item_id', 'public_from']).execute();
    const fromOf = (kind: string, itemId: number) => rows.find((r) => r.kind === kind && Number(r.item_id) === itemId)?.public_from;
    expect(fromOf('story', stories.both!)).toBe(ALWAYS_PUBLIC);
    expect(fromOf('story', stories.later!)).toBe('2026-12-24T08:00:00.000Z');
    expect(fromOf('story', stories.unlisted!)).toBeNull();
    expect(fromOf('issue', published)).toBe(ALWAYS_PUBLIC);
    expect(fromOf('issue', scheduled)).toBe('2026-12-24T08:00:00.000Z');
    expect(fromOf('issue', draft)).toBeNull();
    expect(fromOf('event', 99)).toBe(ALWAYS_PUBLIC);
  });
});
