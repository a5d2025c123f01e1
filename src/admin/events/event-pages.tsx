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
import type { Translate } from '../../i18n/messages.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { DeleteSection, IssueNames } from '../delete-section.js';
import { TranslationBadges, TranslationsBox } from '../translations/translation.pages.js';
import type { TranslationLanguage, TranslationState } from '../../translations/translations.js';
import { Checkbox, CheckboxGroup, ErrorSummary, Form, inputTypeFor, SelectField, TextArea, TextField, wholeNumberInput, type FormErrors } from '../forms.js';
import { FilterForm, FilterSelect, ListTable, PageHeading } from '../page-parts.js';
import { PublicLockNotice } from '../issues/public-lock-notice.js';
import { EventDeskLinks } from './registration-pages.js';

function whenOptions(t: Translate) {
  return [
    { value: 'upcoming', label: t('desk.events.upcoming') },
    { value: 'past', label: t('desk.events.past') },
    { value: 'all', label: t('desk.events.all') },
  ];
}

function organiserLabel(t: Translate, organiser: (typeof ORGANISERS)[number]): string {
  return t('desk.events.organiserKind', { organiser });
}

/** `/admin/events`: the list with its filters; times in each event's own zone with the zone label. */
export function EventListPage({
  ctx, events, cities, filter, registrations = new Map(), notice, translations,
}: { ctx: StaffContext; events: readonly DeskItem<Event>[]; cities: readonly string[]; filter: EventFilter; registrations?: ReadonlyMap<number, { confirmed: number; waitlisted: number }>; notice?: string | undefined; translations?: ReadonlyMap<number, Readonly<Record<TranslationLanguage, TranslationState>>> }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('desk.nav.events')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/events">
      <h1>{t('desk.nav.events')}</h1>
      <p class="actions">
        <a class="button" href="/admin/events/new">
          {t('desk.events.new')}
        </a>
      </p>
      <FilterForm action="/admin/events">
        <FilterSelect name="when" label={t('desk.events.when')} value={filter.when} options={whenOptions(t)} />
        <FilterSelect name="city" label={t('desk.events.city')} value={filter.city ?? ''} options={[{ value: '', label: t('desk.events.allCities') }, ...cities.map((city) => ({ value: city, label: city }))]} />
        <FilterSelect
          name="organiser"
          label={t('desk.events.organiser')}
          value={filter.organiser ?? ''}
          options={[{ value: '', label: t('desk.events.anyone') }, ...ORGANISERS.map((organiser) => ({ value: organiser, label: organiserLabel(t, organiser) }))]}
        />
      </FilterForm>
      {notice ? (
        <p class="attention" role="status">
          {notice}
        </p>
      ) : null}
      <ListTable
        headings={[t('desk.events.event'), t('desk.events.whenLocal'), t('desk.events.city'), t('desk.events.organiser'), t('desk.programs.registrations'), t('desk.programs.inIssues'), t('deskTranslating.column')]}
        items={events}
        empty={t('desk.events.noMatch')}
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
            <td>{[event.city, event.online ? t('desk.events.online') : null].filter(Boolean).join(', ')}</td>
            <td>{event.organiser === 'own' ? t('desk.events.own') : event.organiserName ? t('desk.events.externalBy', { name: event.organiserName }) : t('desk.events.external')}</td>
            <td>
              {offersRegistration(event) || registrations.has(event.id) ? (
                <a href={`/admin/events/${event.id}/registrations`}>
                  {`${registrations.get(event.id)?.confirmed ?? 0}${event.capacity !== null ? ` / ${event.capacity}` : ''}`}
                  {registrations.get(event.id)?.waitlisted ? t('desk.events.waiting', { count: registrations.get(event.id)!.waitlisted }) : ''}
                </a>
              ) : (
                '—'
              )}
            </td>
            <td>
              <IssueNames issues={issues} />
            </td>
            <td>
              <TranslationBadges states={translations?.get(event.id)} />
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
  /** The stored event's German and Chinese states. */
  readonly translations?: Readonly<Record<TranslationLanguage, TranslationState>> | undefined;
}

/** `/admin/events/new` and `/admin/events/<id>`: every field of an event, local times in its zone. */
export function EventFormPage({ ctx, sectors, draft, existing, errors, deleteErrors, lock, translations }: EventFormProps) {
  const { t } = ctx.locale;
  const title = existing ? existing.item.title : t('desk.events.new');
  const action = existing ? `/admin/events/${existing.item.id}` : '/admin/events';
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/events">
      <PageHeading back={{ href: '/admin/events', label: t('desk.nav.events') }} title={title} />
      {existing ? (
        <p>
          {formatEventSpan(existing.item)} · <a href={`/events/${existing.item.slug}`}>{t('desk.programs.publicPage')}</a> · {t('desk.programs.inIssuesLabel')} <IssueNames issues={existing.issues} />
        </p>
      ) : null}
      {existing && ctx.can('manage_registrations') ? <EventDeskLinks event={existing.item} current="edit" /> : null}
      <ErrorSummary errors={errors ?? deleteErrors} />
      {errors ? null : <PublicLockNotice lock={lock} />}
      <Form action={action} csrf={ctx.csrf} class="form form--wide">
        <TextField name="slug" label={t('desk.programs.slug')} value={draft.slug} required errors={errors} hint={t('desk.events.slugHint')} />
        <TextField name="title" label={t('desk.programs.title')} value={draft.title} required errors={errors} />
        <SelectField name="organiser" label={t('desk.events.organiser')} value={draft.organiser} options={ORGANISERS.map((value) => ({ value, label: organiserLabel(t, value) }))} errors={errors} />
        <TextField name="organiser_name" label={t('desk.events.organiserName')} value={draft.organiser_name} errors={errors} hint={t('desk.events.organiserNameHint')} />

        <h2>{t('desk.events.when')}</h2>
        <TextField name="time_zone" label={t('desk.programs.timeZone')} value={draft.time_zone} required errors={errors} hint={t('desk.events.timeZoneHint')} />
        <Checkbox name="all_day" label={t('desk.events.allDay')} checked={draft.all_day} />
        <TextField name="starts_on" label={t('desk.fill.from')} type={inputTypeFor('date', draft.starts_on)} value={draft.starts_on} required errors={errors} />
        <TextField name="starts_time" label={t('desk.events.startTime')} type={inputTypeFor('time', draft.starts_time)} value={draft.starts_time} errors={errors} hint={t('desk.events.timeHint')} />
        <TextField name="ends_on" label={t('desk.fill.until')} type={inputTypeFor('date', draft.ends_on)} value={draft.ends_on} required errors={errors} />
        <TextField name="ends_time" label={t('desk.events.endTime')} type={inputTypeFor('time', draft.ends_time)} value={draft.ends_time} errors={errors} hint={t('desk.events.timeHint')} />

        <h2>{t('desk.events.where')}</h2>
        <TextField name="venue" label={t('desk.events.venue')} value={draft.venue} errors={errors} />
        <TextField name="address" label={t('desk.events.address')} value={draft.address} errors={errors} hint={t('desk.events.addressHint')} />
        <TextField name="city" label={t('desk.events.city')} value={draft.city} errors={errors} />
        <Checkbox name="online" label={t('desk.events.onlineEvent')} checked={draft.online} />
        <TextField name="online_url" label={t('desk.events.onlineLink')} type="url" value={draft.online_url} errors={errors} hint={t('desk.events.onlineLinkHint')} />

        <h2>{t('desk.events.registration')}</h2>
        <TextField name="url" label={t('desk.events.website')} type="url" value={draft.url} errors={errors} hint={t('desk.events.websiteHint')} />
        <TextField name="capacity" label={t('desk.events.places')} {...wholeNumberInput(draft.capacity, 1)} value={draft.capacity} errors={errors} hint={t('desk.events.placesHint')} />
        <TextField name="registration_opens" label={t('desk.events.opens')} type={inputTypeFor('datetime-local', draft.registration_opens)} value={draft.registration_opens} errors={errors} hint={t('desk.events.opensHint')} />
        <TextField name="registration_closes" label={t('desk.events.closes')} type={inputTypeFor('datetime-local', draft.registration_closes)} value={draft.registration_closes} errors={errors} hint={t('desk.events.closesHint')} />

        <CheckboxGroup name="sectors" legend={t('desk.events.sectors')} options={sectors.map((sector) => ({ value: sector.slug, label: sector.name }))} checked={draft.sectors} errors={errors} />
        <TextArea name="body" label={t('desk.programs.description')} value={draft.body} rows={12} class="markdown" errors={errors} hint={t('desk.programs.markdownHint', { marker: MEMBERS_ONLY_MARKER })} />
        {lock ? null : (
          <p>
            <button type="submit" class="button">
              {existing ? t('desk.forms.save') : t('desk.events.create')}
            </button>
          </p>
        )}
      </Form>
      {existing && translations ? <TranslationsBox kind="event" itemKey={String(existing.item.id)} states={translations} /> : null}
      {existing && ctx.can('publish_content') ? (
        <DeleteSection action={`/admin/events/${existing.item.id}/delete`} csrf={ctx.csrf} what="event" issues={existing.issues} errors={deleteErrors} />
      ) : null}
    </AdminLayout>
  );
}
