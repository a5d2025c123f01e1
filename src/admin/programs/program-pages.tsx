import { MEMBERS_ONLY_MARKER } from '../../content/body.js';
import type { DeskItem } from '../../issues/item-editing.service.js';
import type { PublicLock } from '../../issues/publicity.service.js';
import type { Program } from '../../programs/programs.js';
import type { ProgramDraft } from '../../programs/program-draft.js';
import { PROGRAM_ROLES } from '../../programs/programs.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { DeleteSection, IssueNames } from '../delete-section.js';
import { CheckboxGroup, ErrorSummary, Form, inputTypeFor, TextArea, TextField, wholeNumberInput, type FormErrors } from '../forms.js';
import { ListTable, PageHeading } from '../page-parts.js';
import { PublicLockNotice } from '../issues/public-lock-notice.js';

/** `/admin/programs`: every program with its roles, dates and the issues that list it. */
export function ProgramListPage({ ctx, programs, registrations }: { ctx: StaffContext; programs: readonly DeskItem<Program>[]; registrations?: ReadonlyMap<number, { mentor: number; mentee: number; participant: number }> }) {
  return (
    <AdminLayout site={ctx.deps.site} title="Programs" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/programs">
      <h1>Programs</h1>
      <p class="actions">
        <a class="button" href="/admin/programs/new">
          New program
        </a>
      </p>
      <ListTable
        headings={['Program', 'Roles', 'Registration deadline', 'Cohort start', 'Months', 'Registered', 'In issues']}
        items={programs}
        empty="There are no programs yet."
        row={({ item: program, issues }) => (
          <tr key={program.id}>
            <td>
              <a href={`/admin/programs/${program.id}`}>{program.title}</a>
              <br />
              <small>{program.slug}</small>
            </td>
            <td>{program.roles.join(', ')}</td>
            <td>{program.registrationDeadline ? `${program.registrationDeadline} (${program.timeZone})` : '—'}</td>
            <td>{program.cohortStart ?? '—'}</td>
            <td>{program.durationMonths ?? '—'}</td>
            <td>
              <RegisteredCount ctx={ctx} programId={program.id} counts={registrations?.get(program.id)} />
            </td>
            <td>
              <IssueNames issues={issues} />
            </td>
          </tr>
        )}
      />
    </AdminLayout>
  );
}

interface ProgramFormProps {
  readonly ctx: StaffContext;
  readonly draft: ProgramDraft;
  readonly existing?: DeskItem<Program> | undefined;
  readonly errors?: FormErrors | undefined;
  readonly deleteErrors?: FormErrors | undefined;
  /** Why the one looking may not change this public program, when they may not: the page says so and offers no Save. */
  readonly lock?: PublicLock | undefined;
}

/** `/admin/programs/new` and `/admin/programs/<id>`. */
export function ProgramFormPage({ ctx, draft, existing, errors, deleteErrors, lock }: ProgramFormProps) {
  const title = existing ? existing.item.title : 'New program';
  const action = existing ? `/admin/programs/${existing.item.id}` : '/admin/programs';
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/programs">
      <PageHeading back={{ href: '/admin/programs', label: 'Programs' }} title={title} />
      {existing ? (
        <p>
          <a href={`/programs/${existing.item.slug}`}>Public page</a> · In issues: <IssueNames issues={existing.issues} />
          {ctx.can('manage_registrations') ? (
            <>
              {' '}· <a href={`/admin/programs/${existing.item.id}/registrations`}>Registrations</a> ·{' '}
              <a href={`/admin/programs/${existing.item.id}/matching`}>Matching</a>
            </>
          ) : null}
        </p>
      ) : null}
      <ErrorSummary errors={errors ?? deleteErrors} />
      {errors ? null : <PublicLockNotice lock={lock} />}
      <Form action={action} csrf={ctx.csrf} class="form form--wide">
        <TextField name="slug" label="Slug" value={draft.slug} required errors={errors} hint="Lowercase letters, digits and single hyphens. The public page is /programs/<slug>." />
        <TextField name="title" label="Title" value={draft.title} required errors={errors} />
        <CheckboxGroup name="roles" legend="Roles people can register for" options={PROGRAM_ROLES.map((role) => ({ value: role, label: role }))} checked={draft.roles} errors={errors} />
        <TextField name="registration_deadline" label="Registration deadline" type={inputTypeFor('date', draft.registration_deadline)} value={draft.registration_deadline} errors={errors} hint="The last day to register, inclusive, in the program's time zone." />
        <TextField name="time_zone" label="Time zone" value={draft.time_zone} errors={errors} hint="IANA zone of the deadline, e.g. Asia/Shanghai (the default when empty)." />
        <TextField name="cohort_start" label="Cohort starts" type={inputTypeFor('date', draft.cohort_start)} value={draft.cohort_start} errors={errors} />
        <TextField name="duration_months" label="Duration in months" {...wholeNumberInput(draft.duration_months, 1)} value={draft.duration_months} errors={errors} />
        <TextField name="contact_name" label="Contact name" value={draft.contact_name} errors={errors} />
        <TextField name="contact_email" label="Contact email" type="email" value={draft.contact_email} errors={errors} />
        <TextArea name="body" label="Description" value={draft.body} rows={12} class="markdown" errors={errors} hint={`Markdown. Text after a line “${MEMBERS_ONLY_MARKER}” is for members only.`} />
        {lock ? null : (
          <p>
            <button type="submit" class="button">
              {existing ? 'Save' : 'Create program'}
            </button>
          </p>
        )}
      </Form>
      {existing && ctx.can('publish_content') ? (
        <DeleteSection action={`/admin/programs/${existing.item.id}/delete`} csrf={ctx.csrf} what="program" issues={existing.issues} errors={deleteErrors} />
      ) : null}
    </AdminLayout>
  );
}

/** "2 mentors, 5 mentees", linked to the registrations for those who may see them. */
function RegisteredCount({ ctx, programId, counts }: { ctx: StaffContext; programId: number; counts: { mentor: number; mentee: number; participant: number } | undefined }) {
  const parts = counts ? (['mentor', 'mentee', 'participant'] as const).filter((role) => counts[role] > 0).map((role) => `${counts[role]} ${role}${counts[role] === 1 ? '' : 's'}`) : [];
  const text = parts.length > 0 ? parts.join(', ') : 'nobody yet';
  return ctx.can('manage_registrations') ? <a href={`/admin/programs/${programId}/registrations`}>{text}</a> : <>{text}</>;
}
