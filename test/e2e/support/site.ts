import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { App } from '../../../src/app.js';
import { DEMO_DIR, DEMO_PROGRAM_REGISTRATIONS_CSV } from '../../../src/content-folder/demo.js';
import { importContent } from '../../../src/content-folder/import.service.js';
import type { Database } from '../../../src/db/database.js';
import type { Clock } from '../../../src/lib/clock.js';
import { companyKey, emailKey } from '../../../src/members/members.js';
import { recordConsent } from '../../../src/consent/consent.service.js';
import { loadSampleRegistrations } from '../../../src/content-folder/demo-registrations.js';
import { hashPassword } from '../../../src/staff/passwords.js';
import { cookiesFrom, createTestApp, csrfTokenIn, destroyTestApp, lastLinkInOutbox } from '../../support/app.js';
import { createTestDatabase, destroyTestDatabase, type TestEngine } from '../../support/databases.js';
import { ROOT } from './requirements.js';

// One running site for a browser suite: the real app on a fresh database holding the demo (or
// another content folder), listening on 127.0.0.1 with SITE_URL set to its own origin, so links
// in pages and in mail can be followed. It holds one member, one contact whose company's
// membership lapsed, and one owner of the desk, made directly in the database (fixtures only:
// the forms that create people are what the suites test).
//
// The demo's events and program lie in the past for the suite's clock (2026-11-28), so next to
// the demo the site imports test/fixtures/e2e-upcoming/ (same importer, by slug): an upcoming own
// event with one place, questions and an open call, and a program open for registration. It also
// loads the demo's sample program registrations (demo/program-registrations.csv) the way
// src/content/demo.ts does, so the desk's matching page has people to pair.

/** The fixture content folder imported next to the demo. */
export const UPCOMING_DIR = join(ROOT, 'test', 'fixtures', 'e2e-upcoming');

/** A clock that stands still until a test moves it (rate-limit windows, link lifetimes). */
export class TestClock implements Clock {
  private at: number;
  constructor(start: string) {
    this.at = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.at);
  }
  /** Moves time forward. */
  advance(ms: number): void {
    this.at += ms;
  }
}

/** The people every e2e site holds. */
export const PEOPLE = {
  member: { email: 'erika.member@example.com', name: 'Erika Member', company: 'Example Automotive GmbH' },
  lapsed: { email: 'lars.lapsed@example.com', name: 'Lars Lapsed', company: 'Lapsed Machines AG' },
  owner: { email: 'olga.owner@example.org', name: 'Olga Owner', password: 'a long desk password 4 tests' },
} as const;

/** Demo facts the suites look for: one teaser sentence and one members-only sentence of a story. */
export const DEMO = {
  issue: '2024-spring',
  story: 'china-56-new-unicorns-2023',
  storyTitle: 'China adds 56 new Unicorns in 2023',
  storyTeaser: 'In 2023, China gained 56 new unicorns.',
  storyMembersOnly: 'offers German companies a far larger pool of highly valued young firms',
  event: 'asiamold-2024',
  program: 'ahk-innovators-club',
  /** A past own event with a (closed) call for speakers and partners. */
  pastCallEvent: 'xceleration-days-2023',
} as const;

/** What test/fixtures/e2e-upcoming/ adds: an upcoming own event and an open program. */
export const UPCOMING = {
  event: 'e2e-innovation-workshop',
  eventTitle: 'Innovation Workshop Shanghai 2027 (test fixture)',
  /** Its registration questions: q0 is free text and required, q1 a choice. */
  question: 'What would you like to ask the panel?',
  program: 'e2e-mentoring-circle',
  programTitle: 'Mentoring Circle 2027 (test fixture)',
  /** A survey collected on the site (issue 18). */
  survey: 'e2e-tools-survey',
  /** An innovator in the directory with one contact person (introductions, issue 17). */
  innovator: 'e2e-robotics',
  innovatorContact: 'lin.fixture@e2e-robotics.example.com',
  /** A second one, whose request's decision link the page walks use up. */
  secondInnovator: 'e2e-drones',
  secondInnovatorContact: 'du.fixture@e2e-drones.example.com',
} as const;

export interface E2eSite {
  readonly app: App;
  readonly db: Database;
  readonly clock: TestClock;
  /** `http://127.0.0.1:<port>`, also the app's SITE_URL; empty when the site does not listen. */
  readonly origin: string;
  /** Closes the app and removes its database and outbox. */
  close(): Promise<void>;
}

export interface SiteOptions {
  /** A content folder to import instead of the demo. */
  readonly contentDir?: string;
  /** With the demo (no `contentDir`): also import test/fixtures/e2e-upcoming/ and the sample program registrations (default true). */
  readonly upcoming?: boolean;
  /** Listen on 127.0.0.1 (browser suites); HTTP-level suites use `app.http.inject` only. */
  readonly listen?: boolean;
  /** `https://…` turns on HSTS; defaults to the listening origin or http://insights.test. */
  readonly siteUrl?: string;
  readonly engine?: TestEngine;
}

/** Starts a site; call `close()` in afterAll. */
export async function startSite(options: SiteOptions = {}): Promise<E2eSite> {
  const clock = new TestClock('2026-11-28T12:00:00Z');
  const db = await createTestDatabase(options.engine ?? 'sqlite');
  await importContent(db, options.contentDir ?? DEMO_DIR, { clock });
  if (!options.contentDir && (options.upcoming ?? true)) {
    await importContent(db, UPCOMING_DIR, { clock });
    await loadSampleRegistrations(db, clock, await readFile(DEMO_PROGRAM_REGISTRATIONS_CSV));
  }
  await seedPeople(db, clock);
  const listen = options.listen ?? true;
  for (let attempt = 1; ; attempt++) {
    const port = listen ? await freePort() : 0;
    const origin = listen ? `http://127.0.0.1:${port}` : '';
    const app = await createTestApp(db, { clock, siteUrl: options.siteUrl ?? (origin || undefined) });
    try {
      if (listen) await app.http.listen({ host: '127.0.0.1', port });
    } catch (error) {
      await destroyTestApp(app);
      // Another process took the port between asking and listening: ask again.
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && attempt < 5) continue;
      await destroyTestDatabase(db);
      throw error;
    }
    return {
      app,
      db,
      clock,
      origin,
      close: async () => {
        await destroyTestApp(app);
        await destroyTestDatabase(db);
      },
    };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function seedPeople(db: Database, clock: Clock): Promise<void> {
  const now = clock.now().toISOString();
  for (const [person, membership] of [[PEOPLE.member, 'active'], [PEOPLE.lapsed, 'lapsed']] as const) {
    const company = await db
      .insertInto('companies')
      .values({ name: person.company, name_key: companyKey(person.company), industry: 'Automotive', membership, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('contacts')
      .values({
        email: person.email, email_key: emailKey(person.email), name: person.name, language: 'en', company_id: company.id,
        subscribed: 1, subscription_changed_at: now, created_at: now, updated_at: now,
      })
      .execute();
    // Their newsletter consent is on record (as the demo's contacts' is), so sign-in leads home, not to the consent prompt.
    const { id } = await db.selectFrom('contacts').select('id').where('email_key', '=', emailKey(person.email)).executeTakeFirstOrThrow();
    await recordConsent(db, clock, { contactId: id, purpose: 'newsletter', action: 'confirmed', kind: 'import', source: 'e2e people: sign-up sheet' });
  }
  const { owner } = PEOPLE;
  await db
    .insertInto('staff')
    .values({ email: owner.email, email_key: emailKey(owner.email), name: owner.name, role: 'owner', password_hash: await hashPassword(owner.password), created_at: now, updated_at: now })
    .execute();
}

/** A tiny cookie-keeping client over `app.http.inject`, for suites that need no browser. */
export class InjectClient {
  cookies = '';
  constructor(private readonly app: App) {}

  async get(url: string, headers: Record<string, string> = {}) {
    const response = await this.app.http.inject({ method: 'GET', url, headers: { cookie: this.cookies, accept: 'text/html', ...headers } });
    this.cookies = cookiesFrom(response.headers['set-cookie'], this.cookies);
    return response;
  }

  async post(url: string, form: Record<string, string | readonly string[]>, headers: Record<string, string> = {}) {
    const response = await this.app.http.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookies, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: encodeForm(form),
    });
    this.cookies = cookiesFrom(response.headers['set-cookie'], this.cookies);
    return response;
  }

  /** Submits the form posting to `action` on the page at `page`, with that page's CSRF token. */
  async submit(page: string, action: string, fields: Record<string, string | readonly string[]>) {
    const html = (await this.get(page)).body;
    return this.post(action, { _csrf: csrfTokenIn(html), ...fields });
  }

  /** Like `submit`, then follows redirects the way a browser does (GET the Location). */
  async submitAndFollow(page: string, action: string, fields: Record<string, string | readonly string[]>) {
    let response = await this.submit(page, action, fields);
    for (let hops = 0; hops < 5 && response.statusCode >= 301 && response.statusCode <= 303 && response.headers.location; hops++) {
      response = await this.get(String(response.headers.location));
    }
    return response;
  }

  /** Signs in as a contact through /login and the link in the outbox. */
  async signInAsContact(email: string): Promise<void> {
    const asked = await this.submit('/login', '/login', { email });
    if (asked.statusCode !== 200) throw new Error(`POST /login answered ${asked.statusCode}`);
    const link = await lastLinkInOutbox(this.app, email, '/login/');
    if (!link) throw new Error(`no sign-in link for ${email} in the outbox`);
    const confirmed = await this.submit(link, link, {});
    if (confirmed.statusCode !== 303) throw new Error(`POST ${link} answered ${confirmed.statusCode}`);
  }

  /** Signs in to the desk with a password. */
  async signInAsStaff(email: string, password: string): Promise<void> {
    const response = await this.submit('/admin/login', '/admin/login', { email, password, next: '/admin' });
    if (response.statusCode !== 303) throw new Error(`POST /admin/login answered ${response.statusCode}`);
  }
}

/** `application/x-www-form-urlencoded`, repeating a key for each value of an array. */
export function encodeForm(form: Record<string, string | readonly string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const one of [value].flat()) params.append(key, one);
  return params.toString();
}

/** One client per audience, each signed in once when first asked for. */
export function clientsFor(site: E2eSite): (audience: 'public' | 'member' | 'staff') => Promise<InjectClient> {
  const clients = new Map<string, Promise<InjectClient>>();
  return (audience) => {
    let client = clients.get(audience);
    if (!client) {
      client = (async () => {
        const created = new InjectClient(site.app);
        if (audience === 'member') await created.signInAsContact(PEOPLE.member.email);
        if (audience === 'staff') await created.signInAsStaff(PEOPLE.owner.email, PEOPLE.owner.password);
        return created;
      })();
      clients.set(audience, client);
    }
    return client;
  };
}
