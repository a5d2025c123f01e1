import { simpleEmail } from '../../mail/email.js';

/** The confirmation of a program registration (new or changed), with the answers given. */
export interface RegistrationSavedProps {
  readonly created: boolean;
  readonly name: string;
  readonly role: string;
  readonly programTitle: string;
  /** One line per answer: "Role: mentor (up to 2 mentees)", "Languages: …". */
  readonly answers: readonly string[];
  /** " until March 31, 2024", or "" without a deadline. */
  readonly until: string;
  readonly registrationUrl: string;
  readonly contactEmail: string | null;
  readonly siteName: string;
}

const counterpart = (role: string) => (role === 'mentor' ? 'mentees' : role === 'mentee' ? 'mentor' : 'fellow participants');

export const { subject, render, renderText } = simpleEmail<RegistrationSavedProps>((props) => ({
  subject: `${props.created ? 'You are registered' : 'Your registration was updated'}: ${props.programTitle}`,
  greeting: `Hello ${props.name},`,
  paragraphs: [
    `${props.created ? 'Thank you for registering' : 'Your answers were saved'} for ${props.programTitle} as a ${props.role}. The organisers will introduce you to your ${counterpart(props.role)} by email once the matching is done.`,
    props.answers.join('\n'),
    `You can change your answers${props.until} on the program's page.`,
  ],
  action: { label: 'See or change your registration', url: props.registrationUrl },
  closing: props.contactEmail ? `Questions? Write to ${props.contactEmail}.` : 'Questions? Reply to this email.',
  siteName: props.siteName,
}));
