import type { Problem } from '../../lib/errors.js';
import { CONTACTS_CSV_COLUMNS } from '../../members/contacts-csv.js';
import type { ContactsImportSummary } from '../../members/contacts-import.service.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { CsvUploadForm } from '../forms.js';
import { PageHeading, TextWith } from '../page-parts.js';
import { useLocale } from '../../web/locale.js';

/** What the import page shows after a submit: a dry run's preview, or the problems found. */
export type ImportOutcome =
  | { readonly kind: 'preview'; readonly summary: ContactsImportSummary }
  | { readonly kind: 'problems'; readonly message: string; readonly problems: readonly Problem[] };

/** How many problems the page lists before it says how many more there are. */
const PROBLEMS_SHOWN = 200;

function Counts({ summary }: { summary: ContactsImportSummary }) {
  const { t } = useLocale();
  const dryRun = summary.dryRun ? 'yes' : 'no';
  return (
    <ul>
      <li>{t('desk.csv.rowsRead', { count: summary.rows })}</li>
      <li>{t('desk.csv.created', { count: summary.created, dryRun })}</li>
      <li>{t('desk.csv.updated', { count: summary.updated, dryRun })}</li>
      <li>{t('desk.csv.unchanged', { count: summary.unchanged })}</li>
      <li>{t('desk.csv.companiesCreated', { count: summary.companiesCreated, dryRun })}</li>
      <li>{t('desk.csv.membershipsChanged', { count: summary.membershipsChanged, dryRun })}</li>
      <li>{t('deskConsent.importNotSubscribed', { count: summary.notSubscribed, dryRun })}</li>
      {summary.erasedLines.length > 0 ? <li>{t('deskPrivacy.csvErased', { count: summary.erasedLines.length, lines: summary.erasedLines.join(', ') })}</li> : null}
    </ul>
  );
}

function Preview({ summary }: { summary: ContactsImportSummary }) {
  const { t } = useLocale();
  return (
    <section aria-labelledby="preview-heading" class="attention">
      <h2 id="preview-heading">{t('desk.csv.dryRunHeading')}</h2>
      <Counts summary={summary} />
      {summary.changes.length > 0 ? (
        <table class="table">
          <caption>{t('desk.csv.firstChanges', { count: summary.changes.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('desk.csv.line')}</th>
              <th scope="col">{t('desk.staff.email')}</th>
              <th scope="col">{t('desk.csv.change')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.changes.map((change) => (
              <tr key={change.line}>
                <td>{change.line}</td>
                <td>{change.email}</td>
                <td>{change.action === 'create' ? t('desk.csv.newContact') : t('desk.csv.update', { fields: change.fields.join(', ') })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('desk.csv.changesNothing')}</p>
      )}
      <p>{t('desk.csv.toImport')}</p>
    </section>
  );
}

function Problems({ message, problems }: { message: string; problems: readonly Problem[] }) {
  const { t } = useLocale();
  return (
    <section class="error-summary" role="alert" tabIndex={-1} aria-labelledby="problems-heading">
      <h2 id="problems-heading">{message}</h2>
      <p>{t('desk.csv.correct')}</p>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('desk.csv.line')}</th>
            <th scope="col">{t('desk.csv.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.slice(0, PROBLEMS_SHOWN).map((problem, index) => (
            <tr key={index}>
              <td>{problem.line ?? ''}</td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {problems.length > PROBLEMS_SHOWN ? <p>{t('desk.csv.more', { count: problems.length - PROBLEMS_SHOWN })}</p> : null}
    </section>
  );
}

/** `/admin/contacts/import`: the upload form, with a dry run's preview or the problems found. */
export function ContactsImportPage({ ctx, outcome }: { ctx: StaffContext; outcome?: ImportOutcome | undefined }) {
  const { t } = ctx.locale;
  const code = (text: string) => <code>{text}</code>;
  return (
    <AdminLayout site={ctx.deps.site} title={t('desk.csv.title')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/contacts">
      <PageHeading back={{ href: '/admin/contacts', label: t('desk.nav.contacts') }} title={t('desk.csv.title')} />
      {outcome?.kind === 'problems' ? <Problems message={outcome.message} problems={outcome.problems} /> : null}
      {outcome?.kind === 'preview' ? <Preview summary={outcome.summary} /> : null}
      <p>
        <TextWith
          text={(markers) => t('desk.csv.format', markers)}
          elements={{ header: code(CONTACTS_CSV_COLUMNS.join(',')), member: code('member'), company: code('company'), language: code('language'), topics: code('topics'), separator: code(';') }}
        />
      </p>
      <p>
        <TextWith text={(markers) => t('deskConsent.importHint', markers)} elements={{ consent: code('consent'), example: code('2024-03-01 X-Days sign-up sheet') }} />
      </p>
      <p>{t('desk.csv.rules')}</p>
      <CsvUploadForm action="/admin/contacts/import" csrf={ctx.csrf} labels={{ file: t('desk.csv.file'), check: t('desk.csv.check'), import: t('desk.csv.import') }} />
      <p>
        <TextWith
          text={(markers) => t('desk.csv.exportNote', markers)}
          elements={{
            link: (
              <a href="/admin/contacts/export" download>
                {t('desk.csv.exportLink')}
              </a>
            ),
          }}
        />
      </p>
    </AdminLayout>
  );
}
