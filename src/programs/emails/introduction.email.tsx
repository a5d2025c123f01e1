import { simpleEmail } from '../../mail/email.js';
import type { Translate } from '../../i18n/messages.js';
import { greetingFor, mailtoHref, type EmailDetail } from '../../mail/simple-email.js';

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
function aboutOther(t: Translate, other: IntroductionProps['other'], otherRole: 'mentor' | 'mentee'): EmailDetail[] {
  const details: (EmailDetail | null)[] = [
    { value: `${other.name}${other.company ? `, ${other.company}` : ''}` },
    { label: t('email.introduction.email'), value: other.email, href: mailtoHref(other.email) },
    other.areas.length > 0 ? { label: t(otherRole === 'mentor' ? 'email.introduction.canHelpWith' : 'email.introduction.wantsHelpWith'), value: other.areas.join('; ') } : null,
    other.city ? { label: t('email.introduction.basedIn'), value: other.city } : null,
    other.goals ? { label: t('email.introduction.inTheirWords'), value: other.goals } : null,
  ];
  return details.filter((detail): detail is EmailDetail => detail !== null);
}

export const { subject, render, renderText } = simpleEmail<IntroductionProps>((props, t) => {
  const otherRole = props.role === 'mentor' ? 'mentee' : 'mentor';
  return {
    subject: t('email.introduction.subject', { program: props.programTitle, other: otherRole, name: props.other.name }),
    greeting: greetingFor(t, props.name),
    paragraphs: [
      t('email.introduction.paired', { program: props.programTitle, other: otherRole }),
      { details: aboutOther(t, props.other, otherRole) },
      t(props.role === 'mentor' ? 'email.introduction.mentorFirst' : 'email.introduction.menteeWait'),
    ],
    closing: props.contactEmail ? t('email.introduction.questionsTo', { email: props.contactEmail }) : t('email.introduction.goodStart'),
    siteName: props.siteName,
  };
});
