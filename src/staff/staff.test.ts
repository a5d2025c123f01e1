import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { cookiesFrom, createTestApp, csrfTokenIn, destroyTestApp, lastLinkInOutbox, visibleText } from '../../test/support/app.js';
import { createContact, signInMember, signInStaff, STAFF_PASSWORD } from '../../test/support/people.js';
import { addStaff } from './staff.service.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { Clock } from '../lib/clock.js';

// Staff accounts: set-password links, argon2id sign-in with backoff, password reset by email,
// sessions separate from members', roles enforced on who may manage whom.

function movableClock(start: string): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

forEachDialect('staff accounts', ({ db }) => {
  let app: App;
  const clock = movableClock('2026-11-28T12:00:00Z');
  beforeAll(async () => {
    app = await createTestApp(db(), { clock });
  });
  afterAll(() => destroyTestApp(app));

  async function signIn(email: string, password: string, client = '10.1.0.1') {
    const page = await app.http.inject({ url: '/admin/login', remoteAddress: client });
    const cookie = cookiesFrom(page.headers['set-cookie']);
    return app.http.inject({ method: 'POST', url: '/admin/login', remoteAddress: client, headers: { cookie }, payload: { _csrf: csrfTokenIn(page.body), email, password, next: '/admin/staff' } });
  }

  it('stores argon2id hashes and signs in with the password; the session cookie is for /admin only', async () => {
    await signInStaff(app, db(), 'owner@example.org', 'owner');
    const row = await db().selectFrom('staff').select('password_hash').where('email_key', '=', 'owner@example.org').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const response = await signIn('Owner@Example.org', STAFF_PASSWORD);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/staff');
    expect(String(response.headers['set-cookie'])).toMatch(/ii_staff=[^;]+;.*Path=\/admin.*HttpOnly.*SameSite=Lax/i);
  });

  it('refuses a wrong password with one message, keeps the address, and backs off after five failures', async () => {
    const wrong = await signIn('owner@example.org', 'not the password', '10.1.1.1');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('value="owner@example.org"');
    const unknown = await signIn('nobody@example.org', 'whatever it is', '10.1.1.2');
    expect(visibleText(unknown.body)).toContain('The email address or the password is not right');
    for (let i = 0; i < 4; i++) await signIn('owner@example.org', 'still wrong', '10.1.1.3');
    const locked = await signIn('owner@example.org', STAFF_PASSWORD, '10.1.1.4');
    expect(locked.statusCode).toBe(400);
    expect(visibleText(locked.body)).toContain('Too many failed attempts');
    clock.advance(61_000);
    expect((await signIn('owner@example.org', STAFF_PASSWORD, '10.1.1.5')).statusCode).toBe(303);
  });

  it('limits sign-in attempts per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await signIn(`guess${i}@example.org`, 'guessing away', '10.1.2.2')).statusCode);
    expect(statuses[29]).toBe(400);
    const last = await signIn('owner@example.org', STAFF_PASSWORD, '10.1.2.2');
    expect(visibleText(last.body)).toContain('Too many sign-in attempts');
  });

  it('re-renders the set-password form for a short password and refuses a used link', async () => {
    const { token } = await addStaff(db(), clock, { email: 'short@example.org', role: 'editor' }, SYSTEM_ACTOR);
    const form = await app.http.inject({ url: `/admin/password/${token}` });
    const cookie = cookiesFrom(form.headers['set-cookie']);
    const short = await app.http.inject({ method: 'POST', url: `/admin/password/${token}`, headers: { cookie }, payload: { _csrf: csrfTokenIn(form.body), password: 'short', confirmation: 'short' } });
    expect(short.statusCode).toBe(400);
    expect(visibleText(short.body)).toContain('use at least 12 characters');
    const ok = await app.http.inject({ method: 'POST', url: `/admin/password/${token}`, headers: { cookie }, payload: { _csrf: csrfTokenIn(form.body), password: STAFF_PASSWORD, confirmation: STAFF_PASSWORD } });
    expect(ok.statusCode).toBe(303);
    const again = await app.http.inject({ url: `/admin/password/${token}` });
    expect(again.statusCode).toBe(400);
    expect(visibleText(again.body)).toContain('already been used');
  });

  it('resets a password by email with one answer for every address', async () => {
    const page = await app.http.inject({ url: '/admin/forgot' });
    const cookie = cookiesFrom(page.headers['set-cookie']);
    const ask = (email: string) => app.http.inject({ method: 'POST', url: '/admin/forgot', headers: { cookie }, payload: { _csrf: csrfTokenIn(page.body), email } });
    const known = await ask('short@example.org');
    const unknown = await ask('ghost@example.org');
    expect(visibleText(known.body).replace('short@example.org', 'X')).toBe(visibleText(unknown.body).replace('ghost@example.org', 'X'));
    const link = await lastLinkInOutbox(app, 'short@example.org', '/admin/password/');
    expect(link).toBeDefined();
    expect(await lastLinkInOutbox(app, 'ghost@example.org', '/admin/password/')).toBeUndefined();
  });

  it('keeps member and staff sessions apart', async () => {
    await createContact(db(), 'member@company.example', { name: 'Company GmbH', membership: 'active' });
    const member = await signInMember(app, 'member@company.example');
    const desk = await app.http.inject({ url: '/admin', headers: { cookie: member } });
    expect(desk.statusCode).toBe(303);
    expect(desk.headers.location).toMatch(/^\/admin\/login/);
  });

  it('lets an admin add editors but not owners, and never removes the last owner', async () => {
    const admin = await signInStaff(app, db(), 'admin@example.org', 'admin');
    const page = await app.http.inject({ url: '/admin/staff', headers: { cookie: admin } });
    const csrf = csrfTokenIn(page.body);
    const owner = await app.http.inject({ method: 'POST', url: '/admin/staff', headers: { cookie: admin }, payload: { _csrf: csrf, email: 'boss@example.org', role: 'owner' } });
    // One error-to-status rule (lib/http.ts): a role that may not is 403, a clash with the state 409.
    expect(owner.statusCode).toBe(403);
    expect(visibleText(owner.body)).toContain('cannot create owner accounts');
    expect(owner.body).toContain('value="boss@example.org"');
    const editor = await app.http.inject({ method: 'POST', url: '/admin/staff', headers: { cookie: admin }, payload: { _csrf: csrf, email: 'new.editor@example.org', role: 'editor' } });
    expect(editor.statusCode).toBe(303);
    expect(await lastLinkInOutbox(app, 'new.editor@example.org', '/admin/password/')).toBeDefined();

    const ownerCookie = await signInStaff(app, db(), 'only.owner@example.org', 'owner');
    await db().updateTable('staff').set({ role: 'editor' }).where('email_key', '=', 'owner@example.org').execute();
    const ownerId = (await db().selectFrom('staff').select('id').where('email_key', '=', 'only.owner@example.org').executeTakeFirstOrThrow()).id;
    const ownPage = await app.http.inject({ url: `/admin/staff/${ownerId}`, headers: { cookie: ownerCookie } });
    const demote = await app.http.inject({ method: 'POST', url: `/admin/staff/${ownerId}`, headers: { cookie: ownerCookie }, payload: { _csrf: csrfTokenIn(ownPage.body), name: '', role: 'editor', active: '1' } });
    expect(demote.statusCode).toBe(409);
    expect(visibleText(demote.body)).toContain('only active owner');
  });
});
