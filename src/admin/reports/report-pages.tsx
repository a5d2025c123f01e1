import { MEMBERS_ONLY_MARKER } from '../../content/body.js';
import { viewReport } from '../../reports/report-view.js';
import { computeReportFigures } from '../../reports/report-figures.js';
import type { DeskItem } from '../../issues/item-editing.service.js';
import type { PublicLock } from '../../issues/publicity.service.js';
import type { FindingRow, ReportDraft, SegmentRow } from '../../reports/report-draft.js';
import type { Report } from '../../reports/reports.js';
import { useLocale } from '../../web/locale.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { DeleteSection, IssueNames } from '../delete-section.js';
import { TranslationBadges, TranslationsBox } from '../translations/translation.pages.js';
import type { TranslationLanguage, TranslationState } from '../../translations/translations.js';
import { ErrorSummary, Form, inputTypeFor, TextArea, TextField, wholeNumberInput, type FormErrors } from '../forms.js';
import { ListTable, PageHeading } from '../page-parts.js';
import { PublicLockNotice } from '../issues/public-lock-notice.js';

/** `/admin/reports`: every report with its survey, segments, findings and the issues that list it. */
export function ReportListPage({ ctx, reports, translations }: { ctx: StaffContext; reports: readonly DeskItem<Report>[]; translations?: ReadonlyMap<number, Readonly<Record<TranslationLanguage, TranslationState>>> }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('desk.nav.reports')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/reports">
      <h1>{t('desk.nav.reports')}</h1>
      <p class="actions">
        <a class="button" href="/admin/reports/new">
          {t('desk.reports.new')}
        </a>
      </p>
      <ListTable
        headings={[t('desk.reports.report'), t('desk.reports.survey'), t('desk.reports.segments'), t('desk.reports.findings'), t('desk.programs.inIssues'), t('deskTranslating.column')]}
        items={reports}
        empty={t('desk.reports.none')}
        row={({ item: report, issues }) => (
          <tr key={report.id}>
            <td>
              <a href={`/admin/reports/${report.id}`}>{report.title}</a>
              {report.subtitle ? ` – ${report.subtitle}` : null}
              <br />
              <small>{report.slug}</small>
            </td>
            <td>{[report.surveyStart, report.surveyEnd].filter(Boolean).join(t('desk.reports.to')) || '—'}</td>
            <td>{report.segments.map((segment) => `${segment.name} (${segment.respondents})`).join(', ')}</td>
            <td>{report.findings.length}</td>
            <td>
              <IssueNames issues={issues} />
            </td>
            <td>
              <TranslationBadges states={translations?.get(report.id)} />
            </td>
          </tr>
        )}
      />
    </AdminLayout>
  );
}

/** One input of a segment or finding row, keyed `segment-<n>-<field>` for its errors. */
function RowField({ id, name, label, value, errors, min }: { id: string; name: string; label: string; value: string; errors?: FormErrors | undefined; min?: number }) {
  const messages = errors?.fields[id] ?? [];
  // `min` makes it a whole-number field.
  const input = min === undefined ? { type: 'text' as const } : wholeNumberInput(value, min);
  return (
    <div class={messages.length > 0 ? 'field field--error' : 'field'}>
      <label for={`field-${id}`}>{label}</label>
      {messages.map((message, index) => (
        <p key={index} class="field__error" id={index === 0 ? `error-${id}` : undefined}>
          {message}
        </p>
      ))}
      <input
        id={`field-${id}`}
        name={name}
        {...input}
        value={value}
        aria-invalid={messages.length > 0 ? 'true' : undefined}
        aria-describedby={messages.length > 0 ? `error-${id}` : undefined}
      />
    </div>
  );
}

function SegmentFields({ row, n, errors }: { row: SegmentRow; n: number; errors?: FormErrors | undefined }) {
  const { t } = useLocale();
  return (
    <fieldset class="field">
      <legend>{t('desk.reports.segmentN', { n })}</legend>
      <RowField id={`segment-${n}-key`} name="segment_key" label={t('desk.reports.segmentKey')} value={row.key} errors={errors} />
      <RowField id={`segment-${n}-name`} name="segment_name" label={t('desk.reports.segmentName')} value={row.name} errors={errors} />
      <RowField id={`segment-${n}-respondents`} name="segment_respondents" label={t('desk.reports.respondents')} min={1} value={row.respondents} errors={errors} />
    </fieldset>
  );
}

function FindingFields({ row, n, errors }: { row: FindingRow; n: number; errors?: FormErrors | undefined }) {
  const { t } = useLocale();
  return (
    <fieldset class="field">
      <legend>{t('desk.reports.findingN', { n })}</legend>
      <RowField id={`finding-${n}-title`} name="finding_title" label={t('desk.programs.title')} value={row.title} errors={errors} />
      <RowField id={`finding-${n}-statement`} name="finding_statement" label={t('desk.reports.statement')} value={row.statement} errors={errors} />
      <RowField id={`finding-${n}-segment`} name="finding_segment" label={t('desk.reports.findingSegment')} value={row.segment} errors={errors} />
      <RowField id={`finding-${n}-count`} name="finding_count" label={t('desk.reports.count')} min={0} value={row.count} errors={errors} />
      <RowField id={`finding-${n}-compare_segment`} name="finding_compare_segment" label={t('desk.reports.compareSegment')} value={row.compare_segment} errors={errors} />
      <RowField id={`finding-${n}-compare_count`} name="finding_compare_count" label={t('desk.reports.compareCount')} min={0} value={row.compare_count} errors={errors} />
    </fieldset>
  );
}

/** The stored findings as members see them: figures computed from counts or responses, with their statistics. */
function ComputedFindings({ report }: { report: Report }) {
  const { t, language } = useLocale();
  const view = viewReport(report, 'member', language);
  // The same order as the view (members see every finding), for the counts behind each share.
  const figures = computeReportFigures(report);
  const countsOf = (index: number) =>
    [figures[index]!.segment, figures[index]!.compared]
      .filter((share) => share !== null)
      .map((share) => t('desk.reports.share', { count: share.count, respondents: share.base, segment: share.name }))
      .join(t('desk.reports.vs'));
  return (
    <ListTable
      headings={[t('desk.reports.finding'), t('desk.reports.figures'), t('desk.reports.counts')]}
      items={view.findings}
      empty={t('desk.reports.noFindings')}
      row={(finding, index) => (
        <tr key={index}>
          <td>
            <strong>{finding.title}</strong>
            {finding.membersOnly ? ` (${t('survey.desk.membersOnly')})` : null}
            <br />
            {finding.statement}
          </td>
          <td>{finding.figures}</td>
          <td>
            {countsOf(index)}
            {finding.footnote ? (
              <>
                <br />
                <small>{finding.footnote}</small>
              </>
            ) : null}
          </td>
        </tr>
      )}
    />
  );
}

interface ReportFormProps {
  readonly ctx: StaffContext;
  readonly draft: ReportDraft;
  readonly existing?: DeskItem<Report> | undefined;
  readonly errors?: FormErrors | undefined;
  readonly deleteErrors?: FormErrors | undefined;
  /** Why the one looking may not change this public report, when they may not: the page says so and offers no Save. */
  readonly lock?: PublicLock | undefined;
  /** The stored item's German and Chinese states. */
  readonly translations?: Readonly<Record<TranslationLanguage, TranslationState>> | undefined;
}

/** `/admin/reports/new` and `/admin/reports/<id>`: fields, segment and finding rows, computed figures. */
export function ReportFormPage({ ctx, draft, existing, errors, deleteErrors, lock, translations }: ReportFormProps) {
  const { t } = ctx.locale;
  const title = existing ? existing.item.title : t('desk.reports.new');
  const action = existing ? `/admin/reports/${existing.item.id}` : '/admin/reports';
  const listErrors = (field: string) =>
    (errors?.fields[field] ?? []).map((message, index) => (
      <p key={index} class="field__error">
        {message}
      </p>
    ));
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/reports">
      <PageHeading back={{ href: '/admin/reports', label: t('desk.nav.reports') }} title={title} />
      {existing ? (
        <>
          <p>
            {t('desk.programs.inIssuesLabel')} <IssueNames issues={existing.issues} />
          </p>
          <section aria-labelledby="figures-heading">
            <h2 id="figures-heading">{t('desk.reports.asReadersSee')}</h2>
            <p>{t('desk.reports.computed')}</p>
            <ComputedFindings report={existing.item} />
            <p>
              <a href={`/admin/reports/${existing.item.id}/responses`}>{t('survey.desk.heading')}</a>
            </p>
          </section>
        </>
      ) : null}
      <ErrorSummary errors={errors ?? deleteErrors} />
      {errors ? null : <PublicLockNotice lock={lock} />}
      <Form action={action} csrf={ctx.csrf} class="form form--wide">
        <TextField name="slug" label={t('desk.programs.slug')} value={draft.slug} required errors={errors} hint={t('desk.reports.slugHint')} />
        <TextField name="title" label={t('desk.programs.title')} value={draft.title} required errors={errors} />
        <TextField name="subtitle" label={t('desk.reports.subtitle')} value={draft.subtitle} errors={errors} hint={t('desk.reports.subtitleHint')} />
        <TextField name="publisher" label={t('desk.reports.publisher')} value={draft.publisher} errors={errors} />
        <TextField name="partner" label={t('desk.reports.partner')} value={draft.partner} errors={errors} />
        <TextField name="survey_start" label={t('desk.reports.surveyStart')} type={inputTypeFor('date', draft.survey_start)} value={draft.survey_start} errors={errors} />
        <TextField name="survey_end" label={t('desk.reports.surveyEnd')} type={inputTypeFor('date', draft.survey_end)} value={draft.survey_end} errors={errors} />
        <TextArea name="body" label={t('desk.programs.description')} value={draft.body} rows={10} class="markdown" errors={errors} hint={t('desk.programs.markdownHint', { marker: MEMBERS_ONLY_MARKER })} />

        <h2 id="field-segments">{t('desk.reports.segmentsHeading')}</h2>
        <p class="field__hint">{t('desk.reports.segmentsHint')}</p>
        {listErrors('segments')}
        {draft.segments.map((row, index) => (
          <SegmentFields key={index} row={row} n={index + 1} errors={errors} />
        ))}

        <h2 id="field-findings">{t('desk.reports.findingsHeading')}</h2>
        <p class="field__hint">{t('desk.reports.findingsHint')}</p>
        {listErrors('findings')}
        {draft.findings.map((row, index) => (
          <FindingFields key={index} row={row} n={index + 1} errors={errors} />
        ))}
        <p class="actions">
          {lock ? null : (
            <button type="submit" class="button">
              {existing ? t('desk.forms.save') : t('desk.reports.create')}
            </button>
          )}
          <button type="submit" name="intent" value="add-rows" class="button button--quiet">
            {t('desk.reports.addRows')}
          </button>
        </p>
      </Form>
      {existing && translations ? <TranslationsBox kind="report" itemKey={String(existing.item.id)} states={translations} /> : null}
      {existing && ctx.can('publish_content') ? (
        <DeleteSection action={`/admin/reports/${existing.item.id}/delete`} csrf={ctx.csrf} what="report" issues={existing.issues} errors={deleteErrors} />
      ) : null}
    </AdminLayout>
  );
}
