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
  const { t } = ctx.locale;
  return (
    <Form action={`/admin/issues/${slug}/fill-events`} csrf={ctx.csrf} class="form fill-events">
      <p>{t('desk.fill.intro')}</p>
      <TextField name="from" label={t('desk.fill.from')} type={inputTypeFor('date', values.from)} value={values.from} required errors={errors} />
      <TextField name="until" label={t('desk.fill.until')} type={inputTypeFor('date', values.until)} value={values.until} required errors={errors} />
      <TextField name="as_of" label={t('desk.fill.asOf')} type={inputTypeFor('date', values.as_of)} value={values.as_of} required errors={errors} hint={t('desk.fill.asOfHint')} />
      <p>
        <button type="submit" class="button button--quiet">
          {t('desk.fill.submit')}
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
      <summary>{ctx.locale.t('desk.fill.summary')}</summary>
      <FillForm ctx={ctx} slug={issue.slug} values={{ from: window.from, until: window.until, as_of: window.asOf }} />
    </details>
  );
}

/** The fill form again with its errors, when the dates were not usable. */
export function FillEventsPage({ ctx, slug, values, errors }: { ctx: StaffContext; slug: string; values: FillValues; errors?: FormErrors | undefined }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('desk.fill.title')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/issues">
      <PageHeading back={{ href: `/admin/issues/${slug}/edit`, label: t('desk.fill.back') }} title={t('desk.fill.title')} />
      <ErrorSummary errors={errors} />
      <FillForm ctx={ctx} slug={slug} values={values} errors={errors} />
    </AdminLayout>
  );
}
