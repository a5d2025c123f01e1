import { simpleEmail } from '../../mail/email.js';

/** The set-password link asked for at /admin/forgot. */
export interface PasswordResetProps {
  readonly url: string;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<PasswordResetProps>((props) => ({
  subject: `Set your password for the ${props.siteName} desk`,
  greeting: 'Hello,',
  paragraphs: ['Someone (hopefully you) asked to set a new password for your staff account. The link works once, for 24 hours.'],
  action: { label: 'Set your password', url: props.url },
  closing: 'If you did not ask for this, ignore this email; your password stays as it is.',
  siteName: props.siteName,
}));
