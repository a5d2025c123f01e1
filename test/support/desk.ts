import type { App } from '../../src/app.js';
import type { Role } from '../../src/auth/permissions.js';
import type { Database } from '../../src/db/database.js';
import { CSRF_FIELD } from '../../src/lib/request-security.js';
import { csrfTokenIn } from './app.js';
import { signInStaff } from './people.js';

/** A urlencoded form body; arrays repeat the field. */
export function formBody(fields: Record<string, string | readonly string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) params.append(key, one);
  return params.toString();
}

/**
 * A staff member signed in to the desk: the cookie header, a CSRF token for its forms, and their
 * browser: `get(url)`, and `post(url, fields)`, which sends the form with the token.
 */
export async function signInDesk(app: App, db: Database, email: string, role: Role) {
  const cookie = await signInStaff(app, db, email, role);
  const desk = await app.http.inject({ url: '/admin', headers: { cookie } });
  const csrf = csrfTokenIn(desk.body);
  return {
    cookie,
    csrf,
    get: (url: string) => app.http.inject({ url, headers: { cookie } }),
    post: (url: string, fields: Record<string, string | readonly string[]> = {}) =>
      app.http.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ [CSRF_FIELD]: csrf, ...fields }),
      }),
  };
}

/** What `signInDesk` gives a test. */
export type DeskSession = Awaited<ReturnType<typeof signInDesk>>;
