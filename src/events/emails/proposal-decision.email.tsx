import { simpleEmail } from '../../mail/email.js';

/** The desk's decision on a proposal: accepted (with the date) or declined. */
export interface ProposalDecisionProps {
  readonly accepted: boolean;
  readonly name: string;
  readonly kind: string;
  readonly title: string;
  readonly eventTitle: string;
  readonly when: string;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<ProposalDecisionProps>((props) => ({
  subject: `${props.accepted ? 'Accepted' : 'Your proposal'}: ${props.title} at ${props.eventTitle}`,
  greeting: `Hello ${props.name},`,
  paragraphs: props.accepted
    ? [`We are glad to tell you that your ${props.kind} proposal “${props.title}” for ${props.eventTitle} has been accepted.`, `When: ${props.when}`, 'The events team will contact you with the details.']
    : [`Thank you for your ${props.kind} proposal “${props.title}” for ${props.eventTitle}. We received many strong proposals and cannot include yours this time.`],
  closing: 'Best regards, the events team.',
  siteName: props.siteName,
}));
