import { describe, expect, it } from 'vitest';
import { backoffMs } from './engine/sender.js';
import { messageIdFor, readUnsubscribeToken, unsubscribeToken, verpAddress, verpToken, verpTokenIn } from './tokens.js';

// Tokens need no lookup to check, survive case folding, and are the same for the same
// delivery × address; backoff doubles from its base.

const SECRET = 'a-secret-key-that-is-long-enough-for-tests-000';

describe('delivery tokens', () => {
  it('an unsubscribe token names its delivery and contact and cannot be altered', () => {
    const token = unsubscribeToken(SECRET, 12, 345);
    expect(readUnsubscribeToken(SECRET, token)).toEqual({ deliveryId: 12, contactId: 345 });
    expect(readUnsubscribeToken(SECRET, token.replace('-345-', '-346-'))).toBeNull();
    expect(readUnsubscribeToken('another-secret-key-that-is-long-enough-0000', token)).toBeNull();
    expect(readUnsubscribeToken(SECRET, `${token}0`)).toBeNull();
    expect(token).toBe(token.toLowerCase());
  });

  it('VERP tokens and Message-IDs are deterministic per delivery and address', () => {
    const token = verpToken(SECRET, 7, 'ann@example.org');
    expect(token).toMatch(/^7x[0-9a-f]{16}$/);
    expect(verpToken(SECRET, 7, 'ann@example.org')).toBe(token);
    expect(verpToken(SECRET, 8, 'ann@example.org')).not.toBe(token);
    const address = verpAddress(token, 'insights.example.org');
    expect(address).toBe(`bounces+${token}@insights.example.org`);
    expect(verpTokenIn(`<${address.toUpperCase()}>`)).toBe(token);
    expect(verpTokenIn('postmaster@insights.example.org')).toBeNull();
    expect(messageIdFor(SECRET, 7, 'ann@example.org', 'd.org')).toBe(messageIdFor(SECRET, 7, 'ann@example.org', 'd.org'));
    expect(messageIdFor(SECRET, 7, 'bob@example.org', 'd.org')).not.toBe(messageIdFor(SECRET, 7, 'ann@example.org', 'd.org'));
  });

  it('backoff doubles from the base, with ±20% jitter, capped at six hours', () => {
    expect(backoffMs(60_000, 1, () => 0.5)).toBe(60_000);
    expect(backoffMs(60_000, 2, () => 0.5)).toBe(120_000);
    expect(backoffMs(60_000, 4, () => 0.5)).toBe(480_000);
    expect(backoffMs(60_000, 3, () => 0)).toBe(192_000);
    expect(backoffMs(60_000, 3, () => 1)).toBe(288_000);
    expect(backoffMs(60_000, 30, () => 0.5)).toBe(6 * 3600_000);
  });
});
