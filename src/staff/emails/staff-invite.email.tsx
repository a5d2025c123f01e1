import { simpleEmail } from '../../mail/email.js';

/** A new staff account's set-password link (also sent again from the desk). */
export interface StaffInviteProps {
  readonly name: string;
  readonly role: string;
  readonly invitedBy: string;
  readonly url: string;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<StaffInviteProps>((props) => ({
  subject: `Your staff account for the ${props.siteName} desk`,
  greeting: props.name ? `Hello ${props.name},` : 'Hello,',
  paragraphs: [`${props.invitedBy} gave you a ${props.role} account on the ${props.siteName} desk. Set your password to sign in; the link works once, for 24 hours.`],
  action: { label: 'Set your password', url: props.url },
  closing: 'If you did not expect this, ignore this email.',
  siteName: props.siteName,
}));
