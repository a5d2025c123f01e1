import { simpleEmail } from '../../mail/email.js';
import { greetingFor } from '../../mail/simple-email.js';

/** The double opt-in link sent after /subscribe. */
export interface SubscriptionConfirmProps {
  readonly name: string;
  readonly url: string;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<SubscriptionConfirmProps>((props, t) => ({
  subject: t('email.subscribe.subject', { site: props.siteName }),
  greeting: greetingFor(t, props.name),
  paragraphs: [t('email.subscribe.body', { site: props.siteName })],
  action: { label: t('email.subscribe.action'), url: props.url },
  closing: t('email.subscribe.closing'),
  siteName: props.siteName,
}));
