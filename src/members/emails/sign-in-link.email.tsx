import { simpleEmail } from '../../mail/email.js';
import { greetingFor } from '../../mail/simple-email.js';

/** The magic link a contact asked for at /login. */
export interface SignInLinkProps {
  readonly name: string;
  readonly url: string;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<SignInLinkProps>((props, t) => ({
  subject: t('email.signIn.subject', { site: props.siteName }),
  greeting: greetingFor(t, props.name),
  paragraphs: [t('email.signIn.body')],
  action: { label: t('email.signIn.action', { site: props.siteName }), url: props.url },
  closing: t('email.signIn.closing'),
  siteName: props.siteName,
}));
