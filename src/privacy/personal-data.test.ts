import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDatabase, destroyTestDatabase } from '../../test/support/databases.js';
import { NOT_PERSONAL, PERSONAL_DATA, PERSONAL_LOOKING, PERSONAL_TABLES, STAFF_DATA } from './personal-data.js';
import type { Locator, TableEntry } from './privacy.js';

// The registry against the schema every migration builds: a column that looks personal and is
// not named fails, so a later table cannot be forgotten by export and erasure; a named column
// that does not exist fails too, so the registry cannot drift from the schema.

let db: Database;
let schema: Map<string, Set<string>>;

beforeAll(async () => {
  db = await createTestDatabase('sqlite');
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db);
  schema = new Map();
  for (const { name } of tables.rows) {
    const columns = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db);
    schema.set(name, new Set(columns.rows.map((column) => column.name)));
  }
});
afterAll(async () => {
  await destroyTestDatabase(db);
});

/** Every column a registry entry names (personal, located by, anonymised, left out of exports). */
function namedColumns(entry: TableEntry): string[] {
  const byLocator = (locator: Locator): string[] => ('column' in locator ? [locator.column] : ['actor_type', 'actor_id', 'subject_type', 'subject_id']);
  const set = entry.erasure.action === 'anonymise' ? Object.keys(entry.erasure.set) : [];
  return [...entry.personal, ...entry.locate.flatMap(byLocator), ...set, ...(entry.exportOmits ?? [])];
}

describe('the personal-data registry', () => {
  it('names every email-, contact-, name-, phone-, address-, IP- and user-agent-like column of the migrated schema', () => {
    const named = new Set<string>([
      ...PERSONAL_TABLES.flatMap((entry) => entry.personal.map((column) => `${entry.table}.${column}`)),
      ...Object.entries(STAFF_DATA).flatMap(([table, columns]) => columns.map((column) => `${table}.${column}`)),
      ...Object.keys(NOT_PERSONAL),
    ]);
    const unnamed = [...schema].flatMap(([table, columns]) => [...columns].filter((column) => PERSONAL_LOOKING.test(column)).map((column) => `${table}.${column}`)).filter((name) => !named.has(name));
    expect(unnamed, 'add these columns to src/privacy/personal-data.ts (PERSONAL_DATA, STAFF_DATA or NOT_PERSONAL)').toEqual([]);
  });

  it('names only tables and columns that exist', () => {
    const missing: string[] = [];
    for (const entry of PERSONAL_TABLES) {
      const columns = schema.get(entry.table);
      if (!columns) {
        missing.push(entry.table);
        continue;
      }
      for (const column of namedColumns(entry)) if (!columns.has(column)) missing.push(`${entry.table}.${column}`);
      for (const locator of entry.locate) {
        if (locator.by !== 'in') continue;
        for (const column of [locator.select, locator.where.column]) if (!schema.get(locator.table)?.has(column)) missing.push(`${locator.table}.${column}`);
      }
    }
    for (const [table, columns] of Object.entries(STAFF_DATA)) for (const column of columns) if (!schema.get(table)?.has(column)) missing.push(`${table}.${column}`);
    for (const name of Object.keys(NOT_PERSONAL)) {
      const [table, column] = name.split('.') as [string, string];
      if (!schema.get(table)?.has(column)) missing.push(name);
    }
    expect(missing).toEqual([]);
  });

  it('anonymises with "erased" only tables that have an id, and erases contacts after every table that references them', () => {
    for (const entry of PERSONAL_TABLES) {
      if (entry.erasure.action !== 'anonymise') continue;
      if (Object.values(entry.erasure.set).includes('erased')) expect(schema.get(entry.table)?.has('id'), entry.table).toBe(true);
    }
    const order = PERSONAL_TABLES.map((entry) => entry.table);
    const referencing = PERSONAL_TABLES.filter((entry) => entry.locate.some((locator) => locator.by === 'contact' && locator.column === 'contact_id')).map((entry) => entry.table);
    for (const table of referencing) expect(order.indexOf(table), table).toBeLessThan(order.indexOf('contacts'));
  });

  it('is described in docs/privacy.md, every entry by name', () => {
    const doc = readFileSync(new URL('../../docs/privacy.md', import.meta.url), 'utf8');
    const names = PERSONAL_DATA.map((entry) => (entry.kind === 'table' ? entry.table : entry.name));
    expect(names.filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });
});
