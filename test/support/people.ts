import type { App } from '../../src/app.js';
import type { Database } from '../../src/db/database.js';
import type { Role } from '../../src/auth/permissions.js';
import { SYSTEM_ACTOR } from '../../src/activity/activity.js';
import { addStaff } from '../../src/staff/staff.service.js';
import { companyKey, emailKey } from '../../src/members/members.js';
import { cookiesFrom, csrfTokenIn, lastLinkInOutbox } from './app.js';

export const STAFF_PASSWORD = 'a long and fine password';

/** A staff account signed in through the real set-password form, on the app's own clock; returns its cookie header. */
export async function signInStaff(app: App, db: Database, email: string, role: Role): Promise<string> {
  const { token } = await addStaff(db, app.clock, { email, role }, SYSTEM_ACTOR);
  const form = await app.http.inject({ url: `/admin/password/${token}` });
  let cookie = cookiesFrom(form.headers['set-cookie']);
  const set = await app.http.inject({
    method: 'POST',
    url: `/admin/password/${token}`,
    headers: { cookie },
    payload: { _csrf: csrfTokenIn(form.body), password: STAFF_PASSWORD, confirmation: STAFF_PASSWORD },
  });
  if (set.statusCode !== 303) throw new Error(`setting the password failed: ${set.statusCode}`);
  cookie = cookiesFrom(set.headers['set-cookie'], cookie);
  return cookie;
}

/** A contact (fixture data), at a member company, a lapsed company, or none. */
export async function createContact(db: Database, email: string, company: { name: string; membership: 'active' | 'lapsed' } | null): Promise<number> {
  const now = '2026-11-01T00:00:00.000Z';
  let companyId: number | null = null;
  if (company) {
    const existing = await db.selectFrom('companies').select('id').where('name_key', '=', companyKey(company.name)).executeTakeFirst();
    companyId =
      existing?.id ??
      (
        await db
          .insertInto('companies')
          .values({ name: company.name, name_key: companyKey(company.name), industry: null, membership: company.membership, created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
  }
  const row = await db
    .insertInto('contacts')
    .values({ email, email_key: emailKey(email), name: '', company_id: companyId, subscription_changed_at: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Signs a contact in through /login, the link in the outbox and the confirm button; returns the cookie header. */
export async function signInMember(app: App, email: string): Promise<string> {
  const page = await app.http.inject({ url: '/login' });
  let cookie = cookiesFrom(page.headers['set-cookie']);
  const asked = await app.http.inject({ method: 'POST', url: '/login', headers: { cookie }, payload: { _csrf: csrfTokenIn(page.body), email } });
  if (asked.statusCode !== 200) throw new Error(`asking for a link failed: ${asked.statusCode}`);
  const link = await lastLinkInOutbox(app, email, '/login/');
  if (!link) throw new Error(`no sign-in link for ${email} in the outbox`);
  const confirm = await app.http.inject({ url: link, headers: { cookie } });
  const done = await app.http.inject({ method: 'POST', url: link, headers: { cookie }, payload: { _csrf: csrfTokenIn(confirm.body) } });
  if (done.statusCode !== 303) throw new Error(`confirming the link failed: ${done.statusCode} ${done.body.slice(0, 300)}`);
  cookie = cookiesFrom(done.headers['set-cookie'], cookie);
  return cookie;
}
