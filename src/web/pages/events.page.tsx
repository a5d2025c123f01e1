import { Layout, MembersNotice, Prose, type Site } from '../layout.js';
import type { EventView } from '../views.js';
import { EventFacts } from './items.js';

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

/** `/events`: upcoming events soonest first, then past events most recent first. */
export function EventsPage({ site, upcoming, past }: { site: Site; upcoming: readonly EventView[]; past: readonly EventView[] }) {
  return (
    <Layout
      site={site}
      meta={{
        title: 'Events',
        description: 'Innovation events in China: trade fairs, summits and the chamber’s own events.',
        path: '/events',
        current: 'events',
      }}
    >
      <header class="page-header">
        <h1>Events</h1>
        <p class="lede">Trade fairs, summits and our own events. Times are shown in each event’s local time zone.</p>
      </header>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Upcoming events</h2>
        {upcoming.length === 0 ? <p>No upcoming events are listed right now.</p> : <EventList events={upcoming} headingId="upcoming-heading" />}
      </section>
      <section aria-labelledby="past-heading">
        <h2 id="past-heading">Past events</h2>
        {past.length === 0 ? <p>No past events yet.</p> : <EventList events={past} headingId="past-heading" />}
      </section>
    </Layout>
  );
}

/** `/events/<slug>`: one event. */
export function EventPage({ site, event, description }: { site: Site; event: EventView; description: string }) {
  return (
    <Layout site={site} meta={{ title: event.title, description, path: `/events/${event.slug}`, ogType: 'article', current: 'events' }}>
      <article class="event">
        <header class="page-header">
          <p class="eyebrow">{event.own ? 'Our event' : 'Event'}</p>
          <h1>{event.title}</h1>
        </header>
        <EventFacts event={event} />
        <Prose html={event.body.html} />
        {event.url ? (
          <p>
            <a class="button button--quiet" href={event.url} rel="noopener noreferrer">
              Event website
            </a>
          </p>
        ) : null}
        {event.body.withheld ? <MembersNotice what="event" contactEmail={site.contactEmail} /> : null}
        <p class="back">
          <a href="/events">All events</a>
        </p>
      </article>
    </Layout>
  );
}
