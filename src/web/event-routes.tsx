import type { FastifyInstance } from 'fastify';
import { EventPage, EventsPage } from './pages/events.page.js';
import { renderDocument, type AreaRoutesOptions } from './routes.js';
import { teaserSummary, viewEvent } from './views.js';

/** The calendar: `/events` and `/events/<slug>`. */
export function registerEventPages(app: FastifyInstance, { site, content, pages }: AreaRoutesOptions): void {
  app.get('/events', pages.cached(async (_request, target) => {
    const { upcoming, past } = await content.calendar();
    const page = (
      <EventsPage
        site={site}
        upcoming={upcoming.map((event) => viewEvent(event, target.audience))}
        past={past.map((event) => viewEvent(event, target.audience))}
      />
    );
    return { body: renderDocument(page, target.viewer) };
  }));

  app.get('/events/:slug', pages.cached(async (request, target) => {
    const event = await content.event(pages.slugOf(request));
    return { body: renderDocument(<EventPage site={site} event={viewEvent(event, target.audience)} description={teaserSummary(event.body)} />, target.viewer) };
  }));
}
