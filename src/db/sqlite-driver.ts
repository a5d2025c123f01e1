import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult,
} from 'kysely';

// SQLite with several processes writing one file (the web process, `insights worker`, every CLI
// command). Two things go wrong with Kysely's own driver: its transactions begin DEFERRED, so a
// transaction that reads and then writes fails at once with SQLITE_BUSY when another process
// wrote in between; and better-sqlite3 waits for a lock synchronously (busy_timeout), which
// freezes the whole web process, reads included. This driver:
//   - opens two connections to the file: reads outside transactions use the reader (WAL lets
//     them run while another process holds the write lock), everything else the writer;
//   - begins every transaction IMMEDIATE, taking the write lock at its start, so it can never
//     fail half-way for a lock;
//   - waits for the lock asynchronously: busy_timeout is 0 and a busy statement is tried again
//     after a short sleep (growing to 50 ms) until WAIT_MS have passed; meanwhile the event loop
//     serves other requests;
//   - caches prepared statements per connection.

/** How long a statement may wait for the write lock before it fails (SQLITE_BUSY). */
export const WAIT_MS = 30_000;

/** Whether an error is SQLite's "the database is locked by another connection". */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work`, trying again while SQLite answers busy, sleeping between tries instead of blocking. */
async function whileBusy<T>(work: () => T): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (let pause = 1; ; pause = Math.min(50, pause * 2)) {
    try {
      return work();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      await sleep(pause);
    }
  }
}

/** One at a time: the writer connection serves one transaction (or write) of this process at once. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  async lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => next);
    await previous;
    return release;
  }
}

/** A better-sqlite3 handle with a cache of prepared statements. */
class Handle {
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  constructor(readonly db: BetterSqlite3.Database) {}

  prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.#statements.size >= 500) this.#statements.delete(this.#statements.keys().next().value!);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  run<R>(statement: BetterSqlite3.Statement, parameters: readonly unknown[]): QueryResult<R> {
    if (statement.reader) return { rows: statement.all(...parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(...parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }
}

class RoutingConnection implements DatabaseConnection {
  /** Set while this connection holds a transaction (and with it the writer). */
  inTransaction = false;
  constructor(private readonly driver: ConcurrentSqliteDriver) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { writer, reader } = this.driver.handles();
    if (this.inTransaction) return writer.run<R>(writer.prepare(compiled.sql), compiled.parameters);
    const probe = reader.prepare(compiled.sql);
    if (probe.readonly) return whileBusy(() => reader.run<R>(probe, compiled.parameters));
    const release = await this.driver.writeLock();
    try {
      return await whileBusy(() => writer.run<R>(writer.prepare(compiled.sql), compiled.parameters));
    } finally {
      release();
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by this SQLite driver');
  }
}

export class ConcurrentSqliteDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #releases = new WeakMap<RoutingConnection, () => void>();
  #writer: Handle | undefined;
  #reader: Handle | undefined;

  constructor(private readonly open: () => { writer: BetterSqlite3.Database; reader: BetterSqlite3.Database }) {}

  async init(): Promise<void> {
    const { writer, reader } = this.open();
    this.#writer = new Handle(writer);
    this.#reader = new Handle(reader);
  }

  handles(): { writer: Handle; reader: Handle } {
    if (!this.#writer || !this.#reader) throw new Error('the SQLite driver is not initialised');
    return { writer: this.#writer, reader: this.#reader };
  }

  writeLock(): Promise<() => void> {
    return this.#mutex.lock();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutingConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const routing = connection as RoutingConnection;
    const release = await this.#mutex.lock();
    try {
      const { writer } = this.handles();
      await whileBusy(() => writer.db.prepare('begin immediate').run());
    } catch (error) {
      release();
      throw error;
    }
    routing.inTransaction = true;
    this.#releases.set(routing, release);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#end(connection as RoutingConnection, 'commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#end(connection as RoutingConnection, 'rollback');
  }

  async #end(connection: RoutingConnection, command: 'commit' | 'rollback'): Promise<void> {
    try {
      const { writer } = this.handles();
      // A commit that meets a busy checkpoint is tried again; the lock is ours meanwhile.
      await whileBusy(() => writer.db.prepare(command).run());
    } finally {
      connection.inTransaction = false;
      this.#releases.get(connection)?.();
      this.#releases.delete(connection);
    }
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    this.#reader?.db.close();
    this.#writer?.db.close();
  }
}

/** A Kysely dialect on ConcurrentSqliteDriver. */
export function concurrentSqliteDialect(open: () => { writer: BetterSqlite3.Database; reader: BetterSqlite3.Database }): Dialect {
  return {
    createDriver: () => new ConcurrentSqliteDriver(open),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createAdapter: () => new SqliteAdapter(),
    createIntrospector: (db: Kysely<any>) => new SqliteIntrospector(db),
  };
}
