import { LANGUAGES } from '../i18n/languages.js';

// Where a member returns after signing in (`/login?next=`, the sign-in link's `?next=` and its
// confirm form's `next` field). Only a same-site path is taken: it starts with one `/`, holds no
// `//`, no `\`, no scheme, no control character, space or anything beyond printable ASCII, and is
// at most 300 characters; a language prefix (`/de/…`, `/zh/…`) is dropped, since the redirect puts
// the reader's language back. Paths that would loop (the sign-in pages, sign-out) are refused.
// Anything else is undefined, and the caller goes where it would have gone without one.

const ALLOWED = /^\/[A-Za-z0-9\-._~!$&'()*+,;=@%/?#]*$/;
const MAX_LENGTH = 300;
const LOOPS = /^\/(login|logout)(\/|\?|#|$)/;

/** The return path `value` names, without its language prefix, or undefined when it is not a safe same-site path. */
export function checkReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return undefined;
  if (!ALLOWED.test(value) || value.includes('//') || value.startsWith('/\\')) return undefined;
  // A colon could only come from a scheme smuggled in after the slash; paths of this site have none.
  if (value.includes(':')) return undefined;
  let path = value;
  for (const language of LANGUAGES) {
    if (path === `/${language}`) path = '/';
    else if (path.startsWith(`/${language}/`) || path.startsWith(`/${language}?`)) path = path.slice(language.length + 1);
  }
  if (!path.startsWith('/') || LOOPS.test(path)) return undefined;
  return path;
}

/** `/login?next=…` for a return path (English; callers put it in the reader's language). */
export function loginPathReturningTo(path: string): string {
  return `/login?next=${encodeURIComponent(path)}`;
}
