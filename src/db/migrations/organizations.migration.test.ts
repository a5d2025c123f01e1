import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { connectDatabase } from '../connect.js';
import type { Database } from '../database.js';
import { migrateToLatest, migrateUpTo } from '../migrate.js';

// Migration 2026-12-02T0100-organizations on a database that already has stories: every
// distinct mention becomes an organisation, names with one slug become one, named as first
// written (by name order), and each mention points at its organisation.

let dir: string | undefined;
let db: Database | undefined;
afterEach(async () => {
  await db?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('turns the stories’ organisation names into organisations', async () => {
  dir = mkdtempSync(join(tmpdir(), 'insights-migration-'));
  db = await connectDatabase({ kind: 'sqlite', file: join(dir, 'm.sqlite') });
  await migrateUpTo(db, '2026-12-02T0000-search');
  const at = '2026-01-01T00:00:00Z';
  const stories = await db.insertInto('stories').values(['one', 'two'].map((slug) => ({ slug, title: slug, kind: 'news' as const, body: 'x', created_at: at, updated_at: at }))).returning('id').execute();
  await (db as any).insertInto('story_organizations').values([
    { story_id: stories[0]!.id, position: 1, name: 'BYD' },
    { story_id: stories[0]!.id, position: 2, name: '华为' },
    { story_id: stories[1]!.id, position: 1, name: 'byd' },
    { story_id: stories[1]!.id, position: 2, name: 'Fraunhofer-Gesellschaft' },
  ]).execute();

  await migrateToLatest(db);

  const organizations = await db.selectFrom('organizations').select(['id', 'slug', 'name', 'name_key']).orderBy('slug').execute();
  expect(organizations.map(({ slug, name, name_key }) => ({ slug, name, name_key }))).toEqual([
    { slug: 'byd', name: 'BYD', name_key: 'byd' },
    { slug: 'fraunhofer-gesellschaft', name: 'Fraunhofer-Gesellschaft', name_key: 'fraunhofer-gesellschaft' },
    { slug: expect.stringMatching(/^org-[0-9a-f]{10}$/), name: '华为', name_key: '华为' },
  ]);
  const mentions = await db.selectFrom('story_organizations').innerJoin('organizations', 'organizations.id', 'story_organizations.organization_id')
    .select(['story_organizations.name', 'organizations.slug']).orderBy('story_organizations.story_id').orderBy('story_organizations.position').execute();
  expect(mentions.map((m) => [m.name, m.slug.startsWith('org-') ? 'org-…' : m.slug])).toEqual([['BYD', 'byd'], ['华为', 'org-…'], ['byd', 'byd'], ['Fraunhofer-Gesellschaft', 'fraunhofer-gesellschaft']]);
});
