import { simpleEmail } from '../../mail/email.js';
import type { EventMailFacts } from './event-mail-facts.js';

/** "You are registered": sent with the event's calendar file (online link included). */
export const { subject, render, renderText } = simpleEmail<EventMailFacts>((props) => ({
  subject: `You are registered: ${props.eventTitle}`,
  greeting: props.name ? `Hello ${props.name},` : 'Hello,',
  paragraphs: [`Your place at ${props.eventTitle} is confirmed.`, ...props.facts, 'The attached calendar file adds the event to your calendar.', 'If you cannot come, please cancel on the event page, so someone on the waitlist gets your place.'],
  action: { label: 'Open the event page', url: props.eventUrl },
  closing: 'See you there.',
  siteName: props.siteName,
}));
