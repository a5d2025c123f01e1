import { simpleEmail } from '../../mail/email.js';
import type { Translate } from '../../i18n/messages.js';
import { greetingFor, mailtoHref, type EmailDetail } from '../../mail/simple-email.js';

/** A matching's pair introduction: one to the mentor, one to the mentee, each about the other. */
export interface PairIntroductionProps {
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
function aboutOther(t: Translate, other: PairIntroductionProps['other'], otherRole: 'mentor' | 'mentee'): EmailDetail[] {
  const details: (EmailDetail | null)[] = [
    { value: `${other.name}${other.company ? `, ${other.company}` : ''}` },
    { label: t('email.pairIntroduction.email'), value: other.email, href: mailtoHref(other.email) },
    other.areas.length > 0 ? { label: t(otherRole === 'mentor' ? 'email.pairIntroduction.canHelpWith' : 'email.pairIntroduction.wantsHelpWith'), value: other.areas.join('; ') } : null,
    other.city ? { label: t('email.pairIntroduction.basedIn'), value: other.city } : null,
    other.goals ? { label: t('email.pairIntroduction.inTheirWords'), value: other.goals } : null,
  ];
  return details.filter((detail): detail is EmailDetail => detail !== null);
}

export const { subject, render, renderText } = simpleEmail<PairIntroductionProps>((props, t) => {
  const otherRole = props.role === 'mentor' ? 'mentee' : 'mentor';
  return {
    subject: t('email.pairIntroduction.subject', { program: props.programTitle, other: otherRole, name: props.other.name }),
    greeting: greetingFor(t, props.name),
    paragraphs: [
      t('email.pairIntroduction.paired', { program: props.programTitle, other: otherRole }),
      { details: aboutOther(t, props.other, otherRole) },
      t(props.role === 'mentor' ? 'email.pairIntroduction.mentorFirst' : 'email.pairIntroduction.menteeWait'),
    ],
    closing: props.contactEmail ? t('email.pairIntroduction.questionsTo', { email: props.contactEmail }) : t('email.pairIntroduction.goodStart'),
    siteName: props.siteName,
  };
});
