import type { Problem } from '../../lib/errors.js';
import { RESPONDENT_COLUMN } from '../../reports/responses-csv.js';
import type { ResponsesImportSummary } from '../../reports/responses.service.js';
import type { Report } from '../../reports/reports.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { CsvUploadForm } from '../forms.js';
import { PageHeading, TextWith } from '../page-parts.js';

/** What the page shows after an upload: a dry run's counts, or every bad line. */
export type ResponsesOutcome =
  | { readonly kind: 'checked'; readonly summary: ResponsesImportSummary }
  | { readonly kind: 'problems'; readonly message: string; readonly problems: readonly Problem[] };

function Problems({ ctx, message, problems }: { ctx: StaffContext; message: string; problems: readonly Problem[] }) {
  const { t } = ctx.locale;
  return (
    <section class="error-summary" role="alert" tabIndex={-1} aria-labelledby="problems-heading">
      <h2 id="problems-heading">{t('survey.desk.refused')}</h2>
      <p>{message}</p>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('desk.csv.line')}</th>
            <th scope="col">{t('desk.csv.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => (
            <tr key={index}>
              <td>{problem.line ?? ''}</td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** `/admin/reports/<id>/responses`: the stored respondents per segment, the questions, and the upload (dry run first). */
export function ResponsesPage({ ctx, report, outcome }: { ctx: StaffContext; report: Report; outcome?: ResponsesOutcome | undefined }) {
  const { t } = ctx.locale;
  const heading = `${t('survey.desk.heading')}: ${report.title}`;
  const survey = report.survey;
  const code = (text: string) => <code>{text}</code>;
  return (
    <AdminLayout site={ctx.deps.site} title={heading} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/reports">
      <PageHeading back={{ href: `/admin/reports/${report.id}`, label: report.title }} title={heading} />
      {!survey ? (
        <p>{t('survey.desk.countsOnly')}</p>
      ) : (
        <>
          {outcome?.kind === 'problems' ? <Problems ctx={ctx} message={outcome.message} problems={outcome.problems} /> : null}
          {outcome?.kind === 'checked' ? (
            <section class="attention" aria-live="polite">
              <p>
                {t('survey.desk.checked', {
                  count: outcome.summary.respondents,
                  segments: outcome.summary.segments.map((s) => t('survey.desk.segmentCount', { value: s.value, count: s.respondents })).join(', '),
                })}
              </p>
            </section>
          ) : null}
          <p>{t('survey.desk.stored', { count: report.respondents })}</p>
          {survey.collectUntil ? (
            <p>
              <TextWith
                text={(markers) => t('survey.desk.collecting', { ...markers, date: survey.collectUntil! })}
                elements={{ link: <a href={`/surveys/${report.slug}`}>{`/surveys/${report.slug}`}</a> }}
              />
            </p>
          ) : null}
          {report.respondents > 0 ? (
            <>
              <h2>{t('survey.desk.bySegment')}</h2>
              <ul>
                {/* Every value stored, named where the report names it. */}
                {Object.entries(report.respondentsByValue)
                  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
                  .map(([value, count]) => (
                    <li key={value}>{t('survey.desk.segmentCount', { value: report.segments.find((s) => s.key === value)?.name ?? value, count })}</li>
                  ))}
              </ul>
            </>
          ) : null}
          <h2>{t('survey.desk.questions')}</h2>
          <ul>
            {survey.questions.map((question) => (
              <li key={question.key}>
                {t('survey.desk.question', { key: question.key, kind: t(question.kind === 'single' ? 'survey.desk.single' : 'survey.desk.multiple'), text: question.text })}
                <ul>
                  {question.answers.map((answer) => (
                    <li key={answer.code}>
                      <code>{answer.code}</code> {answer.text}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          <p>
            <TextWith
              text={(markers) => t('survey.desk.format', markers)}
              elements={{ columns: code([RESPONDENT_COLUMN, ...survey.segmentColumns, ...survey.questions.map((q) => q.key)].join(',')), separator: code(';') }}
            />
          </p>
          {ctx.can('publish_content') ? (
            <CsvUploadForm action={`/admin/reports/${report.id}/responses`} csrf={ctx.csrf} labels={{ file: t('survey.desk.file'), check: t('survey.desk.check'), import: t('survey.desk.import') }} />
          ) : null}
        </>
      )}
    </AdminLayout>
  );
}
