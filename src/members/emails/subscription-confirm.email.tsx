import { simpleEmail } from '../../mail/email.js';

/** The double opt-in link sent after /subscribe. */
export interface SubscriptionConfirmProps {
  readonly name: string;
  readonly url: string;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<SubscriptionConfirmProps>((props) => ({
  subject: `Confirm your subscription to ${props.siteName}`,
  greeting: props.name ? `Hello ${props.name},` : 'Hello,',
  paragraphs: [`Please confirm that you want to receive ${props.siteName} by email. Until you confirm, we send you nothing else.`],
  action: { label: 'Confirm my subscription', url: props.url },
  closing: 'If you did not ask for this, ignore this email and you will not be subscribed.',
  siteName: props.siteName,
}));
