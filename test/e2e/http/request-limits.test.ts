import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleText } from '../../support/app.js';
import { FORMS } from '../support/forms.js';
import { encodeForm, InjectClient, PEOPLE, startSite, UPCOMING, type E2eSite } from '../support/site.js';

// Oversized bodies get 413 and malformed ones 400, each with a message a person can act on,
// on every form the public can reach (and the member's account form): never a 500.

let site: E2eSite;
let client: InjectClient;
let token: string;

beforeAll(async () => {
  site = await startSite({ listen: false });
  client = new InjectClient(site.app);
  await client.signInAsContact(PEOPLE.member.email);
  token = /name="_csrf" value="([^"]+)"/.exec((await client.get('/account')).body)![1]!;
});
afterAll(async () => {
  await site?.close();
});

// The forms this file posts to as a signed-in member: the public ones and the member's own.
const MEMBER_FORMS = FORMS.filter((form) => form.as !== 'staff');
const ACTIONS = [...new Set([...MEMBER_FORMS.map((form) => form.action), '/logout', '/login/some-token-0123456789', '/subscribe/confirm/some-token-0123456789'])];
const MiB = 1024 * 1024;

async function post(url: string, contentType: string, payload: string | Buffer) {
  site.clock.advance(61 * 60_000);
  const response = await site.app.http.inject({ method: 'POST', url, headers: { cookie: client.cookies, 'content-type': contentType, accept: 'text/html' }, payload });
  return { status: response.statusCode, text: visibleText(response.body), html: response.body };
}

function multipart(parts: { name: string; value: string; filename?: string }[]): string {
  const body = parts.map((part) => `--XX\r\nContent-Disposition: form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"\r\nContent-Type: text/plain` : ''}\r\n\r\n${part.value}\r\n`);
  return `${body.join('')}--XX--\r\n`;
}

/** The desk's one upload route (the contacts CSV), as the owner with the desk's CSRF token. */
const UPLOAD = '/admin/contacts/import';
let staff: InjectClient;
let staffToken: string;
async function upload(contentType: string, payload: string) {
  if (!staff) {
    staff = new InjectClient(site.app);
    await staff.signInAsStaff(PEOPLE.owner.email, PEOPLE.owner.password);
    staffToken = /name="_csrf" value="([^"]+)"/.exec((await staff.get(UPLOAD)).body)![1]!;
  }
  const response = await site.app.http.inject({
    method: 'POST',
    url: UPLOAD,
    headers: { cookie: staff.cookies, 'content-type': contentType, accept: 'text/html', 'x-csrf-token': staffToken },
    payload,
  });
  return { status: response.statusCode, text: visibleText(response.body), html: response.body };
}

describe('the contacts upload: the only route that takes multipart bodies', () => {
  it('refuses a file over 20 MiB with 413 and a message', async () => {
    const response = await upload('multipart/form-data; boundary=XX', multipart([{ name: 'mode', value: 'dry-run' }, { name: 'file', value: 'a'.repeat(21 * MiB), filename: 'big.csv' }]));
    expect(response.status).toBe(413);
    expect(response.text).toContain('The request is too large.');
  });

  it('cuts a text field at 64 KiB (bounded memory) and answers 400 with a message, never a 500', async () => {
    const response = await upload('multipart/form-data; boundary=XX', multipart([{ name: 'mode', value: 'x'.repeat(2 * MiB) }]));
    expect(response.status).toBe(400);
    expect(hasMessage(response.html)).toBe(true);
  });
});

describe('oversized bodies → 413 with a message', () => {
  const cases: [string, string, () => string][] = [
    ['a form over 1 MiB', 'application/x-www-form-urlencoded', () => `_csrf=${token}&email=${'a'.repeat(1.5 * MiB)}`],
    ['JSON over 1 MiB', 'application/json', () => JSON.stringify({ _csrf: token, email: 'a'.repeat(1.5 * MiB) })],
  ];
  it.each(cases)('%s', async (_name, type, body) => {
    const payload = body();
    const wrong: string[] = [];
    for (const action of ACTIONS) {
      const response = await post(action, type, payload);
      if (response.status !== 413 || !response.text.includes('The request is too large.')) wrong.push(`${action} → ${response.status}: ${response.text.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('multipart bodies, of any size, are refused with 415 everywhere but the upload', async () => {
    const wrong: string[] = [];
    for (const payload of [multipart([{ name: '_csrf', value: token }, { name: 'email', value: 'a'.repeat(3 * MiB) }]), multipart([{ name: '_csrf', value: token }, { name: 'email', value: 'a'.repeat(21 * MiB), filename: 'big.txt' }])]) {
      for (const action of ACTIONS) {
        const response = await post(action, 'multipart/form-data; boundary=XX', payload);
        if (response.status !== 415 || !hasMessage(response.html)) wrong.push(`${action} → ${response.status}: ${response.text.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/** Whether a 4xx page says what went wrong: the form's error summary, or the error page's message. */
const hasMessage = (html: string) => /role="alert"|class="error-summary"|<h1>That did not work<\/h1>/.test(html);

/** Forms that answer every address alike by design, so as not to tell which ones exist. */
const ANSWERS_ALIKE = new Set(['/admin/forgot']);

describe('malformed forms → 400 with a message', () => {
  const cases: [string, string, () => string][] = [
    ['a field sent twice', 'application/x-www-form-urlencoded', () => `_csrf=${token}&email=a@example.com&email=b@example.com&name=x&name=y&password=p&password=q&language=de&language=en`],
    ['a field sent as a list', 'application/x-www-form-urlencoded', () => `_csrf=${token}&email[]=a@example.com&name[]=x`],
    ['broken percent-encoding', 'application/x-www-form-urlencoded', () => `_csrf=${token}&email=%E0%A4%A&name=%ZZ`],
    ['JSON that does not parse', 'application/json', () => `{"_csrf": "${token}", "email": `],
    ['JSON with the wrong types', 'application/json', () => JSON.stringify({ _csrf: token, email: 5, name: { a: 1 }, password: [1], language: null, subscribed: true })],
  ];
  it.each(cases)('%s', async (_name, type, body) => {
    const wrong: string[] = [];
    for (const action of MEMBER_FORMS.map((form) => form.action)) {
      const response = await post(action, type, body());
      // /account saves what it understands and ignores the rest; the password reset answers alike;
      // anything else must say what went wrong.
      const fine =
        response.status === 400 ? hasMessage(response.html) : (action === '/account' && response.status === 303) || (ANSWERS_ALIKE.has(action) && response.status === 200);
      if (!fine) wrong.push(`${action} → ${response.status}: ${response.text.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a content type the forms do not speak → 4xx with a message', async () => {
    for (const action of MEMBER_FORMS.map((form) => form.action)) {
      const response = await post(action, 'application/xml', `<form><email>a@example.com</email></form>`);
      expect(response.status, action).toBeGreaterThanOrEqual(400);
      expect(response.status, action).toBeLessThan(500);
      expect(hasMessage(response.html), `${action}: ${response.text.slice(0, 160)}`).toBe(true);
    }
  });

  it('a multipart body that does not parse (no boundary, garbage, cut off) → 400 on the upload', async () => {
    const wrong: string[] = [];
    for (const [type, payload] of [
      ['multipart/form-data', 'garbage'],
      ['multipart/form-data; boundary=XX', 'garbage'],
      ['multipart/form-data; boundary=XX', `--XX\r\nContent-Disposition: form-data; name="email"\r\n\r\ncut off`],
    ] as const) {
      const response = await upload(type, payload);
      if (response.status !== 400 || !hasMessage(response.html)) wrong.push(`${type} ${JSON.stringify(payload.slice(0, 20))} → ${response.status}: ${response.text.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });
});

/** Public forms with their own rate limit (5 per client address per hour each): /contact and the call for proposals. */
const LIMITED_FORMS = [
  { action: '/contact', fields: (n: number) => ({ name: `Rita Rate ${n}`, email: `rate-${n}@example.net`, company: '', topic: 'other', message: 'A question.', website: '' }), limit: 5 },
  {
    action: `/events/${UPCOMING.event}/call`,
    fields: (n: number) => ({ kind: 'speaker', name: `Rita Rate ${n}`, email: `rate-${n}@example.net`, organisation: '', title: 'A talk', summary: 'About it.', website: '' }),
    limit: 5,
  },
];

describe('rate limits of the public forms: the next try in the hour → 429 with a message and Retry-After', () => {
  it.each(LIMITED_FORMS.map((form) => [form.action, form] as const))('%s', async (action, form) => {
    site.clock.advance(61 * 60_000);
    const send = (n: number) =>
      site.app.http.inject({
        method: 'POST', url: action, payload: encodeForm({ _csrf: token, ...form.fields(n) }),
        headers: { cookie: client.cookies, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      });
    for (let n = 1; n <= form.limit; n++) expect((await send(n)).statusCode, `try ${n}`).toBe(200);
    const refused = await send(form.limit + 1);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(hasMessage(refused.body), visibleText(refused.body).slice(0, 200)).toBe(true);
    site.clock.advance(61 * 60_000);
    expect((await send(form.limit + 2)).statusCode, 'an hour later').toBe(200);
  });
});
