import { simpleEmail } from '../../mail/email.js';
import type { EventMailFacts } from './event-mail-facts.js';

/** A place became free and the first on the waitlist has it: sent with the calendar file. */
export const { subject, render, renderText } = simpleEmail<EventMailFacts>((props) => ({
  subject: `A place is free: you are registered for ${props.eventTitle}`,
  greeting: props.name ? `Hello ${props.name},` : 'Hello,',
  paragraphs: [
    `A place at ${props.eventTitle} became free, and as you were next on the waitlist, it is now yours: your registration is confirmed.`,
    ...props.facts,
    'The attached calendar file adds the event to your calendar. If you cannot come, please cancel on the event page.',
  ],
  action: { label: 'Open the event page', url: props.eventUrl },
  closing: 'See you there.',
  siteName: props.siteName,
}));
