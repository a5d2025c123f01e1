import { simpleEmail } from '../../mail/email.js';
import { greetingFor } from '../../mail/simple-email.js';

/** The acknowledgement of a proposal to an event's call, with the private withdraw link. */
export interface ProposalReceivedProps {
  readonly name: string;
  readonly kind: string;
  readonly title: string;
  readonly eventTitle: string;
  readonly withdrawUrl: string;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<ProposalReceivedProps>((props, t) => ({
  subject: t('email.proposal.received.subject', { kind: props.kind, event: props.eventTitle }),
  greeting: greetingFor(t, props.name),
  paragraphs: [t('email.proposal.received.body', { title: props.title }), t('email.proposal.received.withdrawNote')],
  action: { label: t('email.proposal.received.action'), url: props.withdrawUrl },
  closing: t('email.proposal.closing'),
  siteName: props.siteName,
}));
