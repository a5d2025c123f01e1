import { z } from 'zod';
import { createItem, deleteItem, getDeskItem, listDeskItems, updateItem, type DeskItem } from '../../issues/item-editing.service.js';
import { findPublicLock, rightsOf } from '../../issues/publicity.service.js';
import { REPORT_STORE } from '../../reports/report-store.js';
import type { Report } from '../../reports/reports.js';
import { draftOfReport, EMPTY_REPORT_DRAFT, withBlankRows, type ReportDraft } from '../../reports/report-draft.js';
import { getTranslationStates } from '../../translations/translations.service.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { deleteForm, unconfirmedDelete } from '../delete-section.js';
import { failedStatus, formErrorsOf, formText, idParams, type FormErrors } from '../forms.js';
import { ReportFormPage, ReportListPage } from './report-pages.js';
import { responseRoutes } from './responses.routes.js';

/** Blank rows of segments and of findings a form offers (and "add rows" adds). */
const BLANK_ROWS = 3;

/** A field repeated once per row, as a list that keeps empty values (rows line up by index). */
const rowValues = z.unknown().transform((value) =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'string' ? item : '')),
);

const reportForm = z
  .object({
    intent: formText,
    slug: formText,
    title: formText,
    subtitle: formText,
    body: formText,
    publisher: formText,
    partner: formText,
    survey_start: formText,
    survey_end: formText,
    segment_key: rowValues,
    segment_name: rowValues,
    segment_respondents: rowValues,
    finding_title: rowValues,
    finding_statement: rowValues,
    finding_segment: rowValues,
    finding_count: rowValues,
    finding_compare_segment: rowValues,
    finding_compare_count: rowValues,
  })
  .transform(({ intent, segment_key, segment_name, segment_respondents, finding_title, finding_statement, finding_segment, finding_count, finding_compare_segment, finding_compare_count, ...scalars }) => {
    const rows = (...columns: string[][]) => Array.from({ length: Math.max(0, ...columns.map((column) => column.length)) }, (_, index) => index);
    const draft: ReportDraft = {
      ...scalars,
      segments: rows(segment_key, segment_name, segment_respondents).map((i) => ({
        key: segment_key[i] ?? '',
        name: segment_name[i] ?? '',
        respondents: segment_respondents[i] ?? '',
      })),
      findings: rows(finding_title, finding_statement, finding_segment, finding_count, finding_compare_segment, finding_compare_count).map((i) => ({
        title: finding_title[i] ?? '',
        statement: finding_statement[i] ?? '',
        segment: finding_segment[i] ?? '',
        count: finding_count[i] ?? '',
        compare_segment: finding_compare_segment[i] ?? '',
        compare_count: finding_compare_count[i] ?? '',
      })),
    };
    return { addRows: intent === 'add-rows', draft };
  });

async function formPage(ctx: StaffContext, props: { draft: ReportDraft; existing?: DeskItem<Report>; errors?: FormErrors; deleteErrors?: FormErrors }, status = 200) {
  const lock = props.existing && (await findPublicLock(ctx.deps.db, ctx.deps.clock.now(), rightsOf(ctx.can), 'report', props.existing.item));
  const translations = props.existing ? (await getTranslationStates(ctx.deps.db, 'report', [props.existing.item])).get(props.existing.item.id) : undefined;
  return ctx.page(<ReportFormPage ctx={ctx} lock={lock} translations={translations} {...props} />, status);
}

/** Reports: list, create, edit with segments and findings (a report in a published or scheduled issue only by those who may change what is public), delete (when no issue lists the report). */
export const reportRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/reports', 'view_desk', async (ctx) => {
    const reports = await listDeskItems(ctx.deps.db, REPORT_STORE);
    const translations = await getTranslationStates(ctx.deps.db, 'report', reports.map(({ item }) => item));
    return ctx.page(<ReportListPage ctx={ctx} reports={reports} translations={translations} />);
  }),

  staffRoute('GET', '/admin/reports/new', 'draft_content', async (ctx) => formPage(ctx, { draft: withBlankRows(EMPTY_REPORT_DRAFT, BLANK_ROWS) })),

  staffRoute('POST', '/admin/reports', 'draft_content', async (ctx) => {
    const { addRows, draft } = reportForm.parse(ctx.request.body ?? {});
    if (addRows) return formPage(ctx, { draft: withBlankRows(draft, BLANK_ROWS) });
    try {
      const report = await createItem(ctx.deps.db, ctx.deps.clock, ctx.actor, REPORT_STORE, draft, rightsOf(ctx.can));
      return ctx.redirect(`/admin/reports/${report.id}`, `Created “${report.title}”.`);
    } catch (error) {
      return formPage(ctx, { draft, errors: formErrorsOf(error) }, failedStatus(error));
    }
  }),

  staffRoute('GET', '/admin/reports/:id', 'draft_content', async (ctx) => {
    const existing = await getDeskItem(ctx.deps.db, REPORT_STORE, idParams.parse(ctx.request.params).id);
    return formPage(ctx, { draft: withBlankRows(draftOfReport(existing.item), BLANK_ROWS), existing });
  }),

  staffRoute('POST', '/admin/reports/:id', 'draft_content', async (ctx) => {
    const existing = await getDeskItem(ctx.deps.db, REPORT_STORE, idParams.parse(ctx.request.params).id);
    const { addRows, draft } = reportForm.parse(ctx.request.body ?? {});
    if (addRows) return formPage(ctx, { draft: withBlankRows(draft, BLANK_ROWS), existing });
    try {
      const report = await updateItem(ctx.deps.db, ctx.deps.clock, ctx.actor, REPORT_STORE, existing.item.id, draft, rightsOf(ctx.can));
      return ctx.redirect(`/admin/reports/${report.id}`, 'Saved.');
    } catch (error) {
      return formPage(ctx, { draft, existing, errors: formErrorsOf(error) }, failedStatus(error));
    }
  }),

  staffRoute('POST', '/admin/reports/:id/delete', 'publish_content', async (ctx) => {
    const existing = await getDeskItem(ctx.deps.db, REPORT_STORE, idParams.parse(ctx.request.params).id);
    const draft = withBlankRows(draftOfReport(existing.item), BLANK_ROWS);
    if (!deleteForm.parse(ctx.request.body ?? {}).confirm) {
      const unconfirmed = unconfirmedDelete('report');
      return formPage(ctx, { draft, existing, deleteErrors: formErrorsOf(unconfirmed) }, failedStatus(unconfirmed));
    }
    try {
      const report = await deleteItem(ctx.deps.db, ctx.deps.clock, ctx.actor, REPORT_STORE, existing.item.id, rightsOf(ctx.can));
      return ctx.redirect('/admin/reports', `Deleted “${report.title}”.`);
    } catch (error) {
      return formPage(ctx, { draft, existing, deleteErrors: formErrorsOf(error) }, failedStatus(error));
    }
  }),

  ...responseRoutes,
];
