import { simpleEmail } from '../../mail/email.js';
import type { EventMailFacts } from './event-mail-facts.js';

/** "You are on the waitlist" (never with the online link: the place is not theirs yet). */
export const { subject, render, renderText } = simpleEmail<EventMailFacts>((props) => ({
  subject: `You are on the waitlist: ${props.eventTitle}`,
  greeting: props.name ? `Hello ${props.name},` : 'Hello,',
  paragraphs: [`${props.eventTitle} is full, so you are on the waitlist.`, 'When a place frees up, the first person on the waitlist gets it automatically and we email you at once.', ...props.facts.filter((line) => !line.startsWith('Online'))],
  action: { label: 'Open the event page', url: props.eventUrl },
  closing: 'Thank you for your patience.',
  siteName: props.siteName,
}));
