import { describeSqlInjection, sqlInjectionEngines } from '../support/sql-injection.js';

// SQL-injection probes (support/sql-injection.ts), shard 2 of 2: PGlite.
describeSqlInjection(sqlInjectionEngines(2));
