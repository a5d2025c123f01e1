import { createHmac } from 'node:crypto';
import { safeEqual } from '../lib/tokens.js';

// Tokens that need no lookup to check: HMACs under SECRET_KEY. Lower-case hex only, so they
// survive mail systems that fold the case of an address's local part (VERP).

function mac(secret: string, purpose: string, text: string, length: number): string {
  return createHmac('sha256', secret).update(`${purpose}\n${text}`).digest('hex').slice(0, length);
}

/** The unsubscribe token of one contact in one delivery: `<delivery>-<contact>-<mac>`. */
export function unsubscribeToken(secret: string, deliveryId: number, contactId: number): string {
  return `${deliveryId}-${contactId}-${mac(secret, 'unsubscribe', `${deliveryId}:${contactId}`, 24)}`;
}

/** Checks an unsubscribe token; the delivery and contact it names, or null when forged. */
export function readUnsubscribeToken(secret: string, token: string): { deliveryId: number; contactId: number } | null {
  const match = /^(\d{1,12})-(\d{1,12})-([0-9a-f]{24})$/.exec(token);
  if (!match) return null;
  const deliveryId = Number(match[1]);
  const contactId = Number(match[2]);
  return safeEqual(match[3]!, mac(secret, 'unsubscribe', `${deliveryId}:${contactId}`, 24)) ? { deliveryId, contactId } : null;
}

/** The VERP token of one ledger row, from the delivery and the address: `<delivery>x<mac>`. */
export function verpToken(secret: string, deliveryId: number, emailKey: string): string {
  return `${deliveryId}x${mac(secret, 'verp', `${deliveryId}:${emailKey}`, 16)}`;
}

/** The deterministic Message-ID of one delivery × address, so a repeat carries the same id. */
export function messageIdFor(secret: string, deliveryId: number, emailKey: string, domain: string): string {
  return `<delivery.${deliveryId}.${mac(secret, 'message-id', `${deliveryId}:${emailKey}`, 20)}@${domain}>`;
}

/** The VERP envelope sender `bounces+<token>@<domain>`. */
export function verpAddress(token: string, domain: string): string {
  return `bounces+${token}@${domain}`;
}

/** The token in a VERP address (any local part `bounces+<token>`), or null. */
export function verpTokenIn(address: string): string | null {
  const match = /(?:^|<|\s)bounces\+(\d+x[0-9a-f]{16})@/i.exec(address);
  return match ? match[1]!.toLowerCase() : null;
}
