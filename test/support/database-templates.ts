import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { connectDatabase } from '../../src/db/connect.js';
import type { DB } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { PGliteDialect } from './pglite-dialect.js';

// Migrated template databases: the migrations run once per engine per run, and every test
// database is a clone: SQLite a copy of the file, PGlite a new instance loading the dumped data
// dir, a PostgreSQL server's a CREATE DATABASE … TEMPLATE. A clone costs 10 ms (SQLite), 0.5 s
// (PGlite, instead of 1.5–2.5 s for initdb and migrations) and 20–40 ms (the test server,
// instead of 120 ms). vitest's globalSetup (test/support/global-setup.ts) makes the SQLite and
// server templates before any file starts; the PGlite one is made by the first test file that
// asks for it (a run without cross-engine tests and without a server may never need it).

/** Where the templates are; handed to the test files by vitest's `provide`/`inject`. */
export interface DatabaseTemplates {
  /** The folder holding the SQLite file and the PGlite dump. */
  readonly dir: string;
  readonly sqliteFile: string;
  /** The migrated template database on the TEST_DATABASE_URL server, when there is one. */
  readonly serverTemplate: string | undefined;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by test/support/global-setup.ts. */
    databaseTemplates: DatabaseTemplates;
  }
}

/** Makes the SQLite template and, when `serverUrl` names a server, the server's. */
export async function createDatabaseTemplates(serverUrl: string | undefined): Promise<DatabaseTemplates> {
  const dir = mkdtempSync(join(tmpdir(), 'insights-templates-'));
  const templates: DatabaseTemplates = {
    dir,
    sqliteFile: join(dir, 'template.sqlite'),
    serverTemplate: serverUrl ? `insights_template_${process.pid}_${randomBytes(4).toString('hex')}` : undefined,
  };
  try {
    await Promise.all([
      createSqliteTemplate(templates.sqliteFile),
      serverUrl && templates.serverTemplate ? createServerTemplate(serverUrl, templates.serverTemplate) : undefined,
    ]);
  } catch (error) {
    await removeDatabaseTemplates(templates, serverUrl);
    throw error;
  }
  return templates;
}

/** Removes the template files and drops the server's template database. */
export async function removeDatabaseTemplates(templates: DatabaseTemplates, serverUrl: string | undefined): Promise<void> {
  rmSync(templates.dir, { recursive: true, force: true });
  if (serverUrl && templates.serverTemplate) await onServer(serverUrl, (client) => client.query(`drop database if exists ${templates.serverTemplate}`));
}

async function createSqliteTemplate(file: string): Promise<void> {
  const db = await connectDatabase({ kind: 'sqlite', file });
  try {
    await migrateToLatest(db);
  } finally {
    // Closing the last connection checkpoints the WAL into the file, so a copy of the file alone is complete.
    await db.destroy();
  }
}

/**
 * PGlite's template, its data dir as an uncompressed tarball (`dumpDataDir('none')`): made once
 * by the first process to ask (a directory made with mkdir is the lock between test files);
 * the others wait for the file.
 */
export async function pgliteTemplate(templates: DatabaseTemplates): Promise<string> {
  const file = join(templates.dir, 'pglite.tar');
  const failed = join(templates.dir, 'pglite.failed');
  if (existsSync(file)) return file;
  try {
    mkdirSync(join(templates.dir, 'pglite.lock'));
  } catch {
    for (const deadline = Date.now() + 120_000; !existsSync(file); ) {
      if (existsSync(failed)) throw new Error(`making the PGlite template failed: ${readFileSync(failed, 'utf8')}`);
      if (Date.now() > deadline) throw new Error('waited 120 s for another test file to make the PGlite template');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return file;
  }
  try {
    await createPgliteTemplate(`${file}.partial`);
    renameSync(`${file}.partial`, file);
  } catch (error) {
    writeFileSync(failed, String(error instanceof Error ? error.stack : error));
    throw error;
  }
  return file;
}

async function createPgliteTemplate(file: string): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = new PGlite();
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pg) });
  try {
    await migrateToLatest(db);
    const dump = await pg.dumpDataDir('none');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.destroy();
  }
}

async function createServerTemplate(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await connectDatabase({ kind: 'postgres', url: url.toString() });
  try {
    await migrateToLatest(db);
  } finally {
    // No connection may stay open: CREATE DATABASE … TEMPLATE refuses a template in use.
    await db.destroy();
  }
}

/** Runs one piece of work on a short-lived connection to the server's admin database. */
export async function onServer<T>(serverUrl: string, work: (client: import('pg').Client) => Promise<T>): Promise<T> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
