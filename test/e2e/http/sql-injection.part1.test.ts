import { describeSqlInjection, sqlInjectionEngines } from '../support/sql-injection.js';

// SQL-injection probes (support/sql-injection.ts), shard 1 of 2: SQLite (and the real PostgreSQL server when the run has one).
describeSqlInjection(sqlInjectionEngines(1));
