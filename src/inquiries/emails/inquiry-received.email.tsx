import { simpleEmail } from '../../mail/email.js';

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

export const { subject, render, renderText } = simpleEmail<InquiryReceivedProps>((props) => ({
  subject: `New inquiry: ${props.topic} from ${props.name}`.replace(/[\r\n]+/g, ' ').slice(0, 200),
  greeting: 'Hello,',
  paragraphs: [
    `${props.name} <${props.email}>${props.company ? ` (${props.company})` : ''} wrote through the contact form about “${props.topic}”:`,
    props.message,
    'Reply to this email to answer them directly, then mark the inquiry as answered in the inbox.',
  ],
  action: { label: 'Open the inquiry in the desk', url: props.deskUrl },
  closing: 'This notice was sent because someone used the contact form.',
  siteName: props.siteName,
}));
