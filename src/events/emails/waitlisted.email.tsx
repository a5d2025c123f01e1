import { simpleEmail } from '../../mail/email.js';
import { greetingFor } from '../../mail/simple-email.js';
import { factLines, type EventMailFacts } from './event-mail-facts.js';

/** "You are on the waitlist" (never with the online link: the place is not theirs yet). */
export const { subject, render, renderText } = simpleEmail<EventMailFacts>((props, t, language) => ({
  subject: t('email.event.waitlisted.subject', { event: props.eventTitle }),
  greeting: greetingFor(t, props.name),
  paragraphs: [t('email.event.waitlisted.body', { event: props.eventTitle }), t('email.event.waitlisted.next'), ...factLines(props, t, language, false)],
  action: { label: t('email.event.openPage'), url: props.eventUrl },
  closing: t('email.event.waitlisted.closing'),
  siteName: props.siteName,
}));
