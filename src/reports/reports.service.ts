import type { Executor } from '../db/database.js';
import type { Report } from './reports.js';
import { findReportsByIds, listReports } from './reports.queries.js';

/** Loads reports by id. */
export function getReportsByIds(db: Executor, ids: readonly number[]): Promise<Map<number, Report>> {
  return findReportsByIds(db, ids);
}

/** Every report, by slug. */
export function getAllReports(db: Executor): Promise<Report[]> {
  return listReports(db);
}
