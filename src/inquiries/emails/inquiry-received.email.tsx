import { simpleEmail } from '../../mail/email.js';
import { greetingFor } from '../../mail/simple-email.js';

/** The notice to the team of a message sent through /contact (Reply-To: the sender). */
export interface InquiryReceivedProps {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly company: string | null;
  readonly topic: string;
  readonly message: string;
  readonly deskUrl: string;
  readonly siteName: string;
}

export const { subject, render, renderText } = simpleEmail<InquiryReceivedProps>((props, t) => ({
  subject: t('email.inquiry.subject', { topic: props.topic, name: props.name }).replace(/[\r\n]+/g, ' ').slice(0, 200),
  greeting: greetingFor(t, null),
  paragraphs: [
    t('email.inquiry.wrote', { sender: `${props.name} <${props.email}>${props.company ? ` (${props.company})` : ''}`, topic: props.topic }),
    props.message,
    t('email.inquiry.replyNote'),
  ],
  action: { label: t('email.inquiry.action'), url: props.deskUrl },
  closing: t('email.inquiry.closing'),
  siteName: props.siteName,
}));
