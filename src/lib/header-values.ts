// Response header values built from input: a redirect's Location, a download's file name, a
// cookie's text. Node refuses to send a header with a control character or a character beyond
// Latin-1, which would answer 500; and a Location of `//host` or `/\host` leaves the site. So
// every such value passes through one rule here before it becomes a header.

/** Printable ASCII, the only characters a header value built from input may keep. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * `target` when it is a same-site absolute path of printable ASCII, else `fallback`: no control
 * characters (a line break would split the header), nothing beyond ASCII, and no `//` or `\`
 * anywhere (browsers read `//host` and `/\host` as another site).
 */
export function safeRedirectPath(target: unknown, fallback: string): string {
  if (typeof target !== 'string' || !target.startsWith('/')) return fallback;
  if (!PRINTABLE_ASCII.test(target) || target.includes('//') || target.includes('\\')) return fallback;
  return target;
}

/**
 * A `Content-Disposition` that downloads as `filename`: letters, digits, dots, hyphens and
 * underscores are kept, anything else (quotes, line breaks, non-ASCII) becomes a hyphen.
 */
export function attachmentDisposition(filename: string): string {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 150) || 'download';
  return `attachment; filename="${safe}"`;
}

/**
 * Text for a cookie (the desk's flash notice): at most `max` characters and well formed, since a
 * lone surrogate from a JSON body would make the cookie's URI encoding throw.
 */
export function cookieText(text: string, max: number): string {
  return text
    .slice(0, max)
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
