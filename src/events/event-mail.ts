import type { Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { enqueueEmail, type EmailTemplate } from '../mail/email.js';
import { withFooter } from '../settings/settings.service.js';
import { mailLanguageOf } from '../members/contacts.service.js';
import * as promotedEmail from './emails/promoted.email.js';
import * as registrationConfirmedEmail from './emails/registration-confirmed.email.js';
import * as waitlistedEmail from './emails/waitlisted.email.js';
import type { Event } from './events.js';
import { renderCalendar } from './ical.js';
import type { Registration } from './registrations.js';
import type { EventMailFacts } from './emails/event-mail-facts.js';

// The registration emails of an event, enqueued in the transaction that registers, cancels or
// promotes, so none is lost or sent for a change that was rolled back.

/** The site registration mail links to. */
export interface EventMailSite {
  readonly name: string;
  readonly url: string;
}

function factsOf(event: Event, registration: Pick<Registration, 'name'>, site: EventMailSite): EventMailFacts {
  const where = [event.venue, event.address, event.city].filter(Boolean).join(', ');
  return {
    name: registration.name,
    eventTitle: event.title,
    eventUrl: `${site.url}/events/${event.slug}`,
    when: eventWhen(event),
    where: where || null,
    onlineUrl: event.online && event.onlineUrl ? event.onlineUrl : null,
    siteName: site.name,
  };
}

/** An event's span as the emails format it in the recipient's language. */
export function eventWhen(event: Pick<Event, 'startsAt' | 'endsAt' | 'timeZone' | 'allDay'>): EventMailFacts['when'] {
  return { starts: event.startsAt, ends: event.endsAt, timeZone: event.timeZone, allDay: event.allDay };
}

function calendarAttachment(event: Event, site: EventMailSite, now: Date) {
  return {
    filename: `${event.slug}.ics`,
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    content: renderCalendar([event], { siteUrl: site.url, siteName: site.name, now, withOnlineLink: true }),
  };
}

const TEMPLATES: Record<'confirmed' | 'waitlisted' | 'promoted', EmailTemplate<EventMailFacts>> = {
  confirmed: registrationConfirmedEmail,
  waitlisted: waitlistedEmail,
  promoted: promotedEmail,
};

/** Enqueues the email of a registration that was just confirmed, waitlisted or promoted (confirmed ones carry the calendar file). */
export async function enqueueRegistrationEmail(db: Executor, clock: Clock, site: EventMailSite, event: Event, registration: Registration, what: keyof typeof TEMPLATES): Promise<void> {
  const attachments = what === 'waitlisted' ? [] : [calendarAttachment(event, site, clock.now())];
  await enqueueEmail(db, clock, TEMPLATES[what], registration.email, factsOf(event, registration, site), { attachments, ...(await withFooter(db, site, await mailLanguageOf(db, registration.email))) });
}
