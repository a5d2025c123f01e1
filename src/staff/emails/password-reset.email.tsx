import { simpleEmail } from '../../mail/email.js';
import { greetingFor } from '../../mail/simple-email.js';

/** The set-password link asked for at /admin/forgot. */
export interface PasswordResetProps {
  readonly url: string;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<PasswordResetProps>((props, t) => ({
  subject: t('email.passwordReset.subject', { site: props.siteName }),
  greeting: greetingFor(t, null),
  paragraphs: [t('email.passwordReset.body')],
  action: { label: t('email.staff.setPassword'), url: props.url },
  closing: t('email.passwordReset.closing'),
  siteName: props.siteName,
}));
