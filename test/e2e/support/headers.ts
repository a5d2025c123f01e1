// The response headers every answer must carry, as one checker the suite runs on every kind of
// response and, in the can-fail test, on a response without them.

type Headers = Readonly<Record<string, string | string[] | number | undefined>>;

const REFERRER_POLICIES = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
const HALF_A_YEAR = 180 * 24 * 3600;

/** A Content-Security-Policy header as directive → sources. */
export function parseCsp(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** What is wrong with a response's security headers; empty when nothing is. */
export function checkSecurityHeaders(headers: Headers, { https }: { https: boolean }): string[] {
  const problems: string[] = [];
  const get = (name: string) => {
    const value = headers[name];
    return value === undefined ? undefined : String(value);
  };

  const csp = get('content-security-policy');
  if (!csp) problems.push('no Content-Security-Policy');
  else {
    const directives = parseCsp(csp);
    const scripts = directives.get('script-src') ?? directives.get('default-src');
    if (!scripts) problems.push('CSP: no script-src (nor default-src): any script may run');
    else {
      if (scripts.includes("'unsafe-inline'")) problems.push("CSP: script-src allows 'unsafe-inline' (inline script only by nonce)");
      if (scripts.includes("'unsafe-eval'")) problems.push("CSP: script-src allows 'unsafe-eval'");
      for (const wide of ['*', 'data:', 'http:', 'https:', 'blob:']) if (scripts.includes(wide)) problems.push(`CSP: script-src allows ${wide}`);
    }
    const objects = directives.get('object-src') ?? directives.get('default-src');
    if (!objects?.includes("'none'")) problems.push("CSP: object-src is not 'none'");
    if (directives.get('frame-ancestors')?.join(' ') !== "'none'") problems.push("CSP: frame-ancestors is not 'none'");
    if (!directives.has('base-uri')) problems.push('CSP: no base-uri');
    if (!directives.has('form-action')) problems.push('CSP: no form-action');
  }
  if (get('x-content-type-options')?.toLowerCase() !== 'nosniff') problems.push('X-Content-Type-Options is not nosniff');
  const referrer = get('referrer-policy');
  if (!referrer || !REFERRER_POLICIES.includes(referrer.toLowerCase())) problems.push(`Referrer-Policy ${JSON.stringify(referrer)} leaks addresses (want one of ${REFERRER_POLICIES.join(', ')})`);
  const hsts = get('strict-transport-security');
  if (https) {
    const maxAge = Number(/max-age=(\d+)/i.exec(hsts ?? '')?.[1] ?? 0);
    if (maxAge < HALF_A_YEAR) problems.push(`HSTS missing or shorter than 180 days on an https site: ${JSON.stringify(hsts)}`);
  } else if (hsts !== undefined) {
    problems.push('HSTS sent by a site served over plain http');
  }
  return problems;
}

/** What in a page the CSP would block (so it would break) or what defeats it: inline scripts, handlers, styles. */
export function findInlineCode(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>/gi)) if (!/\ssrc=/i.test(match[1]!)) found.push(`inline <script${match[1]}>`);
  for (const match of html.matchAll(/<[a-z][^>]*\s(on[a-z]+)=/gi)) found.push(`event handler attribute ${match[1]}`);
  for (const match of html.matchAll(/<[a-z][^>]*\sstyle=/gi)) found.push(`inline style: ${match[0].slice(0, 60)}`);
  for (const match of html.matchAll(/\s(?:href|src|action)="\s*(?:javascript|data):/gi)) found.push(`script address: ${match[0].trim()}`);
  return found;
}

/** What is wrong with the cookies a response sets: each must be HttpOnly and SameSite, and Secure on https. */
export function checkCookies(setCookie: string | string[] | undefined, { https }: { https: boolean }): string[] {
  const problems: string[] = [];
  for (const cookie of [setCookie ?? []].flat()) {
    const name = cookie.split('=')[0];
    if (!/;\s*httponly/i.test(cookie)) problems.push(`cookie ${name} is not HttpOnly`);
    if (!/;\s*samesite=(lax|strict)/i.test(cookie)) problems.push(`cookie ${name} has no SameSite=Lax or Strict`);
    if (https && !/;\s*secure/i.test(cookie)) problems.push(`cookie ${name} is not Secure on an https site`);
  }
  return problems;
}
