// Types for scripts/pg-server.mjs, so the TypeScript benches can start the same throwaway cluster.

/** A running cluster (`url`, `stop`), or why none could be started (`reason`). */
export type StartedPostgres = { url: string; stop(): void; reason?: undefined } | { url?: undefined; stop?: undefined; reason: string };

/** Starts a throwaway PostgreSQL cluster on 127.0.0.1 when the server binaries are installed. */
export function startPostgres(): Promise<StartedPostgres>;
