import { CompiledQuery, type Compilable } from 'kysely';
import type { Executor } from './database.js';

// Building a Kysely query costs more than running it on SQLite: the operation tree is built,
// frozen and compiled to SQL on every call. For the few queries every signed-in request runs
// (its session, its contact), `compiledOnce` compiles the query once per database (per adapter,
// so SQLite and PostgreSQL each get their own SQL) and afterwards only binds new values.

/** A value that marks where a parameter goes while the query is compiled the first time. */
const SENTINEL = (index: number) => `\u0000compiled-once-parameter-${index}\u0000`;

/**
 * A query compiled once per database: `build` must use each of its string or number parameters
 * exactly once as a bound value (never in a place Kysely inlines, like a column name), so the
 * compiled parameter list can be refilled from the call's arguments; other bound values in the
 * query are constants and stay as compiled.
 */
export function compiledOnce<Params extends readonly (string | number)[], Row>(build: (db: Executor, ...params: { [K in keyof Params]: string }) => Compilable<Row>) {
  const compiled = new WeakMap<object, { sql: string; positions: number[]; constants: readonly unknown[] }>();
  return async (db: Executor, ...params: Params): Promise<Row[]> => {
    const adapter = db.getExecutor().adapter;
    let entry = compiled.get(adapter);
    if (!entry) {
      const sentinels = params.map((_value, index) => SENTINEL(index)) as unknown as { [K in keyof Params]: string };
      const query = build(db, ...sentinels).compile();
      const positions = query.parameters.map((value) => sentinels.indexOf(value as string));
      const used = positions.filter((position) => position !== -1);
      if (used.length !== params.length || new Set(used).size !== params.length) {
        throw new Error(`compiledOnce: every parameter must appear exactly once as a bound value in: ${query.sql}`);
      }
      entry = { sql: query.sql, positions, constants: query.parameters };
      compiled.set(adapter, entry);
    }
    const { positions, constants } = entry;
    const result = await db.executeQuery<Row>(CompiledQuery.raw(entry.sql, positions.map((position, index) => (position === -1 ? constants[index] : params[position]))));
    return [...result.rows];
  };
}
