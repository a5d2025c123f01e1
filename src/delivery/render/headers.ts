import type { Edition } from '../delivery.js';

// The list headers every delivery message carries (RFC 2369, 2919, 8058). nodemailer's `list`
// option writes one List-Unsubscribe header per URI; RFC 8058 wants one header holding both,
// so we set the fields ourselves.

export interface ListHeaderInput {
  readonly siteName: string;
  readonly deliveryId: number;
  readonly edition: Edition;
  /** The https one-click URL. */
  readonly unsubscribeUrl: string;
  /** The mailbox that unsubscribes by mail: `unsubscribe+<token>@<domain>`. */
  readonly unsubscribeMailbox: string;
  readonly domain: string;
}

/** List-Unsubscribe (https + mailto), List-Unsubscribe-Post, List-Id, Feedback-ID, Precedence. */
export function listHeaders(input: ListHeaderInput): Record<string, string> {
  const phrase = input.siteName.replace(/["\\\r\n]/g, '');
  return {
    'List-Unsubscribe': `<${input.unsubscribeUrl}>, <mailto:${input.unsubscribeMailbox}?subject=unsubscribe>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `"${phrase}" <${input.edition}.newsletter.${input.domain}>`,
    'Feedback-ID': `${input.deliveryId}:${input.edition}:newsletter:${input.domain}`,
    Precedence: 'bulk',
  };
}
