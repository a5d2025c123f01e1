import { simpleEmail } from '../../mail/email.js';
import { greetingFor } from '../../mail/simple-email.js';
import type { DataLinkProps } from './data-export-link.email.js';

/** The link a member asked for on /account to confirm their erasure. */
export const { subject, render, renderText } = simpleEmail<DataLinkProps>((props, t) => ({
  subject: t('privacy.email.eraseSubject', { site: props.siteName }),
  greeting: greetingFor(t, props.name),
  paragraphs: [t('privacy.email.eraseBody')],
  action: { label: t('privacy.email.eraseAction'), url: props.url },
  closing: t('privacy.email.closing'),
  siteName: props.siteName,
}));
