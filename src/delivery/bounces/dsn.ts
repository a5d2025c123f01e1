import { simpleParser } from 'mailparser';
import { verpTokenIn } from '../tokens.js';

// Reads what comes back: RFC 3464 delivery status notifications, RFC 5965 (ARF) complaint
// reports, and mail to the unsubscribe mailbox (the mailto URI of List-Unsubscribe).

/** One recipient's status in a DSN. */
export interface DsnRecipient {
  readonly address: string;
  readonly action: string;
  readonly status: string;
  readonly diagnostic: string | null;
}

/** What an inbound message is about. */
export type InboundReport =
  | { readonly kind: 'bounce'; readonly verpToken: string | null; readonly originalMessageId: string | null; readonly recipients: readonly DsnRecipient[] }
  | { readonly kind: 'complaint'; readonly verpToken: string | null; readonly originalMessageId: string | null; readonly address: string | null }
  | { readonly kind: 'unsubscribe'; readonly token: string }
  | { readonly kind: 'other'; readonly reason: string };

/** `Field: value` groups of a delivery-status or feedback-report body, split at blank lines. */
export function parseFieldGroups(text: string): Map<string, string>[] {
  const groups: Map<string, string>[] = [];
  for (const block of text.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/)) {
    const fields = new Map<string, string>();
    let last: string | undefined;
    for (const line of block.split('\n')) {
      if (/^[ \t]/.test(line) && last) {
        fields.set(last, `${fields.get(last)} ${line.trim()}`);
        continue;
      }
      const match = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
      if (match) {
        last = match[1]!.toLowerCase();
        fields.set(last, match[2]!.trim());
      }
    }
    if (fields.size > 0) groups.push(fields);
  }
  return groups;
}

/** The address in an `rfc822; someone@example.org` field. */
function addressOf(field: string | undefined): string | null {
  if (!field) return null;
  const value = field.includes(';') ? field.slice(field.indexOf(';') + 1) : field;
  return value.trim().replace(/^<|>$/g, '').toLowerCase() || null;
}

const UNSUBSCRIBE = /(?:^|<|\s|,)unsubscribe\+(\d{1,12}-\d{1,12}-[0-9a-f]{24})@/i;

/**
 * Classifies an inbound message. `envelopeTo` are the RCPT TO addresses when it came over SMTP;
 * piped messages are matched through Delivered-To, X-Original-To, Envelope-To and To.
 */
export async function readInbound(raw: Buffer | string, envelopeTo: readonly string[] = []): Promise<InboundReport> {
  const parsed = await simpleParser(raw);
  const headerText = (name: string) => {
    const value = parsed.headers.get(name);
    if (!value) return [];
    if (typeof value === 'string') return [value];
    if (typeof value === 'object' && 'text' in value) return [String((value as { text: string }).text)];
    return [String(value)];
  };
  const addresses = [...envelopeTo, ...headerText('delivered-to'), ...headerText('x-original-to'), ...headerText('envelope-to'), ...headerText('to')];

  const unsubscribe = addresses.map((a) => UNSUBSCRIBE.exec(a)?.[1]).find(Boolean);
  if (unsubscribe) return { kind: 'unsubscribe', token: unsubscribe.toLowerCase() };

  const verpToken = addresses.map((a) => verpTokenIn(a)).find((t): t is string => t !== null) ?? null;
  // mailparser keeps rfc822 parts as attachments and inlines message/delivery-status and
  // message/feedback-report into the text, so the report's fields are read from both.
  let originalMessageId: string | null = null;
  const texts = [parsed.text ?? ''];
  for (const attachment of parsed.attachments) {
    const type = attachment.contentType.toLowerCase();
    const text = attachment.content.toString('utf8');
    if (type === 'message/rfc822' || type === 'text/rfc822-headers' || type === 'message/rfc822-headers') {
      originalMessageId ??= /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(text)?.[1] ?? null;
    } else if (type.startsWith('message/')) texts.push(text);
  }
  originalMessageId ??= /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(parsed.text ?? '')?.[1] ?? null;
  const groups = texts.flatMap((text) => parseFieldGroups(text));
  const feedbackGroup = groups.find((fields) => fields.has('feedback-type'));
  const feedback = feedbackGroup ? [...feedbackGroup].map(([k, v]) => `${k}: ${v}`).join('\n') : null;
  const statusGroups = groups.filter((fields) => (fields.has('final-recipient') || fields.has('original-recipient')) && (fields.has('action') || fields.has('status')));
  const statusText = statusGroups.length > 0 ? '' : null;

  if (feedback !== null) {
    const fields = parseFieldGroups(feedback)[0] ?? new Map<string, string>();
    return { kind: 'complaint', verpToken, originalMessageId, address: addressOf(fields.get('original-rcpt-to')) };
  }
  if (statusText !== null) {
    const recipients = statusGroups.map((fields) => ({
        address: addressOf(fields.get('final-recipient') ?? fields.get('original-recipient')) ?? '',
        action: (fields.get('action') ?? '').toLowerCase(),
        status: (/\d\.\d{1,3}\.\d{1,3}/.exec(fields.get('status') ?? '') ?? [''])[0],
        diagnostic: fields.get('diagnostic-code') ?? null,
      }));
    return { kind: 'bounce', verpToken, originalMessageId, recipients };
  }
  return { kind: 'other', reason: 'neither a delivery status notification, a complaint report, nor an unsubscribe request' };
}
