import { z } from 'zod';
import { formConsent } from './consent-origin.js';
import { NEWSLETTER_BOX_FIELD } from './pages/consent-parts.js';
import { viewEvent } from '../events/event-view.js';
import { ORGANISERS, type Event } from '../events/events.js';
import type { CalendarFilter } from '../events/events.service.js';
import { renderCalendar } from '../events/ical.js';
import { cancelOwnRegistration, getOwnRegistration, registerForEvent } from '../events/registrations.service.js';
import { Forbidden, NotFound } from '../lib/errors.js';
import { SLUG } from '../lib/slug.js';
import { eventPageFor } from './event-page.js';
import { EventsPage } from './pages/events.page.js';
import { audienceRoute, personalRoute, sharedRoute, type PublicContext, type PublicRoute, type RenderContext } from './public-route.js';
import type { Viewer } from './viewer.js';
import { attachmentDisposition } from '../lib/header-values.js';

const calendarQuery = z.object({
  city: z.string().trim().min(1).max(100).optional().catch(undefined),
  sector: z.string().regex(SLUG).max(100).optional().catch(undefined),
  organiser: z.enum(ORGANISERS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
});

const answersForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

const CALENDAR = 'text/calendar; charset=utf-8';

function calendarFilterOf(ctx: RenderContext): { filter: CalendarFilter; page: number } {
  const query = calendarQuery.parse(ctx.request.query ?? {});
  return { filter: { city: query.city, sector: query.sector, organiser: query.organiser }, page: query.page ?? 1 };
}

function stringsOf(body: unknown): Record<string, string> {
  const parsed = answersForm.safeParse(body ?? {});
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data).map(([key, value]) => [key, Array.isArray(value) ? (value[0] ?? '') : value]));
}

/** Runs a registration action for the signed-in member's event, or sends them to sign in. */
function asMember(action: (ctx: PublicContext, event: Event, viewer: Viewer) => Promise<unknown>) {
  return async (ctx: PublicContext) => {
    const event = await ctx.deps.content.event(ctx.slug());
    if (!ctx.viewer) return ctx.redirect('/login');
    return action(ctx, event, ctx.viewer);
  };
}

/** The calendar (`/events`, filtered and paged), each event's page, iCalendar files and registration. */
export const eventRoutes: readonly PublicRoute[] = [
  audienceRoute(
    '/events',
    'the calendar: upcoming and past events, filtered by city, sector and organiser',
    async (ctx) => {
      const { filter, page } = calendarFilterOf(ctx);
      let result = await ctx.deps.content.calendarPage(filter, page);
      // Only values the calendar offers count; anything else is dropped, as if not given.
      const valid: CalendarFilter = {
        city: filter.city && result.cities.includes(filter.city) ? filter.city : undefined,
        sector: filter.sector && result.sectors.some((sector) => sector.slug === filter.sector) ? filter.sector : undefined,
        organiser: filter.organiser,
      };
      if (valid.city !== filter.city || valid.sector !== filter.sector) result = await ctx.deps.content.calendarPage(valid, page);
      return ctx.document(
        <EventsPage
          site={ctx.deps.site}
          upcoming={result.upcoming.map((event) => viewEvent(event, ctx.audience, ctx.locale.language))}
          past={result.past.map((event) => viewEvent(event, ctx.audience, ctx.locale.language))}
          filter={{ city: valid.city, sector: valid.sector, organiser: valid.organiser, cities: result.cities, sectors: result.sectors }}
          page={result.page}
          pages={result.pages}
        />,
      );
    },
    {
      // The unfiltered first page is the shared cached page. Filtered and later pages are built
      // per request and never enter the cache, so no query string can grow it.
      cacheKey: (ctx) => {
        const { filter, page } = calendarFilterOf(ctx);
        return !filter.city && !filter.sector && !filter.organiser && page === 1 ? '/events' : null;
      },
    },
  ),

  sharedRoute('/events.ics', 'every event as a subscribable calendar (public facts only)', async (ctx) => {
    const { site, content, clock } = ctx.deps;
    return { contentType: CALENDAR, body: renderCalendar(await content.allEvents(), { siteUrl: site.url, siteName: site.name, now: clock.now(), name: ctx.locale.t('reading.events.calendarName', { site: site.name }) }) };
  }),

  sharedRoute('/events/:slug/calendar.ics', 'one event as a calendar file (public facts only)', async (ctx) => {
    const { site, content, clock } = ctx.deps;
    return { contentType: CALENDAR, body: renderCalendar([await content.event(ctx.slug())], { siteUrl: site.url, siteName: site.name, now: clock.now() }) };
  }),

  personalRoute('GET', '/events/:slug/my-calendar.ics', "a confirmed registrant's calendar file, with the online link", async (ctx) => {
    const { db, site, content, clock } = ctx.deps;
    const event = await content.event(ctx.slug());
    const own = ctx.viewer ? await getOwnRegistration(db, event.id, ctx.viewer.contact.id) : undefined;
    if (!own || own.status !== 'confirmed') throw new NotFound('There is no page at this address.');
    const body = renderCalendar([event], { siteUrl: site.url, siteName: site.name, now: clock.now(), withOnlineLink: true });
    return ctx.reply
      .header('cache-control', 'private, no-store')
      .header('vary', 'Cookie')
      .header('content-disposition', attachmentDisposition(`${event.slug}.ics`))
      .type(CALENDAR)
      .send(body);
  }),

  audienceRoute('/events/:slug', 'one event, with registration for members and the call for speakers', async (ctx) => {
    const event = await ctx.deps.content.event(ctx.slug());
    // The registration panel and the notice after registering are personal parts (filled per
    // request for a signed-in contact, personal-fillers.tsx): this render is for nobody.
    return ctx.document(await eventPageFor(ctx.deps, event, ctx.audience, ctx.locale.language, undefined));
  }),

  personalRoute('POST', '/events/:slug/register', 'register (or join the waitlist) with the answers to the questions', asMember(async (ctx, event, viewer) => {
    const values = stringsOf(ctx.request.body);
    delete values._csrf;
    const audience = viewer.isMember ? 'member' : 'public';
    try {
      if (!viewer.isMember) throw new Forbidden(ctx.locale.t('reading.registration.membersOnly'));
      const { [NEWSLETTER_BOX_FIELD]: box, ...answers } = values;
      // Signed in, so the address is proven: the box's newsletter consent is `confirmed` at once.
      const consent = { form: await formConsent(ctx, 'event_registration'), newsletter: box === '1' ? await formConsent(ctx, 'newsletter') : null };
      const registration = await registerForEvent(ctx.deps.db, ctx.deps.clock, ctx.deps.site, event, viewer.contact, answers, consent);
      return ctx.redirect(`/events/${event.slug}?done=${registration.status}`);
    } catch (error) {
      return ctx.formFailed(error, (errors) => eventPageFor(ctx.deps, event, audience, ctx.locale.language, viewer, viewer.isMember ? { form: { values, errors } } : {}));
    }
  })),

  personalRoute('POST', '/events/:slug/cancel', 'cancel my registration (the first on the waitlist moves up)', asMember(async (ctx, event, viewer) => {
    try {
      await cancelOwnRegistration(ctx.deps.db, ctx.deps.clock, ctx.deps.site, event, viewer.contact);
      return ctx.redirect(`/events/${event.slug}?done=cancelled`);
    } catch (error) {
      return ctx.formFailed(error, (errors) => eventPageFor(ctx.deps, event, viewer.isMember ? 'member' : 'public', ctx.locale.language, viewer, { form: { values: {}, errors } }));
    }
  })),
];
