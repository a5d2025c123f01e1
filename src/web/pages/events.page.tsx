import type { ComponentChildren } from 'preact';
import { QUESTIONS_FIELD, questionsDigest } from '../../events/registrations.js';
import { CSRF_FIELD } from '../../lib/request-security.js';
import { Layout, MembersNotice, Prose, type Site } from '../layout.js';
import { PersonalPart } from '../personal-parts.js';
import { googleCalendarUrl, type EventView } from '../../events/event-view.js';
import { EventFacts } from './items.js';
import type { PublicFormErrors } from './member.pages.js';

/** The reader's-time script (progressive: pages are complete without it; no inline script). */
export const EVENT_TIMES_SCRIPT = '/assets/event-times.js';

function EventList({ events, headingId }: { events: readonly EventView[]; headingId: string }) {
  return (
    <ul class="event-list" aria-labelledby={headingId}>
      {events.map((event) => (
        <li class={`event-card${event.own ? ' event-card--own' : ''}`}>
          <h3 class="event-card__title">
            <a href={`/events/${event.slug}`}>{event.title}</a>
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

function Select({ name, label, value, options }: { name: string; label: string; value: string; options: readonly { value: string; label: string }[] }) {
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
  const filtered = Boolean(filter && (filter.city || filter.sector || filter.organiser));
  const path = filter ? calendarHref(filter, page) : '/events';
  return (
    <Layout
      site={site}
      meta={{
        title: page > 1 ? `Events, page ${page}` : 'Events',
        description: 'Innovation events in China: trade fairs, summits and the chamber’s own events.',
        path,
        current: 'events',
        noindex: filtered,
      }}
    >
      <header class="page-header">
        <h1>Events</h1>
        <p class="lede">Trade fairs, summits and our own events. Times are shown in each event’s local time zone.</p>
        <p class="event-subscribe">
          <a href="/events.ics">Subscribe to the calendar</a> (iCalendar: paste the address into Google Calendar, Outlook or Apple Calendar to keep it up to date).
        </p>
      </header>
      {filter ? (
        <form method="get" action="/events" class="event-filters" role="search" aria-label="Filter events">
          <Select name="city" label="City" value={filter.city ?? ''} options={[{ value: '', label: 'All cities' }, ...filter.cities.map((city) => ({ value: city, label: city }))]} />
          <Select name="sector" label="Sector" value={filter.sector ?? ''} options={[{ value: '', label: 'All sectors' }, ...filter.sectors.map((sector) => ({ value: sector.slug, label: sector.name }))]} />
          <Select
            name="organiser"
            label="Organiser"
            value={filter.organiser ?? ''}
            options={[{ value: '', label: 'All events' }, { value: 'own', label: 'Our own events' }, { value: 'external', label: 'External events' }]}
          />
          <button type="submit" class="button">
            Show events
          </button>
          {filtered ? <a href="/events">Clear filters</a> : null}
        </form>
      ) : null}
      {page === 1 ? (
        <section aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">Upcoming events</h2>
          {upcoming.length === 0 ? <p>{filtered ? 'No upcoming events match these filters.' : 'No upcoming events are listed right now.'}</p> : <EventList events={upcoming} headingId="upcoming-heading" />}
        </section>
      ) : null}
      <section aria-labelledby="past-heading">
        <h2 id="past-heading">{page > 1 ? `Past events, page ${page} of ${pages}` : 'Past events'}</h2>
        {past.length === 0 ? <p>{filtered ? 'No past events match these filters.' : 'No past events yet.'}</p> : <EventList events={past} headingId="past-heading" />}
        {filter && pages > 1 ? (
          <nav class="event-pager" aria-label="Past events pages">
            {page > 1 ? <a href={calendarHref(filter, page - 1)} rel="prev">Newer events</a> : null}
            <span>
              Page {page} of {pages}
            </span>
            {page < pages ? <a href={calendarHref(filter, page + 1)} rel="next">Older events</a> : null}
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
  | { readonly kind: 'sign-in'; readonly closesOn: string; readonly closed: string | null }
  | { readonly kind: 'not-member'; readonly contactEmail: string | null }
  | { readonly kind: 'closed'; readonly message: string }
  | {
      readonly kind: 'form';
      readonly csrf: string;
      readonly closesOn: string;
      readonly placesLeft: number | null;
      readonly waitlist: boolean;
      readonly questions: readonly { readonly label: string; readonly required: boolean; readonly choices: readonly string[] }[];
      readonly values: Readonly<Record<string, string>>;
      readonly errors?: PublicFormErrors | undefined;
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
  readonly closesOn: string | null;
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
  const id = `field-q${index}`;
  const invalid = errors.length > 0;
  return (
    <div class={invalid ? 'field field--error' : 'field'}>
      <label for={id}>
        {question.label}
        {question.required ? ' (required)' : ' (optional)'}
      </label>
      {errors.map((message) => (
        <p class="field__error" id={`error-q${index}`}>
          {message}
        </p>
      ))}
      {question.choices.length > 0 ? (
        <select id={id} name={`q${index}`} required={question.required} aria-invalid={invalid ? 'true' : undefined} aria-describedby={invalid ? `error-q${index}` : undefined}>
          <option value="">Choose…</option>
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
  if (panel.kind === 'none') return null;
  let content: ComponentChildren;
  switch (panel.kind) {
    case 'sign-in':
      content = panel.closed ? (
        <p>{panel.closed}</p>
      ) : (
        <p>
          Members of our member companies can register until {panel.closesOn}. <a href="/login">Sign in</a> to register.
        </p>
      );
      break;
    case 'not-member':
      content = (
        <p>
          Registration is open to contacts of our member companies.
          {panel.contactEmail ? (
            <>
              {' '}
              To take part otherwise, write to <a href={`mailto:${panel.contactEmail}`}>{panel.contactEmail}</a>.
            </>
          ) : null}
        </p>
      );
      break;
    case 'closed':
      content = <p>{panel.message}</p>;
      break;
    case 'form':
      content = (
        <>
          <p>
            Register by {panel.closesOn}.{' '}
            {panel.placesLeft === null
              ? null
              : panel.placesLeft > 0
                ? `${panel.placesLeft} ${panel.placesLeft === 1 ? 'place' : 'places'} left.`
                : panel.waitlist
                  ? 'The event is full: you can join the waitlist, and get a place automatically when one frees up.'
                  : 'The event is full.'}
          </p>
          <Errors errors={panel.errors} />
          <form method="post" action={`/events/${slug}/register`} class="form">
            <input type="hidden" name={CSRF_FIELD} value={panel.csrf} />
            <input type="hidden" name={QUESTIONS_FIELD} value={questionsDigest(panel.questions)} />
            {panel.questions.map((question, index) => (
              <Question index={index} question={question} value={panel.values[`q${index}`] ?? ''} errors={panel.errors?.fields[`q${index}`] ?? []} />
            ))}
            <button type="submit" class="button">
              {panel.placesLeft === 0 && panel.waitlist ? 'Join the waitlist' : 'Register'}
            </button>
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
              <strong>You are registered.</strong> We emailed you a confirmation with a calendar file; <a href={`/events/${slug}/my-calendar.ics`}>download it again</a> (with the online link, when there is one).
            </p>
          ) : (
            <p>
              <strong>You are on the waitlist</strong>
              {panel.position ? ` (number ${panel.position})` : null}. When a place frees up, the first person waiting gets it automatically, and we email you.
            </p>
          )}
          {panel.onlineUrl ? (
            <p>
              Join online: <a href={panel.onlineUrl} rel="noopener noreferrer">{panel.onlineUrl}</a>
            </p>
          ) : null}
          <form method="post" action={`/events/${slug}/cancel`} class="inline-form">
            <input type="hidden" name={CSRF_FIELD} value={panel.csrf} />
            <button type="submit" class="button button--quiet">
              {panel.status === 'confirmed' ? 'Cancel my registration' : 'Leave the waitlist'}
            </button>
          </form>
        </>
      );
      break;
  }
  return (
    <section class="event-registration" aria-labelledby="registration-heading">
      <h2 id="registration-heading">Registration</h2>
      {content}
    </section>
  );
}

function CalendarLinks({ site, event }: { site: Site; event: EventView }) {
  return (
    <p class="event-calendar-links">
      Add to your calendar: <a href={`/events/${event.slug}/calendar.ics`}>download .ics</a> (Apple Calendar, Outlook) ·{' '}
      <a href={googleCalendarUrl(event, site.url)} rel="noopener noreferrer">
        Google Calendar
      </a>
    </p>
  );
}

/** The notice after registering or cancelling (a personal part of the event page). */
export function EventNotice({ notice }: { notice: string | null }) {
  return notice ? (
    <p class="flash" role="status">
      {notice}
    </p>
  ) : null;
}

/** `/events/<slug>`: one event; personal (registration state) when a member is signed in. */
export function EventPage({
  site, event, description, registration = { kind: 'none' }, call = null, notice = null,
}: { site: Site; event: EventView; description: string; registration?: RegistrationPanel; call?: CallTeaser | null; notice?: string | null }) {
  return (
    <Layout site={site} meta={{ title: event.title, description, path: `/events/${event.slug}`, ogType: 'article', current: 'events' }}>
      <article class="event">
        <header class="page-header">
          <p class="eyebrow">{event.own ? 'Our event' : 'Event'}</p>
          <h1>{event.title}</h1>
        </header>
        <PersonalPart name="event-notice" props={{}}>
          <EventNotice notice={notice} />
        </PersonalPart>
        <EventFacts event={event} />
        {event.allDay ? null : (
          <p class="event-reader-time" hidden data-starts={event.startsAt} data-ends={event.endsAt} data-zone={event.timeZone}>
            {/* Filled by the reader's-time script when the reader's zone differs. */}
          </p>
        )}
        <CalendarLinks site={site} event={event} />
        <Prose html={event.body.html} />
        {event.url ? (
          <p>
            <a class="button button--quiet" href={event.url} rel="noopener noreferrer">
              Event website
            </a>
          </p>
        ) : null}
        <PersonalPart name="event-registration" props={{ slug: event.slug }}>
          <Registration slug={event.slug} panel={registration} />
        </PersonalPart>
        {call ? (
          <section class="event-call" aria-labelledby="call-heading">
            <h2 id="call-heading">Call for {call.kinds.map((kind) => `${kind}s`).join(' and ')}</h2>
            <p>
              {call.closesOn ? `Proposals are welcome until ${call.closesOn}. ` : 'Proposals are welcome. '}
              <a href={`/events/${event.slug}/call`}>Send a proposal</a>
            </p>
          </section>
        ) : null}
        {event.body.withheld ? <MembersNotice what="event" contactEmail={site.contactEmail} /> : null}
        <p class="back">
          <a href="/events">All events</a>
        </p>
      </article>
      {event.allDay ? null : <script src={EVENT_TIMES_SCRIPT} defer />}
    </Layout>
  );
}
