import { simpleEmail } from '../../mail/email.js';
import { greetingFor } from '../../mail/simple-email.js';
import { factLines, type EventMailFacts } from './event-mail-facts.js';

/** "You are registered": sent with the event's calendar file (online link included). */
export const { subject, render, renderText } = simpleEmail<EventMailFacts>((props, t, language) => ({
  subject: t('email.event.confirmed.subject', { event: props.eventTitle }),
  greeting: greetingFor(t, props.name),
  paragraphs: [t('email.event.confirmed.body', { event: props.eventTitle }), ...factLines(props, t, language, true), t('email.event.confirmed.calendar'), t('email.event.confirmed.cancel')],
  action: { label: t('email.event.openPage'), url: props.eventUrl },
  closing: t('email.event.seeYou'),
  siteName: props.siteName,
}));
