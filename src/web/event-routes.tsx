import { formErrorsOf } from '../lib/form-errors.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { hitRateLimit, type RateLimit } from '../auth/rate-limits.service.js';
import { SLUG } from '../lib/slug.js';
import { formatDate, formatInstant, instantToLocalDate } from '../lib/local-time.js';
import { ORGANISERS, type Event } from '../events/events.js';
import type { CalendarFilter } from '../events/events.service.js';
import { renderCalendar } from '../events/ical.js';
import { callDeadline, callOpen, offersRegistration, registrationClosedReason, registrationDeadline } from '../events/registrations.js';
import {
  cancelOwnRegistration, checkCallSubmission, getEventSettings, getOwnRegistration, getRegistrations, getSubmissionByToken, placesOf, registerForEvent, submitToCall,
  withdrawSubmission, type EventMail,
} from '../events/registrations.service.js';
import { DomainError } from '../lib/errors.js';
import { renderMarkdown, safeHref } from '../lib/markdown.js';
import { clientAddress, csrfTokenForRequest } from '../lib/request-security.js';
import { TooManyRequests } from '../members/sign-in.service.js';
import { CallPage, EMPTY_CALL_FORM, type CallFormValues } from './pages/event-call.page.js';
import { EVENT_TIMES_JS } from './pages/event-times-script.js';
import { EVENT_TIMES_SCRIPT, EventPage, EventsPage, type CallTeaser, type RegistrationPanel } from './pages/events.page.js';
import { ConfirmLinkPage, NoticePage, UnusableLinkPage, type PublicFormErrors } from './pages/member.pages.js';
import { renderDocument, type AreaRoutesOptions, type BuildFor } from './routes.js';
import { sessionContact, viewerOf, type Viewer } from './viewer.js';
import { teaserSummary } from '../content/audience.js';
import { viewEvent } from '../events/event-view.js';

/** At most this many proposals per client address per hour (the call form is public). */
export const CALL_FORM_LIMIT: RateLimit = { max: 5, windowSeconds: 3600 };

const calendarQuery = z.object({
  city: z.string().trim().min(1).max(100).optional().catch(undefined),
  sector: z.string().regex(SLUG).max(100).optional().catch(undefined),
  organiser: z.enum(ORGANISERS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
});

const answersForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const callForm = z.object({
  kind: z.string().default(''),
  name: z.string().default(''),
  email: z.string().default(''),
  organisation: z.string().default(''),
  title: z.string().default(''),
  summary: z.string().default(''),
  website: z.string().default(''),
});
const tokenParams = z.object({ slug: z.string().regex(SLUG), token: z.string().max(100) });

const DONE_NOTICES: Record<string, string> = {
  confirmed: 'You are registered. A confirmation with a calendar file is on its way to your inbox.',
  waitlisted: 'The event is full, so you are on the waitlist. We email you as soon as a place is yours.',
  cancelled: 'Your registration is cancelled.',
};

function statusOf(error: unknown): number {
  if (error instanceof TooManyRequests) return 429;
  if (error instanceof DomainError && error.code === 'conflict') return 409;
  return 400;
}

/** A deadline as readers see it; one that is simply the event's start says so. */
function deadlineText(instant: string, event: Event): string {
  if (instant === event.startsAt) return `${event.allDay ? formatDate(instantToLocalDate(instant, event.timeZone)) : formatInstant(instant, event.timeZone)}, when the event starts`;
  return formatInstant(instant, event.timeZone);
}

function stringsOf(body: unknown): Record<string, string> {
  const parsed = answersForm.safeParse(body ?? {});
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data).map(([key, value]) => [key, Array.isArray(value) ? (value[0] ?? '') : value]));
}

/** The calendar: `/events` (filtered, paged), `/events/<slug>`, iCalendar feeds, registration and calls. */
export function registerEventPages(app: FastifyInstance, { site, content, pages, members }: AreaRoutesOptions): void {
  const { db, clock, mailer } = members;
  const mail = (): EventMail => ({ mailer, site: { name: site.name, url: site.url } });
  const csrfOf = (request: FastifyRequest, reply: FastifyReply) => csrfTokenForRequest(request, reply, members.secretKey, members.secureCookies);

  /** A page that is never cached (forms, personal answers), with the signed-in header when there is one. */
  const sendUncached = async (request: FastifyRequest, reply: FastifyReply, page: (viewer: Viewer | undefined, csrf: string) => VNode | Promise<VNode>, status = 200) => {
    const signedIn = await sessionContact(db, clock, request);
    const csrf = csrfOf(request, reply);
    const viewer = signedIn ? viewerOf(signedIn.contact, csrf) : undefined;
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderDocument(await page(viewer, csrf), viewer));
  };

  // ---- the calendar ----

  const renderCalendarPage = async (filter: CalendarFilter, page: number, target: BuildFor) => {
    let result = await content.calendarPage(filter, page);
    // Only values the calendar offers count; anything else is dropped, as if not given.
    const valid: CalendarFilter = {
      city: filter.city && result.cities.includes(filter.city) ? filter.city : undefined,
      sector: filter.sector && result.sectors.some((sector) => sector.slug === filter.sector) ? filter.sector : undefined,
      organiser: filter.organiser,
    };
    if (valid.city !== filter.city || valid.sector !== filter.sector) result = await content.calendarPage(valid, page);
    return renderDocument(
      <EventsPage
        site={site}
        upcoming={result.upcoming.map((event) => viewEvent(event, target.audience))}
        past={result.past.map((event) => viewEvent(event, target.audience))}
        filter={{ city: valid.city, sector: valid.sector, organiser: valid.organiser, cities: result.cities, sectors: result.sectors }}
        page={result.page}
        pages={result.pages}
      />,
      target.viewer,
    );
  };

  app.get('/events', async (request, reply) => {
    const query = calendarQuery.parse(request.query ?? {});
    const filter: CalendarFilter = { city: query.city, sector: query.sector, organiser: query.organiser };
    const page = query.page ?? 1;
    // The unfiltered first page is the shared cached page (key `/events`). Filtered and later
    // pages are built per request and never enter the cache, so no query string can grow it.
    if (!filter.city && !filter.sector && !filter.organiser && page === 1) {
      return pages.cached(async (_request, target) => ({ body: await renderCalendarPage({}, 1, target) }))(request, reply);
    }
    const signedIn = await sessionContact(db, clock, request);
    if (signedIn) {
      const viewer = viewerOf(signedIn.contact, csrfOf(request, reply));
      const body = await renderCalendarPage(filter, page, { audience: viewer.isMember ? 'member' : 'public', viewer });
      return reply.header('cache-control', 'private, no-store').header('vary', 'Cookie').type('text/html; charset=utf-8').send(body);
    }
    const body = await renderCalendarPage(filter, page, { audience: 'public', viewer: undefined });
    return reply.header('cache-control', 'public, max-age=60').header('vary', 'Cookie').type('text/html; charset=utf-8').send(body);
  });

  // ---- iCalendar ----

  const CALENDAR = 'text/calendar; charset=utf-8';
  app.get('/events.ics', pages.shared(async () => ({
    contentType: CALENDAR,
    body: renderCalendar(await content.allEvents(), { siteUrl: site.url, siteName: site.name, now: clock.now(), name: `${site.name}: events` }),
  })));

  app.get('/events/:slug/calendar.ics', pages.shared(async (request) => ({
    contentType: CALENDAR,
    body: renderCalendar([await content.event(pages.slugOf(request))], { siteUrl: site.url, siteName: site.name, now: clock.now() }),
  })));

  // The registrant's own copy: with the online link, so personal and never cached.
  app.get('/events/:slug/my-calendar.ics', async (request, reply) => {
    const event = await content.event(pages.slugOf(request));
    const signedIn = await sessionContact(db, clock, request);
    const own = signedIn ? await getOwnRegistration(db, event.id, signedIn.contact.id) : undefined;
    if (!own || own.status !== 'confirmed') return reply.callNotFound();
    const body = renderCalendar([event], { siteUrl: site.url, siteName: site.name, now: clock.now(), withOnlineLink: true });
    return reply.header('cache-control', 'private, no-store').header('vary', 'Cookie').header('content-disposition', `attachment; filename="${event.slug}.ics"`).type(CALENDAR).send(body);
  });

  app.get(EVENT_TIMES_SCRIPT, async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(EVENT_TIMES_JS));

  // ---- one event ----

  /** The registration panel for whoever reads the page. Only personal renders see state or counts. */
  const panelFor = async (event: Event, viewer: Viewer | undefined, form?: { values: Record<string, string>; errors: PublicFormErrors }): Promise<RegistrationPanel> => {
    if (!offersRegistration(event)) return { kind: 'none' };
    const now = clock.now();
    const closesOn = deadlineText(registrationDeadline(event), event);
    if (!viewer) return { kind: 'sign-in', closesOn, closed: registrationClosedReason(event, now) };
    if (!viewer.isMember) return { kind: 'not-member', contactEmail: site.contactEmail };
    const own = await getOwnRegistration(db, event.id, viewer.contact.id);
    if (own && own.status !== 'cancelled') {
      const waiting = own.status === 'waitlisted' ? (await getRegistrations(db, event.id)).filter((registration) => registration.status === 'waitlisted') : [];
      return {
        kind: 'registered',
        csrf: viewer.csrf,
        status: own.status,
        position: own.status === 'waitlisted' ? waiting.findIndex((registration) => registration.id === own.id) + 1 : null,
        onlineUrl: own.status === 'confirmed' && event.online ? safeHref(event.onlineUrl) : null,
        errors: form?.errors,
      };
    }
    const closed = registrationClosedReason(event, now);
    if (closed) return { kind: 'closed', message: closed };
    const [settings, places] = await Promise.all([getEventSettings(db, event.id), placesOf(db, event)]);
    return { kind: 'form', csrf: viewer.csrf, closesOn, placesLeft: places.left, waitlist: settings.waitlist, questions: settings.questions, values: form?.values ?? {}, errors: form?.errors };
  };

  const callTeaserFor = async (event: Event): Promise<CallTeaser | null> => {
    const settings = await getEventSettings(db, event.id);
    if (!callOpen(settings, event, clock.now())) return null;
    return { kinds: settings.callKinds, closesOn: deadlineText(callDeadline(settings, event), event) };
  };

  const eventPage = async (event: Event, target: BuildFor, extra: { notice?: string | null; form?: { values: Record<string, string>; errors: PublicFormErrors } } = {}) => {
    const [registration, call] = await Promise.all([panelFor(event, target.viewer, extra.form), callTeaserFor(event)]);
    return renderDocument(
      <EventPage
        site={site}
        event={viewEvent(event, target.audience)}
        description={teaserSummary(event.body)}
        registration={registration}
        call={call}
        notice={extra.notice ?? null}
      />,
      target.viewer,
    );
  };

  app.get('/events/:slug', pages.cached(async (request, target) => {
    const event = await content.event(pages.slugOf(request));
    // The notice after a registration is personal: public (cached) renders never read the query.
    const done = target.viewer ? String((request.query as Record<string, unknown>).done ?? '') : '';
    return { body: await eventPage(event, target, { notice: DONE_NOTICES[done] ?? null }) };
  }));

  // ---- registration (signed-in members) ----

  /** Runs a registration action for the signed-in member, or sends them to sign in. */
  const asMember = (action: (event: Event, viewer: Viewer, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const event = await content.event(pages.slugOf(request));
    const signedIn = await sessionContact(db, clock, request);
    if (!signedIn) return reply.code(303).header('cache-control', 'no-store').redirect('/login');
    const viewer = viewerOf(signedIn.contact, csrfOf(request, reply));
    return action(event, viewer, request, reply);
  };

  const personal = (reply: FastifyReply, body: string, status: number) =>
    reply.code(status).header('cache-control', 'private, no-store').header('vary', 'Cookie').type('text/html; charset=utf-8').send(body);

  app.post('/events/:slug/register', asMember(async (event, viewer, request, reply) => {
    const values = stringsOf(request.body);
    delete values._csrf;
    const target: BuildFor = { audience: viewer.isMember ? 'member' : 'public', viewer };
    if (!viewer.isMember) return personal(reply, await eventPage(event, target), 403);
    try {
      const registration = await registerForEvent(db, clock, mail(), event, viewer.contact, values);
      return reply.code(303).header('cache-control', 'no-store').redirect(`/events/${event.slug}?done=${registration.status}`);
    } catch (error) {
      return personal(reply, await eventPage(event, target, { form: { values, errors: formErrorsOf(error) } }), statusOf(error));
    }
  }));

  app.post('/events/:slug/cancel', asMember(async (event, viewer, _request, reply) => {
    const target: BuildFor = { audience: viewer.isMember ? 'member' : 'public', viewer };
    try {
      await cancelOwnRegistration(db, clock, mail(), event, viewer.contact);
      return reply.code(303).header('cache-control', 'no-store').redirect(`/events/${event.slug}?done=cancelled`);
    } catch (error) {
      return personal(reply, await eventPage(event, target, { form: { values: {}, errors: formErrorsOf(error) } }), statusOf(error));
    }
  }));

  // ---- calls for speakers and partners (public: external speakers are rarely contacts) ----

  const callPage = async (event: Event, csrf: string, values: CallFormValues, errors?: PublicFormErrors) => {
    const settings = await getEventSettings(db, event.id);
    if (settings.callKinds.length === 0) return undefined;
    const open = callOpen(settings, event, clock.now());
    return (
      <CallPage
        site={site}
        event={event}
        kinds={settings.callKinds}
        closesOn={deadlineText(callDeadline(settings, event), event)}
        introHtml={settings.callIntro ? renderMarkdown(settings.callIntro) : ''}
        csrf={csrf}
        values={values}
        {...(errors ? { errors } : {})}
        closed={open ? null : 'The call for this event has closed. Thank you for your interest.'}
      />
    );
  };

  app.get('/events/:slug/call', async (request, reply) => {
    const event = await content.event(pages.slugOf(request));
    const page = await callPage(event, csrfOf(request, reply), EMPTY_CALL_FORM);
    if (!page) return reply.callNotFound();
    return sendUncached(request, reply, () => page);
  });

  app.post('/events/:slug/call', async (request, reply) => {
    const event = await content.event(pages.slugOf(request));
    const form = callForm.parse(request.body ?? {});
    try {
      // Checked first and without writing anything, so typos (or a closed call) do not use up
      // the sender's quota: the limit counts proposals (and honeypot hits, silently).
      await checkCallSubmission(db, clock, event, form);
      const limit = await hitRateLimit(db, clock, `event-call:ip:${clientAddress(request)}`, CALL_FORM_LIMIT);
      if (!limit.allowed) throw new TooManyRequests(limit.retryAfterSeconds);
      // A filled honeypot is a bot: answer as if it worked, store nothing.
      if (form.website.trim() === '') await submitToCall(db, clock, mail(), event, form);
    } catch (error) {
      const status = statusOf(error);
      if (error instanceof TooManyRequests) void reply.header('retry-after', String(error.retryAfterSeconds));
      const page = await callPage(event, csrfOf(request, reply), form, formErrorsOf(error));
      if (!page) return reply.callNotFound();
      return sendUncached(request, reply, () => page, status);
    }
    return sendUncached(request, reply, () => (
      <NoticePage site={site} title="Thank you for your proposal" path={`/events/${event.slug}/call`}>
        <p>We emailed {form.email.trim()} a confirmation with a link to withdraw the proposal. The events team will email you the decision.</p>
        <p>
          <a href={`/events/${event.slug}`}>Back to {event.title}</a>
        </p>
      </NoticePage>
    ));
  });

  app.get('/events/:slug/call/withdraw/:token', async (request, reply) => {
    const { slug, token } = tokenParams.parse(request.params);
    const path = `/events/${slug}/call/withdraw/${token}`;
    try {
      const submission = await getSubmissionByToken(db, token);
      return sendUncached(request, reply, (_viewer, csrf) => (
        <ConfirmLinkPage site={site} path={path} title="Withdraw your proposal" text={`Press the button to withdraw “${submission.title}”.`} button="Withdraw my proposal" csrf={csrf} />
      ));
    } catch (error) {
      return sendUncached(request, reply, () => <UnusableLinkPage site={site} path={`/events/${slug}`} message={formErrorsOf(error).message} again={{ href: `/events/${slug}`, text: 'Back to the event' }} />, 400);
    }
  });

  app.post('/events/:slug/call/withdraw/:token', async (request, reply) => {
    const { slug, token } = tokenParams.parse(request.params);
    try {
      const submission = await withdrawSubmission(db, clock, token);
      return sendUncached(request, reply, () => (
        <NoticePage site={site} title="Proposal withdrawn" path={`/events/${slug}`}>
          <p>“{submission.title}” is withdrawn. Thank you for letting us know.</p>
        </NoticePage>
      ));
    } catch (error) {
      return sendUncached(request, reply, () => <UnusableLinkPage site={site} path={`/events/${slug}`} message={formErrorsOf(error).message} again={{ href: `/events/${slug}`, text: 'Back to the event' }} />, 400);
    }
  });
}
