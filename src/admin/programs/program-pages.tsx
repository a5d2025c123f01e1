import { MEMBERS_ONLY_MARKER } from '../../content/body.js';
import type { DeskItem } from '../../issues/item-editing.service.js';
import type { PublicLock } from '../../issues/publicity.service.js';
import type { Program } from '../../programs/programs.js';
import type { ProgramDraft } from '../../programs/program-draft.js';
import { PROGRAM_ROLES } from '../../programs/programs.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { DeleteSection, IssueNames } from '../delete-section.js';
import { TranslationBadges, TranslationsBox } from '../translations/translation.pages.js';
import type { TranslationLanguage, TranslationState } from '../../translations/translations.js';
import { CheckboxGroup, ErrorSummary, Form, inputTypeFor, TextArea, TextField, wholeNumberInput, type FormErrors } from '../forms.js';
import { ListTable, PageHeading } from '../page-parts.js';
import { PublicLockNotice } from '../issues/public-lock-notice.js';

/** `/admin/programs`: every program with its roles, dates and the issues that list it. */
export function ProgramListPage({ ctx, programs, registrations, translations }: { ctx: StaffContext; programs: readonly DeskItem<Program>[]; registrations?: ReadonlyMap<number, { mentor: number; mentee: number; participant: number }>; translations?: ReadonlyMap<number, Readonly<Record<TranslationLanguage, TranslationState>>> }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('desk.nav.programs')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/programs">
      <h1>{t('desk.nav.programs')}</h1>
      <p class="actions">
        <a class="button" href="/admin/programs/new">
          {t('desk.programs.new')}
        </a>
      </p>
      <ListTable
        headings={[t('desk.programs.program'), t('desk.programs.roles'), t('desk.programs.deadline'), t('desk.programs.cohortStart'), t('desk.programs.months'), t('desk.programs.registered'), t('desk.programs.inIssues'), t('deskTranslating.column')]}
        items={programs}
        empty={t('desk.programs.none')}
        row={({ item: program, issues }) => (
          <tr key={program.id}>
            <td>
              <a href={`/admin/programs/${program.id}`}>{program.title}</a>
              <br />
              <small>{program.slug}</small>
            </td>
            <td>{program.roles.map((role) => t('desk.programs.role', { role })).join(', ')}</td>
            <td>{program.registrationDeadline ? `${program.registrationDeadline} (${program.timeZone})` : '—'}</td>
            <td>{program.cohortStart ?? '—'}</td>
            <td>{program.durationMonths ?? '—'}</td>
            <td>
              <RegisteredCount ctx={ctx} programId={program.id} counts={registrations?.get(program.id)} />
            </td>
            <td>
              <IssueNames issues={issues} />
            </td>
            <td>
              <TranslationBadges states={translations?.get(program.id)} />
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
  /** The stored item's German and Chinese states. */
  readonly translations?: Readonly<Record<TranslationLanguage, TranslationState>> | undefined;
}

/** `/admin/programs/new` and `/admin/programs/<id>`. */
export function ProgramFormPage({ ctx, draft, existing, errors, deleteErrors, lock, translations }: ProgramFormProps) {
  const { t } = ctx.locale;
  const title = existing ? existing.item.title : t('desk.programs.new');
  const action = existing ? `/admin/programs/${existing.item.id}` : '/admin/programs';
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/programs">
      <PageHeading back={{ href: '/admin/programs', label: t('desk.nav.programs') }} title={title} />
      {existing ? (
        <p>
          <a href={`/programs/${existing.item.slug}`}>{t('desk.programs.publicPage')}</a> · {t('desk.programs.inIssuesLabel')} <IssueNames issues={existing.issues} />
          {ctx.can('manage_registrations') ? (
            <>
              {' '}· <a href={`/admin/programs/${existing.item.id}/registrations`}>{t('desk.programs.registrations')}</a> ·{' '}
              <a href={`/admin/programs/${existing.item.id}/matching`}>{t('desk.programs.matching')}</a>
            </>
          ) : null}
        </p>
      ) : null}
      <ErrorSummary errors={errors ?? deleteErrors} />
      {errors ? null : <PublicLockNotice lock={lock} />}
      <Form action={action} csrf={ctx.csrf} class="form form--wide">
        <TextField name="slug" label={t('desk.programs.slug')} value={draft.slug} required errors={errors} hint={t('desk.programs.slugHint')} />
        <TextField name="title" label={t('desk.programs.title')} value={draft.title} required errors={errors} />
        <CheckboxGroup name="roles" legend={t('desk.programs.rolesLegend')} options={PROGRAM_ROLES.map((role) => ({ value: role, label: t('desk.programs.role', { role }) }))} checked={draft.roles} errors={errors} />
        <TextField name="registration_deadline" label={t('desk.programs.deadline')} type={inputTypeFor('date', draft.registration_deadline)} value={draft.registration_deadline} errors={errors} hint={t('desk.programs.deadlineHint')} />
        <TextField name="time_zone" label={t('desk.programs.timeZone')} value={draft.time_zone} errors={errors} hint={t('desk.programs.timeZoneHint')} />
        <TextField name="cohort_start" label={t('desk.programs.cohortStarts')} type={inputTypeFor('date', draft.cohort_start)} value={draft.cohort_start} errors={errors} />
        <TextField name="duration_months" label={t('desk.programs.duration')} {...wholeNumberInput(draft.duration_months, 1)} value={draft.duration_months} errors={errors} />
        <TextField name="contact_name" label={t('desk.programs.contactName')} value={draft.contact_name} errors={errors} />
        <TextField name="contact_email" label={t('desk.programs.contactEmail')} type="email" value={draft.contact_email} errors={errors} />
        <TextArea name="body" label={t('desk.programs.description')} value={draft.body} rows={12} class="markdown" errors={errors} hint={t('desk.programs.markdownHint', { marker: MEMBERS_ONLY_MARKER })} />
        {lock ? null : (
          <p>
            <button type="submit" class="button">
              {existing ? t('desk.forms.save') : t('desk.programs.create')}
            </button>
          </p>
        )}
      </Form>
      {existing && translations ? <TranslationsBox kind="program" itemKey={String(existing.item.id)} states={translations} /> : null}
      {existing && ctx.can('publish_content') ? (
        <DeleteSection action={`/admin/programs/${existing.item.id}/delete`} csrf={ctx.csrf} what="program" issues={existing.issues} errors={deleteErrors} />
      ) : null}
    </AdminLayout>
  );
}

/** "2 mentors, 5 mentees", linked to the registrations for those who may see them. */
function RegisteredCount({ ctx, programId, counts }: { ctx: StaffContext; programId: number; counts: { mentor: number; mentee: number; participant: number } | undefined }) {
  const { t } = ctx.locale;
  const parts = counts ? (['mentor', 'mentee', 'participant'] as const).filter((role) => counts[role] > 0).map((role) => t('desk.programs.count', { count: counts[role], role })) : [];
  const text = parts.length > 0 ? parts.join(', ') : t('desk.programs.nobody');
  return ctx.can('manage_registrations') ? <a href={`/admin/programs/${programId}/registrations`}>{text}</a> : <>{text}</>;
}
