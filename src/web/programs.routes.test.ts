import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfTokenIn, destroyTestApp, outboxMessages, visibleText } from '../../test/support/app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { formBody } from '../../test/support/desk.js';
import { createContact, signInMember } from '../../test/support/people.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { App } from '../app.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import { fixedClock } from '../lib/clock.js';
import { SYSTEM_RIGHTS } from '../issues/publicity.service.js';
import { createItem } from '../issues/item-editing.service.js';
import { PROGRAM_STORE } from '../programs/program-store.js';
import { EMPTY_PROGRAM_DRAFT } from '../programs/program-draft.js';

// Registration for a program, through the real forms. The deadline is the last day in the
// program's zone: 2026-11-28 in Asia/Shanghai closes at 2026-11-28T16:00Z.
const before = fixedClock('2026-11-28T12:00:00Z');
const after = fixedClock('2026-11-28T16:00:00Z');

const mentorAnswers = {
  areas: ['ai', 'market-entry'], sector: 'automotive', goals: 'Ten years of <b>R&D</b> in Suzhou', languages: ['en', 'de'], city: 'Shanghai',
  time_zone: 'Asia/Shanghai', availability: ['weekday-evening'], capacity: '2', not_own_company: '1',
};

forEachDialect('public: program registration', ({ db }) => {
  let app: App;
  let late: App;
  let cookie: string;

  beforeAll(async () => {
    await importContent(db(), DEMO_DIR, { clock: before });
    await createItem(db(), before, SYSTEM_ACTOR, PROGRAM_STORE, {
      ...EMPTY_PROGRAM_DRAFT, slug: 'pilot-club', title: 'Pilot Club', body: 'Mentoring between members.', roles: ['mentor', 'mentee'],
      registration_deadline: '2026-11-28', time_zone: 'Asia/Shanghai', contact_email: 'club@example.org',
    }, SYSTEM_RIGHTS);
    await createContact(db(), 'ana@example.com', { name: 'Ana Maschinen GmbH', membership: 'active' });
    await createContact(db(), 'lapsed@example.com', { name: 'Old Member AG', membership: 'lapsed' });
    app = await createTestApp(db(), { clock: before });
    late = await createTestApp(db(), { clock: after });
    cookie = await signInMember(app, 'ana@example.com');
  });
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestApp(late);
  });

  const post = (target: App, url: string, fields: Record<string, string | readonly string[]>, withCookie = cookie, csrf?: string) =>
    target.http.inject({ method: 'POST', url, headers: { cookie: withCookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrf ?? '', ...fields }) });

  async function csrfFor(target: App, url: string, withCookie = cookie) {
    return csrfTokenIn((await target.http.inject({ url, headers: { cookie: withCookie } })).body);
  }

  async function count() {
    const row = await db().selectFrom('program_registrations').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('asks the public to sign in, on the cached page and on the form', async () => {
    const page = visibleText((await app.http.inject({ url: '/programs/pilot-club' })).body);
    expect(page).toContain('People at member companies register by 28 November 2026 as a mentor or a mentee');
    expect(page).toContain('Register by 28 November 2026');
    expect(page).not.toContain('Registration closed');
    const form = await app.http.inject({ url: '/programs/pilot-club/register/mentor' });
    expect(form.statusCode).toBe(200);
    expect(visibleText(form.body)).toContain('Sign in to register for Pilot Club');
    expect(form.body).not.toContain('name="areas"');
  });

  it('never invites the public to register after the deadline: the cached page and the form say it closed', async () => {
    const registerSection = (html: string) => /<section class="program-register"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    for (const [target, slug, deadline] of [[late, 'pilot-club', '28 November 2026'], [app, 'ahk-innovators-club', '31 December 2023']] as const) {
      const page = await target.http.inject({ url: `/programs/${slug}` });
      expect(page.headers['cache-control']).toContain('public');
      const text = visibleText(page.body);
      expect(text).toContain(`Registration closed on ${deadline}. The announcement below is shown as it was published.`);
      expect(visibleText(/<dl class="facts"[\s\S]*?<\/dl>/.exec(page.body)?.[0] ?? '')).toContain(`Registration closed ${deadline}`);
      expect(page.body).not.toContain('Register by</dt>');
      const section = registerSection(page.body);
      expect(visibleText(section)).toBe(`Registration Registration closed on ${deadline}.`);
      expect(section).not.toContain('href="/login"');
      const form = await target.http.inject({ url: `/programs/${slug}/register/mentor` });
      expect(visibleText(form.body)).toContain(`Registration for ${slug === 'pilot-club' ? 'Pilot Club' : 'AHK Innovators Club'} has closed`);
      expect(visibleText(form.body)).not.toContain('Sign in to register');
      expect(/<main[\s\S]*<\/main>/.exec(form.body)?.[0]).not.toContain('href="/login"');
    }
  });

  it('refuses bad answers field by field and keeps what was typed', async () => {
    const url = '/programs/pilot-club/register/mentor';
    const response = await post(app, url, { ...mentorAnswers, languages: [], capacity: '7', city: 'Shanghai <script>' }, cookie, await csrfFor(app, url));
    expect(response.statusCode).toBe(400);
    const text = visibleText(response.body);
    expect(text).toContain('Languages: tick at least one language you can meet in');
    expect(text).toContain('Mentees: a mentor takes 1 to 3 mentees');
    const empty = visibleText((await post(app, url, { capacity: '1' }, cookie, await csrfFor(app, url))).body);
    expect(empty).toContain('Areas: tick at least one area you can help with');
    expect(empty).toContain('Times: tick at least one time you can meet');
    expect(response.body).toContain('value="Shanghai &lt;script>"');
    expect(await count()).toBe(0);
  });

  it('registers a member as a mentor, confirms by email, and lets them change their answers', async () => {
    const url = '/programs/pilot-club/register/mentor';
    const response = await post(app, url, mentorAnswers, cookie, await csrfFor(app, url));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/programs/pilot-club/register/mentor?saved=mailed');
    const stored = await db().selectFrom('program_registrations').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ role: 'mentor', email: 'ana@example.com', company: 'Ana Maschinen GmbH', areas: 'market-entry;ai', languages: 'en;de', capacity: 2, not_own_company: 1 });
    const mail = (await outboxMessages(app)).find((raw) => /^To: ana@example.com/m.test(raw) && raw.includes('Pilot Club'));
    expect(mail).toContain('Subject: You are registered: Pilot Club');

    const personal = await app.http.inject({ url: '/programs/pilot-club', headers: { cookie } });
    expect(personal.headers['cache-control']).toContain('no-store');
    expect(visibleText(personal.body)).toContain('You are registered as a mentor.');

    const changed = await post(app, '/programs/pilot-club/register/mentee', { ...mentorAnswers, capacity: '' }, cookie, await csrfFor(app, url));
    expect(changed.statusCode).toBe(303);
    const rows = await db().selectFrom('program_registrations').select(['role', 'capacity']).execute();
    expect(rows).toEqual([{ role: 'mentee', capacity: null }]);
  });

  it('refuses a registration after the deadline with a clear message and writes nothing', async () => {
    const lateCookie = await signInMember(late, 'ana@example.com');
    const url = '/programs/pilot-club/register/mentor';
    const before = await db().selectFrom('program_registrations').selectAll().execute();
    const activity = await db().selectFrom('activity').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    const form = await late.http.inject({ url, headers: { cookie: lateCookie } });
    expect(visibleText(form.body)).toContain('Registration for Pilot Club closed on November 28, 2026 (Asia/Shanghai time). Nothing was saved.');
    const response = await post(late, url, { ...mentorAnswers, capacity: '3' }, lateCookie, csrfTokenIn(form.body));
    expect(response.statusCode).toBe(409);
    expect(visibleText(response.body)).toContain('Registration for Pilot Club closed on November 28, 2026 (Asia/Shanghai time). Nothing was saved. For questions, write to club@example.org.');
    expect(await db().selectFrom('program_registrations').selectAll().execute()).toEqual(before);
    const activityAfter = await db().selectFrom('activity').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(activityAfter.n)).toBe(Number(activity.n));
    const withdraw = await post(late, '/programs/pilot-club/register/withdraw', {}, lateCookie, csrfTokenIn(form.body));
    expect(withdraw.statusCode).toBe(409);
    expect(await count()).toBe(1);
  });

  it('refuses people whose company is not a member', async () => {
    const lapsed = await signInMember(app, 'lapsed@example.com');
    const url = '/programs/pilot-club/register/mentee';
    const form = await app.http.inject({ url, headers: { cookie: lapsed } });
    expect(visibleText(form.body)).toContain('Pilot Club is for people at member companies.');
    const response = await post(app, url, mentorAnswers, lapsed, csrfTokenIn(form.body));
    expect(response.statusCode).toBe(403);
    expect(await count()).toBe(1);
  });

  it('lets a member withdraw before the deadline', async () => {
    const url = '/programs/pilot-club/register/mentee';
    const response = await post(app, '/programs/pilot-club/register/withdraw', {}, cookie, await csrfFor(app, url));
    expect(response.statusCode).toBe(303);
    expect(await count()).toBe(0);
  });

  it('answers 404 for a role the program does not have', async () => {
    expect((await app.http.inject({ url: '/programs/pilot-club/register/participant', headers: { cookie } })).statusCode).toBe(404);
    expect((await app.http.inject({ url: '/programs/pilot-club/register/boss', headers: { cookie } })).statusCode).toBe(404);
  });

  it('refuses a form without the CSRF token', async () => {
    const response = await post(app, '/programs/pilot-club/register/mentor', mentorAnswers, cookie, 'forged');
    expect(response.statusCode).toBe(403);
    expect(await count()).toBe(0);
  });
});
