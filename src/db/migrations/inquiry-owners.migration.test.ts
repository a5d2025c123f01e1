import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { connectDatabase } from '../connect.js';
import type { Database } from '../database.js';
import { migrateToLatest, migrateUpTo } from '../migrate.js';

// Migration 2026-12-02T0300-inquiry-owners on a database that already has inquiries: they stay
// as they were, assigned to nobody, and a topic's owner must be a staff account.

let dir: string | undefined;
let db: Database | undefined;
afterEach(async () => {
  await db?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('keeps the inquiries there were, unassigned, and owns topics by staff account only', async () => {
  dir = mkdtempSync(join(tmpdir(), 'insights-migration-'));
  db = await connectDatabase({ kind: 'sqlite', file: join(dir, 'm.sqlite') });
  await migrateUpTo(db, '2026-12-02T0100-organizations');
  const at = '2026-01-01T00:00:00Z';
  await (db as any).insertInto('inquiries').values({ name: 'Ana', email: 'ana@example.com', company: null, topic: 'events', message: 'Hello', status: 'new', created_at: at, updated_at: at }).execute();

  await migrateToLatest(db);

  expect(await db.selectFrom('inquiries').select(['name', 'topic', 'status', 'assigned_staff_id']).execute()).toEqual([{ name: 'Ana', topic: 'events', status: 'new', assigned_staff_id: null }]);
  expect(await db.selectFrom('inquiry_topic_owners').selectAll().execute()).toEqual([]);
  await expect(db.insertInto('inquiry_topic_owners').values({ topic: 'events', staff_id: 4242, updated_at: at }).execute()).rejects.toThrow(/FOREIGN KEY/i);
});
