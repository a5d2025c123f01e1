// The databases a bench runs its at-scale cases on: SQLite and the PostgreSQL engine the test
// suite would use, a throwaway server (scripts/pg-server.mjs) when PostgreSQL's binaries are
// installed, else PGlite in-process. Each `open` is a new, migrated database; `close` closes them
// all and stops the server.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { startPostgres } from '../scripts/pg-server.mjs';
import { connectDatabase } from '../src/db/connect.js';
import type { Database, DB } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { PGliteDialect } from '../test/support/pglite-dialect.js';

export type BenchEngine = 'sqlite' | 'postgres' | 'pglite';

export interface BenchEngines {
  /** SQLite first, then the PostgreSQL engine. */
  readonly names: readonly BenchEngine[];
  /** A new, migrated database on `engine`. */
  open(engine: BenchEngine): Promise<Database>;
  close(): Promise<void>;
}

/** Starts the engines; `say` hears which PostgreSQL engine it is and why. */
export async function startBenchEngines(say: (message: string) => void): Promise<BenchEngines> {
  const dir = mkdtempSync(join(tmpdir(), 'insights-bench-engines-'));
  const server = await startPostgres();
  say(server.url ? `PostgreSQL: throwaway server at ${server.url}` : `PostgreSQL: PGlite (${server.reason})`);
  const opened: Database[] = [];
  let count = 0;
  return {
    names: ['sqlite', server.url ? 'postgres' : 'pglite'],
    async open(engine) {
      count++;
      let db: Database;
      if (engine === 'sqlite') {
        db = await connectDatabase({ kind: 'sqlite', file: join(dir, `bench-${count}.sqlite`) });
      } else if (engine === 'postgres' && server.url) {
        const name = `insights_bench_${count}_${randomBytes(3).toString('hex')}`;
        const { default: pg } = await import('pg');
        const admin = new pg.Client({ connectionString: server.url });
        await admin.connect();
        await admin.query(`create database ${name}`);
        await admin.end();
        const url = new URL(server.url);
        url.pathname = `/${name}`;
        db = await connectDatabase({ kind: 'postgres', url: url.toString() });
      } else {
        const { PGlite } = await import('@electric-sql/pglite');
        db = new Kysely<DB>({ dialect: new PGliteDialect(new PGlite()) });
      }
      opened.push(db);
      await migrateToLatest(db);
      return db;
    },
    async close() {
      for (const db of opened) await db.destroy();
      server.stop?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
