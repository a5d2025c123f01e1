import type { Sector } from '../../content/taxonomy.service.js';
import type { EventFilter } from '../../events/event-store.js';
import type { Event } from '../../events/events.js';
import type { DeskItem } from '../../issues/item-editing.service.js';
import type { PublicLock } from '../../issues/publicity.service.js';
import type { EventDraft } from '../../events/event-draft.js';
import { formatEventSpan } from '../../lib/local-time.js';
import { ORGANISERS } from '../../events/events.js';
import { offersRegistration } from '../../events/registrations.js';
import { MEMBERS_ONLY_MARKER } from '../../content/body.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { DeleteSection, IssueNames } from '../delete-section.js';
import { Checkbox, CheckboxGroup, ErrorSummary, Form, inputTypeFor, SelectField, TextArea, TextField, wholeNumberInput, type FormErrors } from '../forms.js';
import { FilterForm, FilterSelect, ListTable, PageHeading } from '../page-parts.js';
import { PublicLockNotice } from '../issues/public-lock-notice.js';
import { EventDeskLinks } from './registration-pages.js';

const WHEN_OPTIONS = [
  { value: 'upcoming', label: 'Upcoming and running' },
  { value: 'past', label: 'Past' },
  { value: 'all', label: 'All' },
] as const;

const ORGANISER_LABELS: Record<(typeof ORGANISERS)[number], string> = { own: 'Our own event', external: 'External event' };

/** `/admin/events`: the list with its filters; times in each event's own zone with the zone label. */
export function EventListPage({
  ctx, events, cities, filter, registrations = new Map(), notice,
}: { ctx: StaffContext; events: readonly DeskItem<Event>[]; cities: readonly string[]; filter: EventFilter; registrations?: ReadonlyMap<number, { confirmed: number; waitlisted: number }>; notice?: string | undefined }) {
  return (
    <AdminLayout site={ctx.deps.site} title="Events" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/events">
      <h1>Events</h1>
      <p class="actions">
        <a class="button" href="/admin/events/new">
          New event
        </a>
      </p>
      <FilterForm action="/admin/events">
        <FilterSelect name="when" label="When" value={filter.when} options={WHEN_OPTIONS} />
        <FilterSelect name="city" label="City" value={filter.city ?? ''} options={[{ value: '', label: 'All cities' }, ...cities.map((city) => ({ value: city, label: city }))]} />
        <FilterSelect
          name="organiser"
          label="Organiser"
          value={filter.organiser ?? ''}
          options={[{ value: '', label: 'Anyone' }, ...ORGANISERS.map((organiser) => ({ value: organiser, label: ORGANISER_LABELS[organiser] }))]}
        />
      </FilterForm>
      {notice ? (
        <p class="attention" role="status">
          {notice}
        </p>
      ) : null}
      <ListTable
        headings={['Event', 'When (local time)', 'City', 'Organiser', 'Registrations', 'In issues']}
        items={events}
        empty="No events match these filters."
        row={({ item: event, issues }) => (
          <tr key={event.id}>
            <td>
              <a href={`/admin/events/${event.id}`}>{event.title}</a>
              <br />
              <small>{event.slug}</small>
            </td>
            <td>
              {formatEventSpan(event)}
              {event.allDay ? ` (${event.timeZone})` : null}
            </td>
            <td>{[event.city, event.online ? 'online' : null].filter(Boolean).join(', ')}</td>
            <td>{event.organiser === 'own' ? 'own' : `external${event.organiserName ? `: ${event.organiserName}` : ''}`}</td>
            <td>
              {offersRegistration(event) || registrations.has(event.id) ? (
                <a href={`/admin/events/${event.id}/registrations`}>
                  {`${registrations.get(event.id)?.confirmed ?? 0}${event.capacity !== null ? ` / ${event.capacity}` : ''}`}
                  {registrations.get(event.id)?.waitlisted ? ` · ${registrations.get(event.id)!.waitlisted} waiting` : ''}
                </a>
              ) : (
                '—'
              )}
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

interface EventFormProps {
  readonly ctx: StaffContext;
  readonly sectors: readonly Sector[];
  readonly draft: EventDraft;
  /** The stored event when editing; absent for a new one. */
  readonly existing?: DeskItem<Event> | undefined;
  readonly errors?: FormErrors | undefined;
  /** Errors of the delete form, shown beside it. */
  readonly deleteErrors?: FormErrors | undefined;
  /** Why the one looking may not change this public event, when they may not: the page says so and offers no Save. */
  readonly lock?: PublicLock | undefined;
}

/** `/admin/events/new` and `/admin/events/<id>`: every field of an event, local times in its zone. */
export function EventFormPage({ ctx, sectors, draft, existing, errors, deleteErrors, lock }: EventFormProps) {
  const title = existing ? existing.item.title : 'New event';
  const action = existing ? `/admin/events/${existing.item.id}` : '/admin/events';
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/events">
      <PageHeading back={{ href: '/admin/events', label: 'Events' }} title={title} />
      {existing ? (
        <p>
          {formatEventSpan(existing.item)} · <a href={`/events/${existing.item.slug}`}>Public page</a> · In issues: <IssueNames issues={existing.issues} />
        </p>
      ) : null}
      {existing && ctx.can('manage_registrations') ? <EventDeskLinks event={existing.item} current="edit" /> : null}
      <ErrorSummary errors={errors ?? deleteErrors} />
      {errors ? null : <PublicLockNotice lock={lock} />}
      <Form action={action} csrf={ctx.csrf} class="form form--wide">
        <TextField name="slug" label="Slug" value={draft.slug} required errors={errors} hint="Lowercase letters, digits and single hyphens. The public page is /events/<slug>; changing it changes that address." />
        <TextField name="title" label="Title" value={draft.title} required errors={errors} />
        <SelectField name="organiser" label="Organiser" value={draft.organiser} options={ORGANISERS.map((value) => ({ value, label: ORGANISER_LABELS[value] }))} errors={errors} />
        <TextField name="organiser_name" label="Organiser’s name" value={draft.organiser_name} errors={errors} hint="Who runs it, for external events." />

        <h2>When</h2>
        <TextField name="time_zone" label="Time zone" value={draft.time_zone} required errors={errors} hint="IANA zone of the place, e.g. Asia/Shanghai or Europe/Berlin. Every time on this form is local time there." />
        <Checkbox name="all_day" label="All-day event (only the days count; times are ignored)" checked={draft.all_day} />
        <TextField name="starts_on" label="First day" type={inputTypeFor('date', draft.starts_on)} value={draft.starts_on} required errors={errors} />
        <TextField name="starts_time" label="Start time" type={inputTypeFor('time', draft.starts_time)} value={draft.starts_time} errors={errors} hint="HH:MM, 24-hour, local time." />
        <TextField name="ends_on" label="Last day" type={inputTypeFor('date', draft.ends_on)} value={draft.ends_on} required errors={errors} />
        <TextField name="ends_time" label="End time" type={inputTypeFor('time', draft.ends_time)} value={draft.ends_time} errors={errors} hint="HH:MM, 24-hour, local time." />

        <h2>Where</h2>
        <TextField name="venue" label="Venue" value={draft.venue} errors={errors} />
        <TextField name="address" label="Address" value={draft.address} errors={errors} hint="Any script, e.g. 北辰东路8号院." />
        <TextField name="city" label="City" value={draft.city} errors={errors} />
        <Checkbox name="online" label="Online event (or also online)" checked={draft.online} />
        <TextField name="online_url" label="Online link" type="url" value={draft.online_url} errors={errors} hint="https only. Never shown on public pages." />

        <h2>Registration</h2>
        <TextField name="url" label="Event website" type="url" value={draft.url} errors={errors} hint="http or https." />
        <TextField name="capacity" label="Places" {...wholeNumberInput(draft.capacity, 1)} value={draft.capacity} errors={errors} hint="Leave empty when there is no limit. Our own events with places or a registration window take registrations from signed-in members (see Registrations)." />
        <TextField name="registration_opens" label="Registration opens" type={inputTypeFor('datetime-local', draft.registration_opens)} value={draft.registration_opens} errors={errors} hint="Local time; optional." />
        <TextField name="registration_closes" label="Registration closes" type={inputTypeFor('datetime-local', draft.registration_closes)} value={draft.registration_closes} errors={errors} hint="Local time; optional; no later than the end of the event." />

        <CheckboxGroup name="sectors" legend="Sectors" options={sectors.map((sector) => ({ value: sector.slug, label: sector.name }))} checked={draft.sectors} errors={errors} />
        <TextArea name="body" label="Description" value={draft.body} rows={12} class="markdown" errors={errors} hint={`Markdown. Text after a line “${MEMBERS_ONLY_MARKER}” is for members only.`} />
        {lock ? null : (
          <p>
            <button type="submit" class="button">
              {existing ? 'Save' : 'Create event'}
            </button>
          </p>
        )}
      </Form>
      {existing && ctx.can('publish_content') ? (
        <DeleteSection action={`/admin/events/${existing.item.id}/delete`} csrf={ctx.csrf} what="event" issues={existing.issues} errors={deleteErrors} />
      ) : null}
    </AdminLayout>
  );
}
