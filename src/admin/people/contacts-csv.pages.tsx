import type { Problem } from '../../lib/errors.js';
import { CONTACTS_CSV_COLUMNS } from '../../members/contacts-csv.js';
import type { ContactsImportSummary } from '../../members/contacts-import.service.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { Form } from '../forms.js';
import { PageHeading } from '../page-parts.js';

/** What the import page shows after a submit: a dry run's preview, or the problems found. */
export type ImportOutcome =
  | { readonly kind: 'preview'; readonly summary: ContactsImportSummary }
  | { readonly kind: 'problems'; readonly message: string; readonly problems: readonly Problem[] };

/** How many problems the page lists before it says how many more there are. */
const PROBLEMS_SHOWN = 200;

function Counts({ summary }: { summary: ContactsImportSummary }) {
  const would = summary.dryRun ? 'would be ' : '';
  return (
    <ul>
      <li>{`${summary.rows} rows read`}</li>
      <li>{`${summary.created} contacts ${would}created`}</li>
      <li>{`${summary.updated} contacts ${would}updated`}</li>
      <li>{`${summary.unchanged} contacts unchanged`}</li>
      <li>{`${summary.companiesCreated} companies ${would}created`}</li>
      <li>{`${summary.membershipsChanged} companies ${summary.dryRun ? 'would change' : 'changed'} membership`}</li>
    </ul>
  );
}

function Preview({ summary }: { summary: ContactsImportSummary }) {
  return (
    <section aria-labelledby="preview-heading" class="attention">
      <h2 id="preview-heading">Dry run: nothing was written</h2>
      <Counts summary={summary} />
      {summary.changes.length > 0 ? (
        <table class="table">
          <caption>{`The first ${summary.changes.length} changes`}</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Email</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {summary.changes.map((change) => (
              <tr key={change.line}>
                <td>{change.line}</td>
                <td>{change.email}</td>
                <td>{change.action === 'create' ? 'new contact' : `update ${change.fields.join(', ')}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>The file changes nothing.</p>
      )}
      <p>To import it, choose the same file below and press “Import”.</p>
    </section>
  );
}

function Problems({ message, problems }: { message: string; problems: readonly Problem[] }) {
  return (
    <section class="error-summary" role="alert" tabIndex={-1} aria-labelledby="problems-heading">
      <h2 id="problems-heading">{message}</h2>
      <p>Correct these rows in the file and upload it again. Line numbers count the header as line 1.</p>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Problem</th>
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
      {problems.length > PROBLEMS_SHOWN ? <p>{`…and ${problems.length - PROBLEMS_SHOWN} more. The command line lists them all: insights import contacts <file> --dry-run`}</p> : null}
    </section>
  );
}

/** `/admin/contacts/import`: the upload form, with a dry run's preview or the problems found. */
export function ContactsImportPage({ ctx, outcome }: { ctx: StaffContext; outcome?: ImportOutcome | undefined }) {
  return (
    <AdminLayout site={ctx.deps.site} title="Import contacts" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/contacts">
      <PageHeading back={{ href: '/admin/contacts', label: 'Contacts' }} title="Import contacts" />
      {outcome?.kind === 'problems' ? <Problems message={outcome.message} problems={outcome.problems} /> : null}
      {outcome?.kind === 'preview' ? <Preview summary={outcome.summary} /> : null}
      <p>
        A CSV file (UTF-8) with the header <code>{CONTACTS_CSV_COLUMNS.join(',')}</code>. <code>member</code> is yes or no and sets the company's
        membership; leave <code>company</code> and <code>member</code> empty for a public subscriber. <code>language</code> is en, de or zh (empty
        means en). <code>topics</code> are topic slugs separated by <code>;</code> (empty means all topics).
      </p>
      <p>
        Nothing is written unless every row is valid. Contacts are matched by email address regardless of case: name, company, language and topics
        follow the file. New contacts are subscribed; existing contacts keep their subscription, so an unsubscribe always sticks.
      </p>
      <Form action="/admin/contacts/import" csrf={ctx.csrf} multipart>
        <div class="field">
          <label for="field-file">CSV file</label>
          <input id="field-file" name="file" type="file" accept=".csv,text/csv" required />
        </div>
        <p class="actions">
          <button type="submit" class="button button--quiet" name="mode" value="dry-run">
            Check (dry run)
          </button>
          <button type="submit" class="button" name="mode" value="import">
            Import
          </button>
        </p>
      </Form>
      <p>
        <a href="/admin/contacts/export" download>
          Export all contacts as CSV
        </a>{' '}
        (the same format; cells that start with = + - or @ get a leading ' so spreadsheets do not run them; importing removes it again).
      </p>
    </AdminLayout>
  );
}
