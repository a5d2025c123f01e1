import type { ItemStore } from '../content/item-store.js';
import { checkReportDraft, type ReportDraft } from './report-draft.js';
import type { Report, ReportInput } from './reports.js';
import { deleteReportById, findReportsByIds, insertReport, listReports, reportIdsBySlug, updateReportById } from './reports.queries.js';

/** Reports for the desk's one editing service: each write checks the whole draft, segments and findings included. */
export const REPORT_STORE: ItemStore<ReportDraft, ReportInput, Report> = {
  kind: 'report',
  check: checkReportDraft,
  list: listReports,
  findByIds: findReportsByIds,
  idsBySlug: reportIdsBySlug,
  insert: insertReport,
  update: updateReportById,
  remove: deleteReportById,
};
