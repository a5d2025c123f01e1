import type { App } from '../../src/app.js';
import type { Role } from '../../src/auth/permissions.js';
import type { Database } from '../../src/db/database.js';
import { csrfTokenIn } from './app.js';
import { signInStaff } from './people.js';

/** A urlencoded form body; arrays repeat the field. */
export function formBody(fields: Record<string, string | readonly string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) params.append(key, one);
  return params.toString();
}

/** A staff member signed in to the desk: the cookie header and a CSRF token for its forms. */
export async function signInDesk(app: App, db: Database, email: string, role: Role): Promise<{ cookie: string; csrf: string }> {
  const cookie = await signInStaff(app, db, email, role);
  const desk = await app.http.inject({ url: '/admin', headers: { cookie } });
  return { cookie, csrf: csrfTokenIn(desk.body) };
}
