import { safeEqual, sign } from './tokens.js';

// CSRF tokens are an HMAC of something only this browser holds: the session token when there
// is a session, or a random per-browser cookie otherwise. A forged cross-site form cannot read
// either, so it cannot produce the token; nothing needs to be stored on the server.

// Every signed-in page carries a token, and the same browser asks again and again: the last few
// thousand are kept (a bounded map, oldest out first), so an HMAC is computed once per binding.
const recent = new Map<string, string>();
const KEPT = 5000;

/** The token a form must carry for the given binding (session token or browser nonce). */
export function csrfTokenFor(secret: string, binding: string): string {
  const key = `${secret}\u0000${binding}`;
  let token = recent.get(key);
  if (token === undefined) {
    token = sign(secret, `csrf:${binding}`);
    if (recent.size >= KEPT) recent.delete(recent.keys().next().value!);
    recent.set(key, token);
  }
  return token;
}

/** Whether a submitted token belongs to the binding. */
export function isValidCsrfToken(secret: string, binding: string | undefined, token: unknown): boolean {
  if (!binding || typeof token !== 'string' || token.length === 0) return false;
  return safeEqual(csrfTokenFor(secret, binding), token);
}
