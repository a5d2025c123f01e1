import { simpleEmail } from '../../mail/email.js';
import { greetingFor } from '../../mail/simple-email.js';
import { factLines, type EventMailFacts } from './event-mail-facts.js';

/** A place became free and the first on the waitlist has it: sent with the calendar file. */
export const { subject, render, renderText } = simpleEmail<EventMailFacts>((props, t, language) => ({
  subject: t('email.event.promoted.subject', { event: props.eventTitle }),
  greeting: greetingFor(t, props.name),
  paragraphs: [t('email.event.promoted.body', { event: props.eventTitle }), ...factLines(props, t, language, true), t('email.event.promoted.calendar')],
  action: { label: t('email.event.openPage'), url: props.eventUrl },
  closing: t('email.event.seeYou'),
  siteName: props.siteName,
}));
