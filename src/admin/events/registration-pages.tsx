import { formatEventSpan } from '../../lib/local-time.js';
import type { Event } from '../../events/events.js';
import { SUBMISSION_STATUSES, type Registration, type Submission } from '../../events/registrations.js';
import type { SettingsDraft } from '../../events/event-settings.service.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ActionButton, Checkbox, CheckboxGroup, ErrorSummary, Form, inputTypeFor, SelectField, TextArea, TextField, type FormErrors } from '../forms.js';
import { ListTable, PageHeading, shortTime, TextWith } from '../page-parts.js';
import { useLocale } from '../../web/locale.js';

/** The links between an event's desk pages. */
export function EventDeskLinks({ event, current }: { event: Pick<Event, 'id' | 'slug'>; current: 'edit' | 'registrations' | 'settings' | 'submissions' }) {
  const { t } = useLocale();
  const links = [
    { key: 'edit', href: `/admin/events/${event.id}`, label: t('deskSending.events.event') },
    { key: 'registrations', href: `/admin/events/${event.id}/registrations`, label: t('deskSending.events.registrations') },
    { key: 'settings', href: `/admin/events/${event.id}/settings`, label: t('deskSending.events.questionsAndCall') },
    { key: 'submissions', href: `/admin/events/${event.id}/submissions`, label: t('deskSending.events.proposals') },
  ] as const;
  return (
    <nav class="event-desk-links" aria-label={t('deskSending.events.thisEvent')}>
      <ul>
        {links.map((link) => (
          <li key={link.key}>
            <a href={link.href} aria-current={link.key === current ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
        <li>
          <a href={`/events/${event.slug}`}>{t('desk.programs.publicPage')}</a>
        </li>
      </ul>
    </nav>
  );
}


/** `/admin/events/<id>/registrations`: who is coming, who waits, check-in, cancel, CSV. */
export function RegistrationsPage({ ctx, event, registrations, waitlist }: { ctx: StaffContext; event: Event; registrations: readonly Registration[]; waitlist: boolean }) {
  const count = (status: Registration['status']) => registrations.filter((registration) => registration.status === status).length;
  const checkedIn = registrations.filter((registration) => registration.checkedInAt !== null).length;
  const base = `/admin/events/${event.id}/registrations`;
  let queue = 0;
  const { t } = ctx.locale;
  const title = t('deskSending.events.registrationsOf', { title: event.title });
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/events">
      <PageHeading back={{ href: '/admin/events', label: t('desk.nav.events') }} title={title} />
      <EventDeskLinks event={event} current="registrations" />
      <p>{formatEventSpan(event)}</p>
      <p class="registration-counts">
        <TextWith
          text={(markers) => t('deskSending.events.counts', { ...markers, limit: event.capacity !== null ? 'yes' : 'no', capacity: event.capacity ?? 0, waitlist: waitlist ? 'on' : 'off' })}
          elements={{ confirmed: <strong>{count('confirmed')}</strong>, waitlisted: <strong>{count('waitlisted')}</strong>, cancelled: <strong>{count('cancelled')}</strong>, checkedIn: <strong>{checkedIn}</strong> }}
        />
      </p>
      <p class="actions">
        <a class="button button--quiet" href={`${base}/export.csv`}>
          {t('deskSending.events.downloadCsv')}
        </a>{' '}
        {count('waitlisted') > 0 && (event.capacity === null || count('confirmed') < event.capacity) ? (
          <ActionButton action={`${base}/promote`} csrf={ctx.csrf} label={t('deskSending.events.promote')} />
        ) : null}
      </p>
      <ListTable
        headings={['#', t('deskSending.events.person'), t('deskSending.events.status'), t('deskSending.events.registered'), t('deskSending.events.answers'), t('deskSending.events.checkedIn'), t('deskSending.events.actions')]}
        items={registrations}
        empty={t('deskSending.events.noRegistrations')}
        row={(registration) => {
          if (registration.status === 'waitlisted') queue += 1;
          return (
            <tr key={registration.id}>
              <td>{registration.status === 'waitlisted' ? `W${queue}` : registration.id}</td>
              <td>
                {registration.name || registration.email}
                <br />
                <small>
                  {registration.email}
                  {registration.company ? ` · ${registration.company}` : ''}
                </small>
              </td>
              <td>{t('deskSending.events.registrationStatus', { status: registration.status })}</td>
              <td>{shortTime(registration.registeredAt)}</td>
              <td>
                {registration.answers.length === 0 ? null : (
                  <dl class="answers">
                    {registration.answers.map((answer) => (
                      <>
                        <dt>{answer.question}</dt>
                        <dd>{answer.answer || '—'}</dd>
                      </>
                    ))}
                  </dl>
                )}
              </td>
              <td>{registration.checkedInAt ? shortTime(registration.checkedInAt) : '—'}</td>
              <td>
                {registration.status === 'confirmed' ? (
                  <ActionButton
                    action={`${base}/${registration.id}/check-in`}
                    csrf={ctx.csrf}
                    label={registration.checkedInAt ? t('deskSending.events.undoCheckIn') : t('deskSending.events.checkIn')}
                    tone={registration.checkedInAt ? 'quiet' : undefined}
                    fields={{ checked_in: registration.checkedInAt ? '0' : '1' }}
                  />
                ) : null}
                {registration.status !== 'cancelled' ? <ActionButton action={`${base}/${registration.id}/cancel`} csrf={ctx.csrf} label={t('deskSending.events.cancel')} tone="danger" /> : null}
              </td>
            </tr>
          );
        }}
      />
    </AdminLayout>
  );
}

/** `/admin/events/<id>/settings`: registration questions, the waitlist and the call for speakers. */
export function SettingsPage({ ctx, event, draft, errors }: { ctx: StaffContext; event: Event; draft: SettingsDraft; errors?: FormErrors | undefined }) {
  const { t } = ctx.locale;
  const title = t('deskSending.events.questionsAndCallOf', { title: event.title });
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/events">
      <PageHeading back={{ href: '/admin/events', label: t('desk.nav.events') }} title={title} />
      <EventDeskLinks event={event} current="settings" />
      {event.organiser !== 'own' ? <p class="attention">{t('deskSending.events.externalNote')}</p> : null}
      <ErrorSummary errors={errors} />
      <Form action={`/admin/events/${event.id}/settings`} csrf={ctx.csrf} class="form form--wide">
        <h2>{t('deskSending.events.registration')}</h2>
        <TextArea
          name="questions"
          label={t('deskSending.events.questions')}
          value={draft.questions}
          rows={6}
          errors={errors}
          hint={t('deskSending.events.questionsHint')}
        />
        <Checkbox name="waitlist" label={t('deskSending.events.waitlistLabel')} checked={draft.waitlist} />
        <h2>{t('deskSending.events.callHeading')}</h2>
        <CheckboxGroup
          name="call_kinds"
          legend={t('deskSending.events.openCallFor')}
          options={[{ value: 'speaker', label: t('deskSending.events.speakers') }, { value: 'partner', label: t('deskSending.events.partners') }]}
          checked={draft.call_kinds}
          errors={errors}
        />
        <TextField name="call_closes" label={t('deskSending.events.proposalsClose')} type={inputTypeFor('datetime-local', draft.call_closes)} value={draft.call_closes} errors={errors} hint={t('deskSending.events.closesHint', { zone: event.timeZone })} />
        <TextArea name="call_intro" label={t('deskSending.events.callIntro')} value={draft.call_intro} rows={6} class="markdown" errors={errors} hint={t('deskSending.events.callIntroHint')} />
        <p>
          <button type="submit" class="button">
            {t('desk.forms.save')}
          </button>
        </p>
      </Form>
    </AdminLayout>
  );
}


/** `/admin/events/<id>/submissions`: proposals to the call. */
export function SubmissionsPage({ ctx, event, submissions }: { ctx: StaffContext; event: Event; submissions: readonly Submission[] }) {
  const { t } = ctx.locale;
  const title = t('deskSending.events.proposalsOf', { title: event.title });
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/events">
      <PageHeading back={{ href: '/admin/events', label: t('desk.nav.events') }} title={title} />
      <EventDeskLinks event={event} current="submissions" />
      <ListTable
        headings={[t('deskSending.events.proposal'), t('deskSending.events.from'), t('deskSending.events.as'), t('deskSending.events.status'), t('deskSending.events.received')]}
        items={submissions}
        empty={t('deskSending.events.noProposals')}
        row={(submission) => (
          <tr key={submission.id}>
            <td>
              <a href={`/admin/events/${event.id}/submissions/${submission.id}`}>{submission.title}</a>
            </td>
            <td>
              {submission.name}
              <br />
              <small>
                {submission.email}
                {submission.organisation ? ` · ${submission.organisation}` : ''}
              </small>
            </td>
            <td>{submission.kind}</td>
            <td>{t('deskSending.events.submissionStatus', { status: submission.status })}</td>
            <td>{shortTime(submission.createdAt)}</td>
          </tr>
        )}
      />
    </AdminLayout>
  );
}

/** `/admin/events/<id>/submissions/<sid>`: one proposal, its review notes and the decision. */
export function SubmissionPage({ ctx, event, submission, values, errors }: { ctx: StaffContext; event: Event; submission: Submission; values: { status: string; review_notes: string }; errors?: FormErrors | undefined }) {
  const { t } = ctx.locale;
  const options = SUBMISSION_STATUSES.filter((status) => status !== 'withdrawn' || submission.status === 'withdrawn').map((status) => ({ value: status, label: t('deskSending.events.submissionStatus', { status }) }));
  return (
    <AdminLayout site={ctx.deps.site} title={submission.title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/events">
      <PageHeading back={{ href: `/admin/events/${event.id}/submissions`, label: t('deskSending.events.proposalsOf', { title: event.title }) }} title={submission.title} />
      <dl class="facts">
        <dt>{t('deskSending.events.from')}</dt>
        <dd>
          {submission.name} · <a href={`mailto:${submission.email}`}>{submission.email}</a>
          {submission.organisation ? ` · ${submission.organisation}` : ''}
        </dd>
        <dt>{t('deskSending.events.as')}</dt>
        <dd>{submission.kind}</dd>
        <dt>{t('deskSending.events.received')}</dt>
        <dd>{shortTime(submission.createdAt)}</dd>
        <dt>{t('deskSending.events.status')}</dt>
        <dd>
          {t('deskSending.events.submissionStatus', { status: submission.status })}
          {submission.decidedAt ? ` (${shortTime(submission.decidedAt)})` : ''}
        </dd>
      </dl>
      <h2>{t('deskSending.events.proposal')}</h2>
      <p class="submission-summary">{submission.summary}</p>
      <ErrorSummary errors={errors} />
      <Form action={`/admin/events/${event.id}/submissions/${submission.id}`} csrf={ctx.csrf}>
        <SelectField name="status" label={t('deskSending.events.decision')} value={values.status} options={options} errors={errors} hint={t('deskSending.events.decisionHint')} />
        <TextArea name="review_notes" label={t('deskSending.events.reviewNotes')} value={values.review_notes} rows={6} errors={errors} hint={t('deskSending.events.reviewNotesHint')} />
        <p>
          <button type="submit" class="button">
            {t('desk.forms.save')}
          </button>
        </p>
      </Form>
    </AdminLayout>
  );
}
