import { formatEventSpan } from '../../lib/local-time.js';
import type { Event } from '../../events/events.js';
import { SUBMISSION_STATUSES, type Registration, type Submission } from '../../events/registrations.js';
import type { SettingsDraft } from '../../events/event-settings.service.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ActionButton, Checkbox, CheckboxGroup, ErrorSummary, Form, inputTypeFor, SelectField, TextArea, TextField, type FormErrors } from '../forms.js';
import { ListTable, PageHeading, shortTime } from '../page-parts.js';

/** The links between an event's desk pages. */
export function EventDeskLinks({ event, current }: { event: Pick<Event, 'id' | 'slug'>; current: 'edit' | 'registrations' | 'settings' | 'submissions' }) {
  const links = [
    { key: 'edit', href: `/admin/events/${event.id}`, label: 'Event' },
    { key: 'registrations', href: `/admin/events/${event.id}/registrations`, label: 'Registrations' },
    { key: 'settings', href: `/admin/events/${event.id}/settings`, label: 'Questions and call' },
    { key: 'submissions', href: `/admin/events/${event.id}/submissions`, label: 'Proposals' },
  ] as const;
  return (
    <nav class="event-desk-links" aria-label="This event">
      <ul>
        {links.map((link) => (
          <li key={link.key}>
            <a href={link.href} aria-current={link.key === current ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
        <li>
          <a href={`/events/${event.slug}`}>Public page</a>
        </li>
      </ul>
    </nav>
  );
}

const STATUS_LABELS: Record<Registration['status'], string> = { confirmed: 'Confirmed', waitlisted: 'Waitlist', cancelled: 'Cancelled' };

/** `/admin/events/<id>/registrations`: who is coming, who waits, check-in, cancel, CSV. */
export function RegistrationsPage({ ctx, event, registrations, waitlist }: { ctx: StaffContext; event: Event; registrations: readonly Registration[]; waitlist: boolean }) {
  const count = (status: Registration['status']) => registrations.filter((registration) => registration.status === status).length;
  const checkedIn = registrations.filter((registration) => registration.checkedInAt !== null).length;
  const base = `/admin/events/${event.id}/registrations`;
  let queue = 0;
  return (
    <AdminLayout site={ctx.deps.site} title={`Registrations: ${event.title}`} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/events">
      <PageHeading back={{ href: '/admin/events', label: 'Events' }} title={`Registrations: ${event.title}`} />
      <EventDeskLinks event={event} current="registrations" />
      <p>{formatEventSpan(event)}</p>
      <p class="registration-counts">
        <strong>{count('confirmed')}</strong> confirmed{event.capacity !== null ? ` of ${event.capacity} places` : ' (no limit)'} · <strong>{count('waitlisted')}</strong> on the waitlist
        {waitlist ? '' : ' (waitlist off)'} · <strong>{count('cancelled')}</strong> cancelled · <strong>{checkedIn}</strong> checked in
      </p>
      <p class="actions">
        <a class="button button--quiet" href={`${base}/export.csv`}>
          Download CSV
        </a>{' '}
        {count('waitlisted') > 0 && (event.capacity === null || count('confirmed') < event.capacity) ? (
          <ActionButton action={`${base}/promote`} csrf={ctx.csrf} label="Give free places to the waitlist" />
        ) : null}
      </p>
      <ListTable
        headings={['#', 'Person', 'Status', 'Registered', 'Answers', 'Checked in', 'Actions']}
        items={registrations}
        empty="Nobody has registered yet."
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
              <td>{STATUS_LABELS[registration.status]}</td>
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
                    label={registration.checkedInAt ? 'Undo check-in' : 'Check in'}
                    tone={registration.checkedInAt ? 'quiet' : undefined}
                    fields={{ checked_in: registration.checkedInAt ? '0' : '1' }}
                  />
                ) : null}
                {registration.status !== 'cancelled' ? <ActionButton action={`${base}/${registration.id}/cancel`} csrf={ctx.csrf} label="Cancel" tone="danger" /> : null}
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
  return (
    <AdminLayout site={ctx.deps.site} title={`Questions and call: ${event.title}`} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/events">
      <PageHeading back={{ href: '/admin/events', label: 'Events' }} title={`Questions and call: ${event.title}`} />
      <EventDeskLinks event={event} current="settings" />
      {event.organiser !== 'own' ? <p class="attention">This is an external event: it takes no registrations here. A call for speakers still works.</p> : null}
      <ErrorSummary errors={errors} />
      <Form action={`/admin/events/${event.id}/settings`} csrf={ctx.csrf} class="form form--wide">
        <h2>Registration</h2>
        <TextArea
          name="questions"
          label="Questions"
          value={draft.questions}
          rows={6}
          errors={errors}
          hint="One question per line. Start a line with * to make it required. End it with [Panel | Workshop] to offer fixed answers. Example: * Which session? [Panel | Workshop]"
        />
        <Checkbox name="waitlist" label="When full, put people on a waitlist (otherwise refuse them)" checked={draft.waitlist} />
        <h2>Call for speakers and partners</h2>
        <CheckboxGroup
          name="call_kinds"
          legend="Open the call for"
          options={[{ value: 'speaker', label: 'Speakers' }, { value: 'partner', label: 'Partners' }]}
          checked={draft.call_kinds}
          errors={errors}
        />
        <TextField name="call_closes" label="Proposals close" type={inputTypeFor('datetime-local', draft.call_closes)} value={draft.call_closes} errors={errors} hint={`Local time in ${event.timeZone}. Leave empty to close the call when the event starts.`} />
        <TextArea name="call_intro" label="What the call asks for" value={draft.call_intro} rows={6} class="markdown" errors={errors} hint="Markdown, public: shown above the proposal form." />
        <p>
          <button type="submit" class="button">
            Save
          </button>
        </p>
      </Form>
    </AdminLayout>
  );
}

const SUBMISSION_LABELS: Record<Submission['status'], string> = { submitted: 'Submitted', accepted: 'Accepted', rejected: 'Declined', withdrawn: 'Withdrawn' };

/** `/admin/events/<id>/submissions`: proposals to the call. */
export function SubmissionsPage({ ctx, event, submissions }: { ctx: StaffContext; event: Event; submissions: readonly Submission[] }) {
  return (
    <AdminLayout site={ctx.deps.site} title={`Proposals: ${event.title}`} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/events">
      <PageHeading back={{ href: '/admin/events', label: 'Events' }} title={`Proposals: ${event.title}`} />
      <EventDeskLinks event={event} current="submissions" />
      <ListTable
        headings={['Proposal', 'From', 'As', 'Status', 'Received']}
        items={submissions}
        empty="No proposals yet."
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
            <td>{SUBMISSION_LABELS[submission.status]}</td>
            <td>{shortTime(submission.createdAt)}</td>
          </tr>
        )}
      />
    </AdminLayout>
  );
}

/** `/admin/events/<id>/submissions/<sid>`: one proposal, its review notes and the decision. */
export function SubmissionPage({ ctx, event, submission, values, errors }: { ctx: StaffContext; event: Event; submission: Submission; values: { status: string; review_notes: string }; errors?: FormErrors | undefined }) {
  const options = SUBMISSION_STATUSES.filter((status) => status !== 'withdrawn' || submission.status === 'withdrawn').map((status) => ({ value: status, label: SUBMISSION_LABELS[status] }));
  return (
    <AdminLayout site={ctx.deps.site} title={submission.title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/events">
      <PageHeading back={{ href: `/admin/events/${event.id}/submissions`, label: `Proposals: ${event.title}` }} title={submission.title} />
      <dl class="facts">
        <dt>From</dt>
        <dd>
          {submission.name} · <a href={`mailto:${submission.email}`}>{submission.email}</a>
          {submission.organisation ? ` · ${submission.organisation}` : ''}
        </dd>
        <dt>As</dt>
        <dd>{submission.kind}</dd>
        <dt>Received</dt>
        <dd>{shortTime(submission.createdAt)}</dd>
        <dt>Status</dt>
        <dd>
          {SUBMISSION_LABELS[submission.status]}
          {submission.decidedAt ? ` (${shortTime(submission.decidedAt)})` : ''}
        </dd>
      </dl>
      <h2>Proposal</h2>
      <p class="submission-summary">{submission.summary}</p>
      <ErrorSummary errors={errors} />
      <Form action={`/admin/events/${event.id}/submissions/${submission.id}`} csrf={ctx.csrf}>
        <SelectField name="status" label="Decision" value={values.status} options={options} errors={errors} hint="Changing it to Accepted or Declined emails the decision to the submitter." />
        <TextArea name="review_notes" label="Review notes" value={values.review_notes} rows={6} errors={errors} hint="For the team only; never sent to the submitter." />
        <p>
          <button type="submit" class="button">
            Save
          </button>
        </p>
      </Form>
    </AdminLayout>
  );
}
