import { simpleEmail } from '../../mail/email.js';

/** The magic link a contact asked for at /login. */
export interface SignInLinkProps {
  readonly name: string;
  readonly url: string;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<SignInLinkProps>((props) => ({
  subject: `Your sign-in link for ${props.siteName}`,
  greeting: props.name ? `Hello ${props.name},` : 'Hello,',
  paragraphs: ['Here is your link to sign in. It works once, within 15 minutes.'],
  action: { label: `Sign in to ${props.siteName}`, url: props.url },
  closing: 'If you did not ask for this, ignore this email; nobody can sign in without the link.',
  siteName: props.siteName,
}));
