import { simpleEmail } from '../../mail/email.js';
import { mailtoHref, type EmailDetail } from '../../mail/simple-email.js';

/** A matching's introduction: one to the mentor, one to the mentee, each about the other. */
export interface IntroductionProps {
  readonly role: 'mentor' | 'mentee';
  readonly name: string;
  /** The other person, as they registered (areas as labels). */
  readonly other: {
    readonly name: string;
    readonly company: string | null;
    readonly email: string;
    readonly areas: readonly string[];
    readonly city: string | null;
    readonly goals: string;
  };
  readonly programTitle: string;
  readonly contactEmail: string | null;
  readonly siteName: string;
}

/** One line each: name and company, email (a mailto link in HTML), areas, city, their words. */
function aboutOther(other: IntroductionProps['other'], otherRole: 'mentor' | 'mentee'): EmailDetail[] {
  const details: (EmailDetail | null)[] = [
    { value: `${other.name}${other.company ? `, ${other.company}` : ''}` },
    { label: 'Email', value: other.email, href: mailtoHref(other.email) },
    other.areas.length > 0 ? { label: otherRole === 'mentor' ? 'Can help with' : 'Wants help with', value: other.areas.join('; ') } : null,
    other.city ? { label: 'Based in', value: other.city } : null,
    other.goals ? { label: 'In their words', value: other.goals } : null,
  ];
  return details.filter((detail): detail is EmailDetail => detail !== null);
}

export const { subject, render, renderText } = simpleEmail<IntroductionProps>((props) => {
  const otherRole = props.role === 'mentor' ? 'mentee' : 'mentor';
  return {
    subject: `${props.programTitle}: meet your ${otherRole}, ${props.other.name}`,
    greeting: `Hello ${props.name},`,
    paragraphs: [
      `The organisers of ${props.programTitle} have paired you with your ${otherRole}:`,
      { details: aboutOther(props.other, otherRole) },
      `${props.role === 'mentor' ? 'As the mentor, please write first to suggest a first conversation.' : 'Your mentor will write to you; you are welcome to write first.'} Both of you received this introduction.`,
    ],
    closing: props.contactEmail ? `Questions about the program? Write to ${props.contactEmail}.` : 'We wish you both a good start.',
    siteName: props.siteName,
  };
});
