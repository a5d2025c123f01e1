import { formatEventWhen, type EventWhen } from '../../i18n/format.js';
import { simpleEmail } from '../../mail/email.js';
import { greetingFor } from '../../mail/simple-email.js';

/** The desk's decision on a proposal: accepted (with the date) or declined. */
export interface ProposalDecisionProps {
  readonly accepted: boolean;
  readonly name: string;
  readonly kind: string;
  readonly title: string;
  readonly eventTitle: string;
  /** The event's span in its zone (formatted per language). */
  readonly when: EventWhen;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<ProposalDecisionProps>((props, t, language) => {
  const values = { kind: props.kind, title: props.title, event: props.eventTitle };
  return {
    subject: t(props.accepted ? 'email.proposal.accepted.subject' : 'email.proposal.declined.subject', values),
    greeting: greetingFor(t, props.name),
    paragraphs: props.accepted
      ? [t('email.proposal.accepted.body', values), t('email.event.when', { when: formatEventWhen(language, props.when) }), t('email.proposal.accepted.next')]
      : [t('email.proposal.declined.body', values)],
    closing: t('email.proposal.closing'),
    siteName: props.siteName,
  };
});
