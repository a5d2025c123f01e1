import { safeEqual, sign } from './tokens.js';

// CSRF tokens are an HMAC of something only this browser holds: the session token when there
// is a session, or a random per-browser cookie otherwise. A forged cross-site form cannot read
// either, so it cannot produce the token; nothing needs to be stored on the server.

/** The token a form must carry for the given binding (session token or browser nonce). */
export function csrfTokenFor(secret: string, binding: string): string {
  return sign(secret, `csrf:${binding}`);
}

/** Whether a submitted token belongs to the binding. */
export function isValidCsrfToken(secret: string, binding: string | undefined, token: unknown): boolean {
  if (!binding || typeof token !== 'string' || token.length === 0) return false;
  return safeEqual(csrfTokenFor(secret, binding), token);
}
