import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCookies, checkSecurityHeaders, findInlineCode, parseCsp } from '../support/headers.js';
import { fetchPageKind, PAGE_KINDS } from '../support/page-kinds.js';
import { clientsFor, InjectClient, startSite, type E2eSite } from '../support/site.js';

// The security headers on every kind of answer (pages of every audience, errors, redirects,
// 304s, feeds, assets, health), once for a site served over http and once over https: a CSP
// without inline script, frame-ancestors 'none', nosniff, a Referrer-Policy, HSTS exactly when
// https; cookies HttpOnly and SameSite (Secure on https). And the pages hold nothing the CSP
// would have to block: no inline script, handler attribute or style.

describe.each([
  ['http', 'http://insights.test'],
  ['https', 'https://insights.example.org'],
] as const)('security headers over %s', (scheme, siteUrl) => {
  const https = scheme === 'https';
  let site: E2eSite;
  beforeAll(async () => {
    site = await startSite({ listen: false, siteUrl });
  });
  afterAll(async () => {
    await site?.close();
  });

  it('every page kind, as its audience sees it', async () => {
    const clientFor = clientsFor(site);
    const problems: string[] = [];
    for (const kind of PAGE_KINDS) {
      const response = await fetchPageKind(site, await clientFor(kind.as), kind);
      expect(response.statusCode, kind.name).toBe(kind.status);
      problems.push(...checkSecurityHeaders(response.headers, { https }).map((problem) => `${kind.name}: ${problem}`));
      problems.push(...checkCookies(response.headers['set-cookie'], { https }).map((problem) => `${kind.name}: ${problem}`));
      problems.push(...findInlineCode(response.body).map((problem) => `${kind.name}: ${problem}`));
    }
    expect(problems).toEqual([]);
  });

  it('errors, redirects, 304s, feeds, assets and health checks', async () => {
    const client = new InjectClient(site.app);
    const home = await client.get('/');
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(home.body)![1]!;
    const answers = {
      'GET /feed.xml': await client.get('/feed.xml'),
      'GET /sitemap.xml': await client.get('/sitemap.xml'),
      'GET /robots.txt': await client.get('/robots.txt'),
      'GET /healthz': await client.get('/healthz'),
      'GET /favicon.svg': await client.get('/favicon.svg'),
      [`GET ${stylesheet}`]: await client.get(stylesheet),
      'GET / (304)': await client.get('/', { 'if-none-match': String(home.headers.etag) }),
      'HEAD /': await site.app.http.inject({ method: 'HEAD', url: '/' }),
      'GET /account signed out (303)': await client.get('/account'),
      'GET /admin signed out (303)': await client.get('/admin'),
      'GET /nowhere (404)': await client.get('/nowhere'),
      'GET /nowhere as JSON (404)': await client.get('/nowhere', { accept: 'application/json' }),
      'POST /login without a token (403)': await client.post('/login', { email: 'a@example.com' }),
      'POST /login too large (413)': await client.post('/login', { email: 'a'.repeat(2 * 1024 * 1024) }),
    };
    const statuses = Object.fromEntries(Object.entries(answers).map(([what, response]) => [what, response.statusCode]));
    expect(statuses).toMatchObject({ 'GET / (304)': 304, 'GET /nowhere (404)': 404, 'POST /login without a token (403)': 403, 'POST /login too large (413)': 413, 'GET /account signed out (303)': 303 });
    const problems = Object.entries(answers).flatMap(([what, response]) => [
      ...checkSecurityHeaders(response.headers, { https }).map((problem) => `${what}: ${problem}`),
      ...checkCookies(response.headers['set-cookie'], { https }).map((problem) => `${what}: ${problem}`),
    ]);
    expect(problems).toEqual([]);
  });

  it(`HSTS is ${https ? 'sent' : 'not sent'}, and the CSP ${https ? 'upgrades' : 'leaves'} insecure requests`, async () => {
    const response = await site.app.http.inject({ method: 'GET', url: '/' });
    expect(response.headers['strict-transport-security'] !== undefined).toBe(https);
    expect(parseCsp(String(response.headers['content-security-policy'])).has('upgrade-insecure-requests')).toBe(https);
  });
});

describe('the header checks can fail', () => {
  it('a response without security headers, with a weak CSP, or with HSTS on http is reported', () => {
    expect(checkSecurityHeaders({}, { https: true })).toEqual([
      'no Content-Security-Policy',
      'X-Content-Type-Options is not nosniff',
      'Referrer-Policy undefined leaks addresses (want one of no-referrer, same-origin, strict-origin, strict-origin-when-cross-origin)',
      'HSTS missing or shorter than 180 days on an https site: undefined',
    ]);
    const weak = {
      'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' https:",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'unsafe-url',
      'strict-transport-security': 'max-age=31536000',
    };
    expect(checkSecurityHeaders(weak, { https: false })).toEqual([
      "CSP: script-src allows 'unsafe-inline' (inline script only by nonce)",
      "CSP: script-src allows 'unsafe-eval'",
      'CSP: script-src allows https:',
      "CSP: object-src is not 'none'",
      "CSP: frame-ancestors is not 'none'",
      'CSP: no base-uri',
      'CSP: no form-action',
      'Referrer-Policy "unsafe-url" leaks addresses (want one of no-referrer, same-origin, strict-origin, strict-origin-when-cross-origin)',
      'HSTS sent by a site served over plain http',
    ]);
  });

  it('cookies without HttpOnly, SameSite or Secure, and inline code in a page, are reported', () => {
    expect(checkCookies(['session=abc; Path=/'], { https: true })).toEqual([
      'cookie session is not HttpOnly',
      'cookie session has no SameSite=Lax or Strict',
      'cookie session is not Secure on an https site',
    ]);
    expect(findInlineCode('<p style="color:red" onclick="x()"><script>alert(1)</script><a href="javascript:x()">x</a></p>')).toEqual([
      'inline <script>',
      'event handler attribute onclick',
      'inline style: <p style=',
      'script address: href="javascript:',
    ]);
  });
});
