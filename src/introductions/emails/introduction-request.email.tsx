import { simpleEmail } from '../../mail/email.js';
import { greetingFor, type EmailParagraph } from '../../mail/simple-email.js';
import { purposeLabel, type IntroductionPurpose } from '../introductions.js';

/** A member's request, sent to an innovator's contact person: the member's company, purpose and message, never their name or address. */
export interface IntroductionRequestProps {
  readonly name: string;
  readonly organizationName: string;
  readonly memberCompany: string;
  readonly purpose: IntroductionPurpose;
  readonly message: string;
  /** The page that shows the request with both buttons. */
  readonly decideUrl: string;
  readonly acceptUrl: string;
  readonly declineUrl: string;
  readonly optOutUrl: string;
  /** Set on the first email to this person: where we have their address from. */
  readonly firstContact: { readonly source: string } | null;
  readonly siteName: string;
}

/** In the contact person's language; the footer (organisation, address, imprint) comes with every email. */
export const { subject, render, renderText } = simpleEmail<IntroductionRequestProps>((props, t) => {
  const first: EmailParagraph[] = props.firstContact
    ? [t('introductions.email.request.whyWe', { site: props.siteName }), t('introductions.email.request.source', { source: props.firstContact.source })]
    : [];
  return {
    subject: t('introductions.email.request.subject', { company: props.memberCompany, organization: props.organizationName }),
    greeting: greetingFor(t, props.name),
    paragraphs: [
      ...first,
      t('introductions.email.request.asks', { company: props.memberCompany, organization: props.organizationName, site: props.siteName }),
      { details: [{ label: t('introductions.field.purpose'), value: purposeLabel(t, props.purpose) }, { label: t('introductions.field.message'), value: props.message }] },
      t('introductions.email.request.consent'),
      { details: [{ label: t('introductions.decide.accept'), value: props.acceptUrl, href: props.acceptUrl }, { label: t('introductions.decide.decline'), value: props.declineUrl, href: props.declineUrl }] },
      { details: [{ label: t('introductions.email.request.optOut'), value: props.optOutUrl, href: props.optOutUrl }] },
    ],
    action: { label: t('introductions.email.request.open'), url: props.decideUrl },
    closing: t('introductions.email.request.closing'),
    siteName: props.siteName,
  };
});
