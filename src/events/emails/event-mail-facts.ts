import type { EventWhen } from '../../i18n/format.js';
import { formatEventWhen } from '../../i18n/format.js';
import type { Language } from '../../i18n/languages.js';
import type { Translate } from '../../i18n/messages.js';

// The props every registration email of an event takes (event-mail.ts builds them), and the
// fact lines they show, written in the recipient's language.

/** What every registration email shows: who, which event, its facts, its page. */
export interface EventMailFacts {
  readonly name: string;
  readonly eventTitle: string;
  readonly eventUrl: string;
  /** The event's span in its zone (formatted per language). */
  readonly when: EventWhen;
  /** Venue, address and city, or null. */
  readonly where: string | null;
  /** The online link: only given to confirmed registrants. */
  readonly onlineUrl: string | null;
  readonly siteName: string;
}

/** "When: …", "Where: …" and, when `withOnline`, "Online: …". */
export function factLines(props: EventMailFacts, t: Translate, language: Language, withOnline: boolean): string[] {
  return [
    t('email.event.when', { when: formatEventWhen(language, props.when) }),
    ...(props.where ? [t('email.event.where', { where: props.where })] : []),
    ...(withOnline && props.onlineUrl ? [t('email.event.online', { url: props.onlineUrl })] : []),
  ];
}
