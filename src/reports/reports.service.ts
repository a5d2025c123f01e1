import type { Executor } from '../db/database.js';
import type { Report, RespondentRow } from './reports.js';
import { listResponses } from './survey.queries.js';
import { findReportsByIds, listReports } from './reports.queries.js';

/** Loads reports by id. */
export function getReportsByIds(db: Executor, ids: readonly number[]): Promise<Map<number, Report>> {
  return findReportsByIds(db, ids);
}

/** Every report, by slug. */
export function getAllReports(db: Executor): Promise<Report[]> {
  return listReports(db);
}

/** A report's stored responses (for the content folder's export), in the order they were stored. */
export function getResponses(db: Executor, reportId: number): Promise<RespondentRow[]> {
  return listResponses(db, reportId);
}
