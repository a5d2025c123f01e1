import { simpleEmail } from '../../mail/email.js';

/** A matching's introduction: one to the mentor, one to the mentee, each about the other. */
export interface IntroductionProps {
  readonly role: 'mentor' | 'mentee';
  readonly name: string;
  readonly otherName: string;
  /** Lines about the other person: name and company, email, areas, city, their words. */
  readonly about: readonly string[];
  readonly programTitle: string;
  readonly contactEmail: string | null;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<IntroductionProps>((props) => {
  const otherRole = props.role === 'mentor' ? 'mentee' : 'mentor';
  return {
    subject: `${props.programTitle}: meet your ${otherRole}, ${props.otherName}`,
    greeting: `Hello ${props.name},`,
    paragraphs: [
      `The organisers of ${props.programTitle} have paired you with your ${otherRole}:`,
      props.about.join('\n'),
      `${props.role === 'mentor' ? 'As the mentor, please write first to suggest a first conversation.' : 'Your mentor will write to you; you are welcome to write first.'} Both of you received this introduction.`,
    ],
    closing: props.contactEmail ? `Questions about the program? Write to ${props.contactEmail}.` : 'We wish you both a good start.',
    siteName: props.siteName,
  };
});
