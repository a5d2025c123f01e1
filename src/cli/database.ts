import { loadConfig } from '../config.js';
import { connectDatabase } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { buildServices, type Services } from '../services.js';

/** Opens the configured database with the schema up to date. */
export async function openDatabase(): Promise<Database> {
  const db = await connectDatabase(loadConfig().database);
  await migrateToLatest(db);
  return db;
}

/** Runs `work` with the configured database and closes it afterwards. */
export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase();
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** Runs `work` with the services of services.ts (database, mail transport, sender, job handlers) and closes them afterwards. */
export async function withServices<T>(work: (services: Services) => Promise<T>): Promise<T> {
  const services = await buildServices(loadConfig());
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}
