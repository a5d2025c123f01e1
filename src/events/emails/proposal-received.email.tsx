import { simpleEmail } from '../../mail/email.js';

/** The acknowledgement of a proposal to an event's call, with the private withdraw link. */
export interface ProposalReceivedProps {
  readonly name: string;
  readonly kind: string;
  readonly title: string;
  readonly eventTitle: string;
  readonly withdrawUrl: string;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<ProposalReceivedProps>((props) => ({
  subject: `We received your ${props.kind} proposal for ${props.eventTitle}`,
  greeting: `Hello ${props.name},`,
  paragraphs: [`Thank you for your proposal “${props.title}”. The events team will review it and email you the decision.`, 'If your plans change, you can withdraw the proposal with the link below.'],
  action: { label: 'Withdraw my proposal', url: props.withdrawUrl },
  closing: 'Best regards, the events team.',
  siteName: props.siteName,
}));
