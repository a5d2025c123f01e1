import { simpleEmail } from '../../mail/email.js';
import { greetingFor } from '../../mail/simple-email.js';

/** The link a member asked for on /account to download their data. */
export interface DataLinkProps {
  readonly name: string;
  readonly url: string;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<DataLinkProps>((props, t) => ({
  subject: t('privacy.email.exportSubject', { site: props.siteName }),
  greeting: greetingFor(t, props.name),
  paragraphs: [t('privacy.email.exportBody')],
  action: { label: t('privacy.email.exportAction'), url: props.url },
  closing: t('privacy.email.closing'),
  siteName: props.siteName,
}));
