import { simpleEmail } from '../../mail/email.js';
import { greetingFor } from '../../mail/simple-email.js';

/** A new staff account's set-password link (also sent again from the desk). */
export interface StaffInviteProps {
  readonly name: string;
  readonly role: string;
  readonly invitedBy: string;
  readonly url: string;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<StaffInviteProps>((props, t) => ({
  subject: t('email.staffInvite.subject', { site: props.siteName }),
  greeting: greetingFor(t, props.name),
  paragraphs: [t('email.staffInvite.body', { invitedBy: props.invitedBy, role: props.role, site: props.siteName })],
  action: { label: t('email.staff.setPassword'), url: props.url },
  closing: t('email.staffInvite.closing'),
  siteName: props.siteName,
}));
