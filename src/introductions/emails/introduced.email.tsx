import { simpleEmail } from '../../mail/email.js';
import { greetingFor, mailtoHref, type EmailDetail } from '../../mail/simple-email.js';
import { purposeLabel, type IntroductionPurpose } from '../introductions.js';

/** After both sides said yes: one to the member, one to the innovator's contact person, each with the other's details. */
export interface IntroducedProps {
  readonly side: 'member' | 'innovator';
  readonly name: string;
  readonly other: { readonly name: string; readonly company: string; readonly role: string | null; readonly email: string };
  readonly organizationName: string;
  readonly purpose: IntroductionPurpose;
  readonly siteName: string;
  readonly contactEmail: string | null;
}

export const { subject, render, renderText } = simpleEmail<IntroducedProps>((props, t) => {
  const details: EmailDetail[] = [
    { label: t('introductions.email.introduced.name'), value: props.other.name },
    ...(props.other.company ? [{ label: t('introductions.email.introduced.company'), value: props.other.company }] : []),
    ...(props.other.role ? [{ label: t('introductions.email.introduced.role'), value: props.other.role }] : []),
    { label: t('introductions.email.introduced.email'), value: props.other.email, href: mailtoHref(props.other.email) },
  ];
  return {
    subject: t('introductions.email.introduced.subject', { name: props.other.name, company: props.other.company || props.organizationName }),
    greeting: greetingFor(t, props.name),
    paragraphs: [
      t(props.side === 'member' ? 'introductions.email.introduced.toMember' : 'introductions.email.introduced.toInnovator', { organization: props.organizationName, purpose: purposeLabel(t, props.purpose) }),
      { details },
      t('introductions.email.introduced.next'),
    ],
    closing: props.contactEmail ? t('introductions.email.introduced.questionsTo', { email: props.contactEmail }) : t('introductions.email.introduced.goodLuck'),
    siteName: props.siteName,
  };
});
