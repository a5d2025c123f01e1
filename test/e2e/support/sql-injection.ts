import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages, visibleText } from '../../support/app.js';
import { enginesFor, type TestEngine } from '../../support/databases.js';
import { FORMS, PATH_PARAMETERS, QUERY_PARAMETERS, resolveForm, type FormTarget } from './forms.js';
import type { Audience } from './page-kinds.js';
import { InjectClient, PEOPLE, startSite, type E2eSite } from './site.js';

// SQL-injection probes into every form field, query parameter, path parameter and cookie of
// the public routes (support/forms.ts), on every database engine: nothing answers 500, no
// probe signs anyone in or mails anyone, nothing of the database shows in an answer, and the
// tables are all still there afterwards. The engines are cut into two shard files
// (http/sql-injection.part1.test.ts and part2), which vitest runs side by side.

const PROBES = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '" OR "1"="1',
  '"; drop table contacts; --',
  "'; DROP TABLE contacts; --",
  "1; DELETE FROM staff; --",
  "' UNION SELECT email, name, email_key FROM contacts --",
  "' AND 1=CAST((SELECT email FROM contacts LIMIT 1) AS INTEGER) --",
  "'||(SELECT sqlite_version())||'",
  "'; SELECT pg_sleep(0); --",
  '$$; drop table contacts; $$',
  "%' OR email LIKE '%",
  "admin'--",
  "\\'; --",
  '1) OR (1=1',
  "' OR 1=1 LIMIT 1 OFFSET 0 --",
  // Shaped like an address, so it passes the form's email check and reaches the queries.
  "o'connor@example.com",
  "x'--@example.com",
  `${PEOPLE.member.email.split('@')[0]}'--@example.com`,
  "x'+or+'1'-'1@example.com",
] as const;

/** What must never show in an answer: other people's addresses, engine names, errors, stack traces. */
const LEAKS = [
  PEOPLE.member.email, PEOPLE.lapsed.email, PEOPLE.owner.email, PEOPLE.member.company, PEOPLE.lapsed.company,
  'SQLITE', 'sqlite_master', 'syntax error', 'PGlite', 'pg_catalog', 'relation "', 'at Object.', 'node_modules', 'argon2', 'password_hash',
];

/**
 * What an audience may see: a member their own address and company; the owner, who manages
 * people, every contact and company (the contact form lists the companies), and themselves.
 */
const OWN: Record<Audience, readonly string[]> = {
  public: [],
  member: [PEOPLE.member.email, PEOPLE.member.company],
  staff: [PEOPLE.owner.email, PEOPLE.member.email, PEOPLE.lapsed.email, PEOPLE.member.company, PEOPLE.lapsed.company],
};

function leaksIn(body: string, probe: string, audience: Audience = 'public'): string[] {
  const lower = body.toLowerCase();
  return LEAKS.filter((leak) => lower.includes(leak.toLowerCase()) && !probe.toLowerCase().includes(leak.toLowerCase()) && !OWN[audience].includes(leak));
}

/** A benign value for each field, so only the probed field carries the probe. */
const BENIGN: Record<string, string> = { email: 'reader@example.net', name: 'A Reader', website: '', password: 'not the password', next: '/admin', language: 'en', subscribed: '1', topics: 'technology-trends' };

/** Every engine the attack suite runs on (a cross-engine test: test/support/databases.ts). */
export const SQL_INJECTION_ENGINES: readonly TestEngine[] = enginesFor('SQL injection');

/** The engines of shard `part` (1 or 2): every other engine of SQL_INJECTION_ENGINES, so SQLite and PGlite run side by side. */
export function sqlInjectionEngines(part: 1 | 2): readonly TestEngine[] {
  return SQL_INJECTION_ENGINES.filter((_, index) => index % 2 === part - 1);
}

/** The whole attack on each of `engines`, one describe block per engine. */
export function describeSqlInjection(engines: readonly TestEngine[]): void {
  describe.each(engines)('SQL injection [%s]', (engine) => describeOn(engine));
}

function describeOn(engine: TestEngine): void {
  let site: E2eSite;
  const clients = new Map<Audience, InjectClient>();
  let tokens: Map<Audience, string>;

  const TABLES = ['contacts', 'companies', 'staff', 'stories', 'sources', 'events', 'issues', 'sections', 'section_items', 'search_documents'] as const;
  const countRows = async () => {
    const counts: Record<string, number> = {};
    for (const table of TABLES) counts[table] = Number((await site.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return counts as Record<(typeof TABLES)[number], number>;
  };
  let countsBefore: Awaited<ReturnType<typeof countRows>>;

  beforeAll(async () => {
    site = await startSite({ listen: false, engine });
    countsBefore = await countRows();
    tokens = new Map();
    for (const audience of ['public', 'member', 'staff'] as const) {
      const client = new InjectClient(site.app);
      if (audience === 'member') await client.signInAsContact(PEOPLE.member.email);
      if (audience === 'staff') await client.signInAsStaff(PEOPLE.owner.email, PEOPLE.owner.password);
      clients.set(audience, client);
      tokens.set(audience, /name="_csrf" value="([^"]+)"/.exec((await client.get({ public: '/login', member: '/account', staff: '/admin/login' }[audience])).body)?.[1] ?? '');
    }
  }, 120_000);
  afterAll(async () => {
    await site?.close();
  });

  const mailToSeededPeople = async () => (await outboxMessages(site.app)).filter((raw) => raw.includes(PEOPLE.member.email) || raw.includes(PEOPLE.lapsed.email)).length;

  /** The probes move the clock an hour each; sessions end on the way, so each audience signs in again when asked. */
  async function signInAgain(audience: 'member' | 'staff'): Promise<void> {
    const fresh = new InjectClient(site.app);
    if (audience === 'staff') await fresh.signInAsStaff(PEOPLE.owner.email, PEOPLE.owner.password);
    else await fresh.signInAsContact(PEOPLE.member.email);
    clients.set(audience, fresh);
    tokens.set(audience, /name="_csrf" value="([^"]+)"/.exec((await fresh.get(audience === 'staff' ? '/admin' : '/account')).body)?.[1] ?? '');
  }

  it.each(FORMS.map((form) => [form.name, form] as const))('form %s: every field, every probe', async (_name, listed: FormTarget) => {
    const form = await resolveForm(site, listed);
    if (form.as !== 'public') await signInAgain(form.as);
    const client = clients.get(form.as)!;
    const mailBefore = await mailToSeededPeople();
    const wrong: string[] = [];
    for (const field of form.fields) {
      for (const probe of PROBES) {
        site.clock.advance(61 * 60_000);
        const fields = { ...Object.fromEntries(form.fields.map((name) => [name, BENIGN[name] ?? 'x'])), [field]: probe, _csrf: tokens.get(form.as)! };
        const before = client.cookies;
        const response = await client.post(form.action, fields);
        const what = `${form.action} ${field}=${JSON.stringify(probe)} → ${response.statusCode}`;
        if (response.statusCode >= 500) wrong.push(what);
        if (response.statusCode === 403) wrong.push(`${what}: refused before the handler, so the probe proved nothing ${visibleText(response.body).slice(0, 200)}`);
        if (form.as !== 'public' && /\/login(\?|$)/.test(String(response.headers.location ?? ''))) wrong.push(`${what}: sent to sign in (the session ended), so the probe proved nothing`);
        for (const leak of leaksIn(response.body, probe, form.as)) wrong.push(`${what} shows ${JSON.stringify(leak)}`);
        if (form.as === 'public' && /ii_(member|staff)=[^;]/.test(String(response.headers['set-cookie'] ?? ''))) wrong.push(`${what} started a session`);
        client.cookies = before;
      }
    }
    expect(wrong).toEqual([]);
    expect(await mailToSeededPeople(), 'a probe made the app mail a seeded person').toBe(mailBefore);
  });

  it('query parameters', async () => {
    await signInAgain('member');
    await signInAgain('staff');
    const wrong: string[] = [];
    for (const parameter of QUERY_PARAMETERS) {
      for (const probe of PROBES) {
        const response = await clients.get(parameter.as)!.get(`${parameter.path}${parameter.path.includes('?') ? '&' : '?'}${parameter.name}=${encodeURIComponent(probe)}`);
        if (response.statusCode >= 500 || leaksIn(response.body, probe, parameter.as).length > 0) wrong.push(`${parameter.path}${parameter.path.includes('?') ? '&' : '?'}${parameter.name}=${probe} → ${response.statusCode}`);
      }
    }
    // Parameters nobody reads must be harmless too.
    for (const path of ['/', '/issues', '/events', '/stories/china-56-new-unicorns-2023', '/feed.xml', '/sitemap.xml', '/login', '/subscribe']) {
      for (const probe of PROBES) {
        const response = await clients.get('public')!.get(`${path}?q=${encodeURIComponent(probe)}&slug=${encodeURIComponent(probe)}&page=${encodeURIComponent(probe)}`);
        if (response.statusCode >= 500) wrong.push(`${path}?… ${probe} → ${response.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('path parameters (slugs and one-time tokens)', async () => {
    await signInAgain('member');
    await signInAgain('staff');
    const wrong: string[] = [];
    for (const parameter of PATH_PARAMETERS) {
      for (const probe of PROBES) {
        const path = parameter.path(encodeURIComponent(probe));
        const client = clients.get(parameter.as)!;
        const response = parameter.method === 'GET' ? await client.get(path) : await client.post(path, { _csrf: tokens.get(parameter.as)!, password: 'a long enough password 123', confirmation: 'a long enough password 123' });
        if (parameter.method === 'POST' && response.statusCode === 403) wrong.push(`POST ${path}: refused by the CSRF check, so the probe proved nothing`);
        if (response.statusCode >= 500 || leaksIn(response.body, probe, parameter.as).length > 0) wrong.push(`${parameter.method} ${path} → ${response.statusCode}`);
        if (/ii_(member|staff)=[^;]/.test(String(response.headers['set-cookie'] ?? ''))) wrong.push(`${parameter.method} ${path} started a session`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('cookies (sessions and the browser binding)', async () => {
    const wrong: string[] = [];
    for (const cookie of ['ii_member', 'ii_staff', 'ii_browser']) {
      for (const probe of PROBES) {
        // Padded into the length a session token has, so the lookup really runs.
        const value = encodeURIComponent(`${probe}${'x'.repeat(Math.max(0, 43 - probe.length))}`);
        for (const path of ['/', '/account', '/admin', '/stories/china-56-new-unicorns-2023']) {
          const response = await site.app.http.inject({ method: 'GET', url: path, headers: { cookie: `${cookie}=${value}`, accept: 'text/html' } });
          if (response.statusCode >= 500 || leaksIn(response.body, probe).length > 0) wrong.push(`${path} with ${cookie}=${probe} → ${response.statusCode}`);
          // Signed in by a probe? The account page would answer 200 instead of sending to /login.
          if (path === '/account' && response.statusCode === 200) wrong.push(`${cookie}=${probe} opened /account`);
          if (path === '/admin' && response.statusCode === 200) wrong.push(`${cookie}=${probe} opened the desk`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every table is still there and holds what it held', async () => {
    const after = await countRows();
    // Subscribing with an address-shaped probe adds a contact, as it should; nothing else changes.
    expect({ ...after, contacts: undefined }).toEqual({ ...countsBefore, contacts: undefined });
    expect(after.contacts).toBeGreaterThanOrEqual(countsBefore.contacts);
    const member = await site.db.selectFrom('contacts').select(['email', 'name']).where('email', '=', PEOPLE.member.email).executeTakeFirstOrThrow();
    expect(member.name).toBe(PEOPLE.member.name);
  });
}
