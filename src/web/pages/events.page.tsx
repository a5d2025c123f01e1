import type { ComponentChildren } from 'preact';
import { NEWSLETTER_BOX_FIELD, NewsletterConsentBox, RegistrationConsentText } from './consent-parts.js';
import { QUESTIONS_FIELD, questionsDigest, type RegistrationClosed } from '../../events/registrations.js';
import { CSRF_FIELD } from '../../lib/request-security.js';
import { formatInteger } from '../../i18n/format.js';
import { intlLocale } from '../../i18n/languages.js';
import type { MessageKey } from '../../i18n/messages.js';
import { Layout, MembersNotice, Prose, type Site, TitleText } from '../layout.js';
import { useLocale } from '../locale.js';
import { PersonalPart } from '../personal-parts.js';
import { formatDeadline, googleCalendarUrl, type DeadlineView, type EventView } from '../../events/event-view.js';
import { EventFacts } from './items.js';
import { sentence } from './sentence.js';
import type { PublicFormErrors } from './member.pages.js';
import { PrivacyNote } from './legal.page.js';

/** The reader's-time script (progressive: pages are complete without it; no inline script). */
export const EVENT_TIMES_SCRIPT = '/assets/event-times.js';

function EventList({ events, headingId }: { events: readonly EventView[]; headingId: string }) {
  const { path } = useLocale();
  return (
    <ul class="event-list" aria-labelledby={headingId}>
      {events.map((event) => (
        <li class={`event-card${event.own ? ' event-card--own' : ''}`}>
          <h3 class="event-card__title">
            <a href={path(`/events/${event.slug}`)}>{event.title}</a>
          </h3>
          <EventFacts event={event} />
        </li>
      ))}
    </ul>
  );
}

/** The validated filters of `/events`, and what they offer. */
export interface CalendarFilterView {
  readonly city: string | undefined;
  readonly sector: string | undefined;
  readonly organiser: 'own' | 'external' | undefined;
  readonly cities: readonly string[];
  readonly sectors: readonly { slug: string; name: string }[];
}

/** `/events?…` for a filter and page; default values are left out, so URLs stay canonical. */
export function calendarHref(filter: Pick<CalendarFilterView, 'city' | 'sector' | 'organiser'>, page = 1): string {
  const params = new URLSearchParams();
  if (filter.city) params.set('city', filter.city);
  if (filter.sector) params.set('sector', filter.sector);
  if (filter.organiser) params.set('organiser', filter.organiser);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/events?${query}` : '/events';
}

export function Select({ name, label, value, options }: { name: string; label: string; value: string; options: readonly { value: string; label: string }[] }) {
  return (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name}>
        {options.map((option) => (
          <option value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** `/events`: upcoming events soonest first, then past events most recent first (paged), with filters. */
export function EventsPage({
  site, upcoming, past, filter, page = 1, pages = 1,
}: { site: Site; upcoming: readonly EventView[]; past: readonly EventView[]; filter?: CalendarFilterView; page?: number; pages?: number }) {
  const locale = useLocale();
  const { t, language } = locale;
  const filtered = Boolean(filter && (filter.city || filter.sector || filter.organiser));
  const path = filter ? calendarHref(filter, page) : '/events';
  const numbers = { page: formatInteger(language, page), pages: formatInteger(language, pages) };
  return (
    <Layout
      site={site}
      meta={{
        title: page > 1 ? t('reading.events.titlePage', numbers) : t('reading.events.title'),
        description: t('reading.events.description'),
        path,
        current: 'events',
        noindex: filtered,
      }}
    >
      <header class="page-header">
        <h1>{t('reading.events.title')}</h1>
        <p class="lede">{t('reading.events.lede')}</p>
        <p class="event-subscribe">{sentence(t, 'reading.events.subscribe', { link: <a href={locale.path('/events.ics')}>{t('reading.events.subscribeLink')}</a> })}</p>
      </header>
      {filter ? (
        <form method="get" action={locale.path('/events')} class="event-filters" role="search" aria-label={t('reading.events.filters')}>
          <Select name="city" label={t('reading.events.city')} value={filter.city ?? ''} options={[{ value: '', label: t('reading.events.allCities') }, ...filter.cities.map((city) => ({ value: city, label: city }))]} />
          <Select name="sector" label={t('reading.events.sector')} value={filter.sector ?? ''} options={[{ value: '', label: t('reading.events.allSectors') }, ...filter.sectors.map((sector) => ({ value: sector.slug, label: sector.name }))]} />
          <Select
            name="organiser"
            label={t('reading.events.organiser')}
            value={filter.organiser ?? ''}
            options={[{ value: '', label: t('reading.events.allOrganisers') }, { value: 'own', label: t('reading.events.own') }, { value: 'external', label: t('reading.events.external') }]}
          />
          <button type="submit" class="button">
            {t('reading.events.show')}
          </button>
          {filtered ? <a href={locale.path('/events')}>{t('reading.events.clear')}</a> : null}
        </form>
      ) : null}
      {page === 1 ? (
        <section aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">{t('reading.events.upcoming')}</h2>
          {upcoming.length === 0 ? <p>{filtered ? t('reading.events.noUpcomingFiltered') : t('reading.events.noUpcoming')}</p> : <EventList events={upcoming} headingId="upcoming-heading" />}
        </section>
      ) : null}
      <section aria-labelledby="past-heading">
        <h2 id="past-heading">{page > 1 ? t('reading.events.pastPage', numbers) : t('reading.events.past')}</h2>
        {past.length === 0 ? <p>{filtered ? t('reading.events.noPastFiltered') : t('reading.events.noPast')}</p> : <EventList events={past} headingId="past-heading" />}
        {filter && pages > 1 ? (
          <nav class="event-pager" aria-label={t('reading.events.pager')}>
            {page > 1 ? <a href={locale.path(calendarHref(filter, page - 1))} rel="prev">{t('reading.events.newer')}</a> : null}
            <span>{t('reading.events.pageOf', numbers)}</span>
            {page < pages ? <a href={locale.path(calendarHref(filter, page + 1))} rel="next">{t('reading.events.older')}</a> : null}
          </nav>
        ) : null}
      </section>
    </Layout>
  );
}

/** What the event page shows about registration, for the one reading it. */
export type RegistrationPanel =
  | { readonly kind: 'none' }
  /** Public (cached) page: how to register, without personal state or counts. */
  | { readonly kind: 'sign-in'; readonly closesOn: DeadlineView; readonly closed: RegistrationClosed | null }
  | { readonly kind: 'not-member'; readonly contactEmail: string | null }
  | { readonly kind: 'closed'; readonly closed: RegistrationClosed }
  | {
      readonly kind: 'form';
      readonly csrf: string;
      readonly closesOn: DeadlineView;
      readonly placesLeft: number | null;
      readonly waitlist: boolean;
      readonly questions: readonly { readonly label: string; readonly required: boolean; readonly choices: readonly string[] }[];
      readonly values: Readonly<Record<string, string>>;
      readonly errors?: PublicFormErrors | undefined;
      /** For the consent sentence and the newsletter box (offered to a contact not subscribed). */
      readonly siteName: string;
      readonly newsletterBox: boolean;
    }
  | {
      readonly kind: 'registered';
      readonly csrf: string;
      readonly status: 'confirmed' | 'waitlisted';
      /** Place in the waitlist queue (1 = next). */
      readonly position: number | null;
      /** Only for confirmed registrants. */
      readonly onlineUrl: string | null;
      readonly errors?: PublicFormErrors | undefined;
    };

/** The call for speakers/partners, when one is open. */
export interface CallTeaser {
  readonly kinds: readonly ('speaker' | 'partner')[];
  readonly closesOn: DeadlineView | null;
}

function Errors({ errors }: { errors: PublicFormErrors | undefined }) {
  if (!errors) return null;
  const details = Object.values(errors.fields).flat();
  return (
    <div class="error-summary" role="alert">
      <p>{errors.message}</p>
      {details.length > 0 ? (
        <ul>
          {details.map((detail) => (
            <li>{detail}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Question({ index, question, value, errors }: { index: number; question: { label: string; required: boolean; choices: readonly string[] }; value: string; errors: readonly string[] }) {
  const { t } = useLocale();
  const id = `field-q${index}`;
  const invalid = errors.length > 0;
  return (
    <div class={invalid ? 'field field--error' : 'field'}>
      <label for={id}>
        {question.label}
        {question.required ? t('reading.registration.required') : t('reading.registration.optional')}
      </label>
      {errors.map((message) => (
        <p class="field__error" id={`error-q${index}`}>
          {message}
        </p>
      ))}
      {question.choices.length > 0 ? (
        <select id={id} name={`q${index}`} required={question.required} aria-invalid={invalid ? 'true' : undefined} aria-describedby={invalid ? `error-q${index}` : undefined}>
          <option value="">{t('reading.registration.choose')}</option>
          {question.choices.map((choice) => (
            <option value={choice} selected={choice === value}>
              {choice}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} name={`q${index}`} type="text" maxLength={2000} value={value} required={question.required} aria-invalid={invalid ? 'true' : undefined} aria-describedby={invalid ? `error-q${index}` : undefined} />
      )}
    </div>
  );
}

/** The registration panel of an event for whoever reads it (a personal part of the event page). */
export function Registration({ slug, panel }: { slug: string; panel: RegistrationPanel }) {
  const { t, language, path } = useLocale();
  if (panel.kind === 'none') return null;
  let content: ComponentChildren;
  switch (panel.kind) {
    case 'sign-in':
      content = panel.closed ? (
        <p>{t('reading.registration.unavailable', { closed: panel.closed })}</p>
      ) : (
        <p>{sentence(t, 'reading.registration.signIn', { link: <a href={path('/login')}>{t('reading.registration.signInLink')}</a> }, { date: formatDeadline(language, panel.closesOn) })}</p>
      );
      break;
    case 'not-member':
      content = (
        <p>
          {t('reading.registration.notMember')}
          {panel.contactEmail ? (
            <>
              {' '}
              {sentence(t, 'reading.registration.writeTo', { email: <a href={`mailto:${panel.contactEmail}`}>{panel.contactEmail}</a> })}
            </>
          ) : null}
        </p>
      );
      break;
    case 'closed':
      content = <p>{t('reading.registration.unavailable', { closed: panel.closed })}</p>;
      break;
    case 'form':
      content = (
        <>
          <p>
            {t('reading.registration.registerBy', { date: formatDeadline(language, panel.closesOn) })}{' '}
            {panel.placesLeft === null
              ? null
              : panel.placesLeft > 0
                ? t('reading.registration.placesLeft', { count: panel.placesLeft, places: formatInteger(language, panel.placesLeft) })
                : panel.waitlist
                  ? t('reading.registration.fullWaitlist')
                  : t('reading.registration.full')}
          </p>
          <Errors errors={panel.errors} />
          <form method="post" action={path(`/events/${slug}/register`)} class="form">
            <input type="hidden" name={CSRF_FIELD} value={panel.csrf} />
            <input type="hidden" name={QUESTIONS_FIELD} value={questionsDigest(panel.questions)} />
            {panel.questions.map((question, index) => (
              <Question index={index} question={question} value={panel.values[`q${index}`] ?? ''} errors={panel.errors?.fields[`q${index}`] ?? []} />
            ))}
            {panel.newsletterBox ? <NewsletterConsentBox siteName={panel.siteName} checked={panel.values[NEWSLETTER_BOX_FIELD] === '1'} /> : null}
            <RegistrationConsentText siteName={panel.siteName} purpose="event" />
            <button type="submit" class="button">
              {panel.placesLeft === 0 && panel.waitlist ? t('reading.registration.joinWaitlist') : t('reading.registration.register')}
            </button>
            <PrivacyNote />
          </form>
        </>
      );
      break;
    case 'registered':
      content = (
        <>
          <Errors errors={panel.errors} />
          {panel.status === 'confirmed' ? (
            <p>
              <strong>{t('reading.registration.registered')}</strong>{' '}
              {sentence(t, 'reading.registration.registeredMail', { link: <a href={path(`/events/${slug}/my-calendar.ics`)}>{t('reading.registration.downloadAgain')}</a> })}
            </p>
          ) : (
            <p>
              <strong>{t('reading.registration.waitlisted')}</strong>
              {panel.position ? t('reading.registration.waitlistNumber', { position: formatInteger(language, panel.position) }) : null}
              {t('reading.registration.waitlistThen')}
            </p>
          )}
          {panel.onlineUrl ? (
            <p>
              {t('reading.registration.joinOnline')}{' '}
              <a href={panel.onlineUrl} rel="noopener noreferrer">
                {panel.onlineUrl}
              </a>
            </p>
          ) : null}
          <form method="post" action={path(`/events/${slug}/cancel`)} class="inline-form">
            <input type="hidden" name={CSRF_FIELD} value={panel.csrf} />
            <button type="submit" class="button button--quiet">
              {panel.status === 'confirmed' ? t('reading.registration.cancel') : t('reading.registration.leaveWaitlist')}
            </button>
          </form>
        </>
      );
      break;
  }
  return (
    <section class="event-registration" aria-labelledby="registration-heading">
      <h2 id="registration-heading">{t('reading.registration.heading')}</h2>
      {content}
    </section>
  );
}

function CalendarLinks({ site, event }: { site: Site; event: EventView }) {
  const { t, path } = useLocale();
  const ics = <a href={path(`/events/${event.slug}/calendar.ics`)}>{t('reading.event.calendarIcs')}</a>;
  const google = (
    <a href={googleCalendarUrl(event, site.url)} rel="noopener noreferrer">
      {t('reading.event.calendarGoogle')}
    </a>
  );
  return <p class="event-calendar-links">{sentence(t, 'reading.event.calendar', { ics, google })}</p>;
}

/** The notice after registering or cancelling (a personal part of the event page). */
export function EventNotice({ notice }: { notice: MessageKey | null }) {
  const { t } = useLocale();
  return notice ? (
    <p class="flash" role="status">
      {t(notice)}
    </p>
  ) : null;
}

/** `/events/<slug>`: one event; personal (registration state) when a member is signed in. */
export function EventPage({
  site, event, description, registration = { kind: 'none' }, call = null, notice = null, untranslated = false,
}: { site: Site; event: EventView; description: string; registration?: RegistrationPanel; call?: CallTeaser | null; notice?: MessageKey | null; untranslated?: boolean }) {
  const { t, language, path } = useLocale();
  return (
    <Layout site={site} meta={{ title: event.title, description, path: `/events/${event.slug}`, ogType: 'article', current: 'events' }}>
      <article class="event">
        <header class="page-header">
          <p class="eyebrow">{event.own ? t('reading.kicker.ownEvent') : t('reading.event.eyebrow')}</p>
          <h1>
            <TitleText title={event.title} untranslated={untranslated} />
          </h1>
        </header>
        <PersonalPart name="event-notice" props={{}}>
          <EventNotice notice={notice} />
        </PersonalPart>
        <EventFacts event={event} />
        {event.allDay ? null : (
          <p
            class="event-reader-time"
            hidden
            data-starts={event.startsAt}
            data-ends={event.endsAt}
            data-zone={event.timeZone}
            data-locale={intlLocale(language)}
            data-text={t('reading.event.readerTime', { zone: '{zone}', start: '{start}', end: '{end}' })}
          >
            {/* Filled by the reader's-time script when the reader's zone differs. */}
          </p>
        )}
        <CalendarLinks site={site} event={event} />
        <Prose html={event.body.html} />
        {event.url ? (
          <p>
            <a class="button button--quiet" href={event.url} rel="noopener noreferrer">
              {t('reading.event.website')}
            </a>
          </p>
        ) : null}
        <PersonalPart name="event-registration" props={{ slug: event.slug }}>
          <Registration slug={event.slug} panel={registration} />
        </PersonalPart>
        {call ? (
          <section class="event-call" aria-labelledby="call-heading">
            <h2 id="call-heading">{t('reading.event.call', { kinds: call.kinds.length === 1 ? call.kinds[0]! : 'both' })}</h2>
            <p>
              {call.closesOn ? t('reading.event.callUntil', { date: formatDeadline(language, call.closesOn) }) : t('reading.event.callOpen')}{' '}
              <a href={path(`/events/${event.slug}/call`)}>{t('reading.event.callSend')}</a>
            </p>
          </section>
        ) : null}
        {event.body.withheld ? <MembersNotice what="event" contactEmail={site.contactEmail} /> : null}
        <p class="back">
          <a href={path('/events')}>{t('reading.event.allEvents')}</a>
        </p>
      </article>
      {event.allDay ? null : <script src={EVENT_TIMES_SCRIPT} defer />}
    </Layout>
  );
}
