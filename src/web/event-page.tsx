import { teaserSummary, type Audience } from '../content/audience.js';
import { deadlineOf, formatDeadline, viewEvent } from '../events/event-view.js';
import type { Event } from '../events/events.js';
import { callDeadline, callOpen, offersRegistration, registrationClosedAt, registrationDeadline } from '../events/registrations.js';
import { getEventSettings } from '../events/event-settings.service.js';
import { getOwnRegistration, getRegistrations, placesOf } from '../events/registrations.service.js';
import type { FormErrors } from '../lib/form-errors.js';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages.js';
import type { MessageKey } from '../i18n/messages.js';
import { safeHref } from '../lib/markdown.js';
import { EventPage, type CallTeaser, type RegistrationPanel } from './pages/events.page.js';
import type { PublicDeps } from './public-route.js';
import type { Viewer } from './viewer.js';

// The event page's view: the event for its audience, and the registration panel and call
// teaser for whoever reads it. Shared by the event page and the registration forms that
// re-render it with the reader's answers.

/** A deadline as readers of `language` see it; one that is simply the event's start says so. */
export function deadlineText(instant: string, event: Event, language: Language = DEFAULT_LANGUAGE): string {
  return formatDeadline(language, deadlineOf(instant, event));
}

/** Answers and errors of a registration form to show again. */
export interface RegistrationForm {
  readonly values: Record<string, string>;
  readonly errors: FormErrors;
}

/** The registration panel for whoever reads the page. Only personal renders see state or counts. */
export async function panelFor(deps: PublicDeps, event: Event, viewer: Viewer | undefined, form?: RegistrationForm): Promise<RegistrationPanel> {
  const { db, clock, site } = deps;
  if (!offersRegistration(event)) return { kind: 'none' };
  const now = clock.now();
  const closesOn = deadlineOf(registrationDeadline(event), event);
  if (!viewer) return { kind: 'sign-in', closesOn, closed: registrationClosedAt(event, now) };
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
  const closed = registrationClosedAt(event, now);
  if (closed) return { kind: 'closed', closed };
  const [settings, places] = await Promise.all([getEventSettings(db, event.id), placesOf(db, event)]);
  return { kind: 'form', csrf: viewer.csrf, closesOn, placesLeft: places.left, waitlist: settings.waitlist, questions: settings.questions, values: form?.values ?? {}, errors: form?.errors, siteName: site.name, newsletterBox: !viewer.contact.subscribed };
}

async function callTeaserFor(deps: PublicDeps, event: Event): Promise<CallTeaser | null> {
  const settings = await getEventSettings(deps.db, event.id);
  if (!callOpen(settings, event, deps.clock.now())) return null;
  return { kinds: settings.callKinds, closesOn: deadlineOf(callDeadline(settings, event), event) };
}

/** The notices (messages) after registering or cancelling, by the `done` of the redirect (`/events/<slug>?done=confirmed`). */
export const DONE_NOTICES: Readonly<Record<string, MessageKey>> = {
  confirmed: 'reading.registration.doneConfirmed',
  waitlisted: 'reading.registration.doneWaitlisted',
  cancelled: 'reading.registration.doneCancelled',
};

/** The event page for `audience` in `language`, personal when a viewer is given. */
export async function eventPageFor(deps: PublicDeps, event: Event, audience: Audience, language: Language, viewer: Viewer | undefined, extra: { notice?: MessageKey | null; form?: RegistrationForm } = {}) {
  const [registration, call, seen] = await Promise.all([panelFor(deps, event, viewer, extra.form), callTeaserFor(deps, event), deps.content.eventInLanguage(event, language)]);
  return (
    <EventPage
      site={deps.site}
      event={viewEvent(seen.value, audience, language)}
      untranslated={!seen.translated}
      description={teaserSummary(seen.value.body)}
      registration={registration}
      call={call}
      notice={extra.notice ?? null}
    />
  );
}
