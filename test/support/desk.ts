import { afterAll, beforeAll } from 'vitest';
import type { App } from '../../src/app.js';
import type { Role } from '../../src/auth/permissions.js';
import { DEMO_DIR } from '../../src/content-folder/demo.js';
import { importContent } from '../../src/content-folder/import.service.js';
import type { Database } from '../../src/db/database.js';
import type { Clock } from '../../src/lib/clock.js';
import { CSRF_FIELD } from '../../src/lib/request-security.js';
import { createTestApp, csrfTokenIn, destroyTestApp } from './app.js';
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

/** The demo's desk as the area tests use it: the app on the demo content, an editor and a contributor signed in. */
export interface DemoDesk {
  readonly app: App;
  readonly editor: DeskSession;
  readonly contributor: DeskSession;
}

/**
 * Before a block's tests: imports the demo content into `db()`, starts a test app on `clock`,
 * signs in an editor and a contributor, and hands them to `started` (which may set up more);
 * after them, closes the app.
 */
export function startDemoDesk(db: () => Database, clock: Clock, started: (desk: DemoDesk) => void | Promise<void>): void {
  let app: App | undefined;
  beforeAll(async () => {
    await importContent(db(), DEMO_DIR, { clock });
    app = await createTestApp(db(), { clock });
    const editor = await signInDesk(app, db(), 'editor@example.com', 'editor');
    const contributor = await signInDesk(app, db(), 'contributor@example.com', 'contributor');
    await started({ app, editor, contributor });
  });
  afterAll(async () => {
    if (app) await destroyTestApp(app);
  });
}
