import { MEMBERS_ONLY_MARKER } from '../../content/body.js';
import { computeFinding, formatFigures } from '../../reports/findings.js';
import type { DeskItem } from '../../issues/item-editing.service.js';
import type { PublicLock } from '../../issues/publicity.service.js';
import type { FindingRow, ReportDraft, SegmentRow } from '../../reports/report-draft.js';
import type { Report } from '../../reports/reports.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { DeleteSection, IssueNames } from '../delete-section.js';
import { ErrorSummary, Form, inputTypeFor, TextArea, TextField, wholeNumberInput, type FormErrors } from '../forms.js';
import { ListTable, PageHeading } from '../page-parts.js';
import { PublicLockNotice } from '../issues/public-lock-notice.js';

/** `/admin/reports`: every report with its survey, segments, findings and the issues that list it. */
export function ReportListPage({ ctx, reports }: { ctx: StaffContext; reports: readonly DeskItem<Report>[] }) {
  return (
    <AdminLayout site={ctx.deps.site} title="Reports" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/reports">
      <h1>Reports</h1>
      <p class="actions">
        <a class="button" href="/admin/reports/new">
          New report
        </a>
      </p>
      <ListTable
        headings={['Report', 'Survey', 'Segments', 'Findings', 'In issues']}
        items={reports}
        empty="There are no reports yet."
        row={({ item: report, issues }) => (
          <tr key={report.id}>
            <td>
              <a href={`/admin/reports/${report.id}`}>{report.title}</a>
              {report.subtitle ? ` – ${report.subtitle}` : null}
              <br />
              <small>{report.slug}</small>
            </td>
            <td>{[report.surveyStart, report.surveyEnd].filter(Boolean).join(' to ') || '—'}</td>
            <td>{report.segments.map((segment) => `${segment.name} (${segment.respondents})`).join(', ')}</td>
            <td>{report.findings.length}</td>
            <td>
              <IssueNames issues={issues} />
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
  return (
    <fieldset class="field">
      <legend>Segment {n}</legend>
      <RowField id={`segment-${n}-key`} name="segment_key" label="Key (a slug, e.g. automotive)" value={row.key} errors={errors} />
      <RowField id={`segment-${n}-name`} name="segment_name" label="Name (e.g. automotive industry)" value={row.name} errors={errors} />
      <RowField id={`segment-${n}-respondents`} name="segment_respondents" label="Respondents" min={1} value={row.respondents} errors={errors} />
    </fieldset>
  );
}

function FindingFields({ row, n, errors }: { row: FindingRow; n: number; errors?: FormErrors | undefined }) {
  return (
    <fieldset class="field">
      <legend>Finding {n}</legend>
      <RowField id={`finding-${n}-title`} name="finding_title" label="Title" value={row.title} errors={errors} />
      <RowField id={`finding-${n}-statement`} name="finding_statement" label="Statement (the prose after the figure)" value={row.statement} errors={errors} />
      <RowField id={`finding-${n}-segment`} name="finding_segment" label="Segment key" value={row.segment} errors={errors} />
      <RowField id={`finding-${n}-count`} name="finding_count" label="Respondents in that segment who said so" min={0} value={row.count} errors={errors} />
      <RowField id={`finding-${n}-compare_segment`} name="finding_compare_segment" label="Compare with segment key (optional)" value={row.compare_segment} errors={errors} />
      <RowField id={`finding-${n}-compare_count`} name="finding_compare_count" label="Respondents in that segment who said so (optional)" min={0} value={row.compare_count} errors={errors} />
    </fieldset>
  );
}

/** The stored findings as readers see them: shares and gaps computed from the counts. */
function ComputedFindings({ report }: { report: Report }) {
  return (
    <ListTable
      headings={['Finding', 'Figures', 'Counts']}
      items={report.findings}
      empty="This report has no findings yet."
      row={(finding, index) => {
        const computed = computeFinding(finding, report.segments);
        const counts = [computed.primary, computed.comparison]
          .filter((share) => share !== null)
          .map((share) => `${share.count} of ${share.segment.respondents} ${share.segment.name}`)
          .join(' vs ');
        return (
          <tr key={index}>
            <td>
              <strong>{finding.title}</strong>
              <br />
              {finding.statement}
            </td>
            <td>{formatFigures(computed)}</td>
            <td>{counts}</td>
          </tr>
        );
      }}
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
}

/** `/admin/reports/new` and `/admin/reports/<id>`: fields, segment and finding rows, computed figures. */
export function ReportFormPage({ ctx, draft, existing, errors, deleteErrors, lock }: ReportFormProps) {
  const title = existing ? existing.item.title : 'New report';
  const action = existing ? `/admin/reports/${existing.item.id}` : '/admin/reports';
  const listErrors = (field: string) =>
    (errors?.fields[field] ?? []).map((message, index) => (
      <p key={index} class="field__error">
        {message}
      </p>
    ));
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/reports">
      <PageHeading back={{ href: '/admin/reports', label: 'Reports' }} title={title} />
      {existing ? (
        <>
          <p>In issues: <IssueNames issues={existing.issues} /></p>
          <section aria-labelledby="figures-heading">
            <h2 id="figures-heading">Key findings as readers see them</h2>
            <p>Shares and percentage points are computed from the counts below; they are never typed in.</p>
            <ComputedFindings report={existing.item} />
          </section>
        </>
      ) : null}
      <ErrorSummary errors={errors ?? deleteErrors} />
      {errors ? null : <PublicLockNotice lock={lock} />}
      <Form action={action} csrf={ctx.csrf} class="form form--wide">
        <TextField name="slug" label="Slug" value={draft.slug} required errors={errors} hint="Lowercase letters, digits and single hyphens." />
        <TextField name="title" label="Title" value={draft.title} required errors={errors} />
        <TextField name="subtitle" label="Subtitle" value={draft.subtitle} errors={errors} hint="E.g. which excerpt this is." />
        <TextField name="publisher" label="Publisher" value={draft.publisher} errors={errors} />
        <TextField name="partner" label="Partner" value={draft.partner} errors={errors} />
        <TextField name="survey_start" label="Survey start" type={inputTypeFor('date', draft.survey_start)} value={draft.survey_start} errors={errors} />
        <TextField name="survey_end" label="Survey end" type={inputTypeFor('date', draft.survey_end)} value={draft.survey_end} errors={errors} />
        <TextArea name="body" label="Description" value={draft.body} rows={10} class="markdown" errors={errors} hint={`Markdown. Text after a line “${MEMBERS_ONLY_MARKER}” is for members only.`} />

        <h2 id="field-segments">Segments of respondents</h2>
        <p class="field__hint">Groups of respondents with their base size, e.g. “all” with 336 and “automotive” with 64. Leave a row empty to skip it.</p>
        {listErrors('segments')}
        {draft.segments.map((row, index) => (
          <SegmentFields key={index} row={row} n={index + 1} errors={errors} />
        ))}

        <h2 id="field-findings">Key findings</h2>
        <p class="field__hint">A count is how many respondents of the segment said so; it may not exceed the segment's respondents. Leave a row empty to skip it.</p>
        {listErrors('findings')}
        {draft.findings.map((row, index) => (
          <FindingFields key={index} row={row} n={index + 1} errors={errors} />
        ))}
        <p class="actions">
          {lock ? null : (
            <button type="submit" class="button">
              {existing ? 'Save' : 'Create report'}
            </button>
          )}
          <button type="submit" name="intent" value="add-rows" class="button button--quiet">
            Add blank rows (saves nothing)
          </button>
        </p>
      </Form>
      {existing && ctx.can('publish_content') ? (
        <DeleteSection action={`/admin/reports/${existing.item.id}/delete`} csrf={ctx.csrf} what="report" issues={existing.issues} errors={deleteErrors} />
      ) : null}
    </AdminLayout>
  );
}
