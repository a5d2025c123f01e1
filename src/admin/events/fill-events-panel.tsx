import { defaultWindow } from '../../issues/fill-issue-events.service.js';
import type { Issue } from '../../issues/issues.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ErrorSummary, Form, inputTypeFor, TextField, type FormErrors } from '../forms.js';
import { PageHeading } from '../page-parts.js';

interface FillValues {
  readonly from: string;
  readonly until: string;
  readonly as_of: string;
}

function FillForm({ ctx, slug, values, errors }: { ctx: StaffContext; slug: string; values: FillValues; errors?: FormErrors | undefined }) {
  return (
    <Form action={`/admin/issues/${slug}/fill-events`} csrf={ctx.csrf} class="form fill-events">
      <p>
        Replaces the items of the first “upcoming events” and “past events” sections with the events of the window (adding those sections when
        missing). Events that end before the split day are past. Save your other changes first: this saves the issue.
      </p>
      <TextField name="from" label="First day" type={inputTypeFor('date', values.from)} value={values.from} required errors={errors} />
      <TextField name="until" label="Last day" type={inputTypeFor('date', values.until)} value={values.until} required errors={errors} />
      <TextField name="as_of" label="Split day" type={inputTypeFor('date', values.as_of)} value={values.as_of} required errors={errors} hint="Usually the day the issue goes out." />
      <p>
        <button type="submit" class="button button--quiet">
          Fill in the events
        </button>
      </p>
    </Form>
  );
}

/** The issue page's "fill the upcoming and past events from this quarter" form (issue 5). */
export function FillEventsPanel({ ctx, issue }: { ctx: StaffContext; issue: Issue }) {
  if (!ctx.can('draft_content')) return null;
  if (issue.status !== 'draft' && !ctx.can('publish_content')) return null;
  const window = defaultWindow(issue, ctx.deps.clock.now());
  return (
    <details class="fill-events-panel">
      <summary>Fill the event sections from this quarter’s events</summary>
      <FillForm ctx={ctx} slug={issue.slug} values={{ from: window.from, until: window.until, as_of: window.asOf }} />
    </details>
  );
}

/** The fill form again with its errors, when the dates were not usable. */
export function FillEventsPage({ ctx, slug, values, errors }: { ctx: StaffContext; slug: string; values: FillValues; errors?: FormErrors | undefined }) {
  return (
    <AdminLayout site={ctx.deps.site} title="Fill in events" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/issues">
      <PageHeading back={{ href: `/admin/issues/${slug}/edit`, label: 'Back to the issue' }} title="Fill in events" />
      <ErrorSummary errors={errors} />
      <FillForm ctx={ctx} slug={slug} values={values} errors={errors} />
    </AdminLayout>
  );
}
