import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { connectDatabase } from '../../src/db/connect.js';
import type { Database } from '../../src/db/database.js';
import type { Clock } from '../../src/lib/clock.js';
import { cookiesFrom, createTestApp, csrfTokenIn, destroyTestApp, lastLinkInOutbox, visibleText } from '../support/app.js';
import { runInsights as cli } from '../support/cli.js';

// Issue 3's acceptance walk, end to end through the product's own CLI and forms on one SQLite
// file: `insights staff add` → set the password → sign in → write a story with a members-only
// part → put it in a new issue → publish → the public sees the teaser only → a member imported
// with `insights import contacts` signs in with the link from the outbox → the full text shows.

const SECRET = 'Members-only canary: the unit economics per charging pile';
const TEASER = 'A charging pilot starts in lower-tier cities.';


const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('from staff add to a member reading the full text', () => {
  let dataDir: string;
  let db: Database;
  let app: App;
  let now = Date.parse('2026-11-28T12:00:00Z');
  const clock: Clock = { now: () => new Date(now) };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'insights-flow-'));
    process.env.DATA_DIR = dataDir;
    process.env.SITE_URL = 'http://insights.test';
    delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    if (app) await destroyTestApp(app);
    if (db) await db.destroy();
    delete process.env.SITE_URL;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('walks the whole path', async () => {
    // 1. Support staff create the editor on the command line; the link sets the password.
    const added = await cli('staff', 'add', 'eda@chamber.example', '--role', 'editor');
    expect(added.code, added.stderr).toBe(0);
    const passwordPath = new URL(/http\S+\/admin\/password\/\S+/.exec(added.stdout)![0]).pathname;

    // 2. A member company's contact arrives by CSV.
    const csv = join(dataDir, 'contacts.csv');
    await writeFile(csv, 'email,name,company,member,language,topics\nmia@member.example,Mia Member,Member Maschinenbau GmbH,yes,de,\n');
    const imported = await cli('import', 'contacts', csv);
    expect(imported.code, imported.stderr).toBe(0);

    db = await connectDatabase({ kind: 'sqlite', file: join(dataDir, 'insights.sqlite') });
    app = await createTestApp(db, { clock });
    const http = app.http;

    const setPage = await http.inject({ url: passwordPath });
    expect(setPage.statusCode).toBe(200);
    let staff = cookiesFrom(setPage.headers['set-cookie']);
    const set = await http.inject({
      method: 'POST',
      url: passwordPath,
      headers: { cookie: staff, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: csrfTokenIn(setPage.body), password: 'twelve+ chars of secret', confirmation: 'twelve+ chars of secret' }),
    });
    expect(set.statusCode).toBe(303);

    // 3. Sign in with the password (a fresh browser).
    const loginPage = await http.inject({ url: '/admin/login' });
    staff = cookiesFrom(loginPage.headers['set-cookie']);
    const login = await http.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { cookie: staff, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: csrfTokenIn(loginPage.body), email: 'eda@chamber.example', password: 'twelve+ chars of secret', next: '/admin' }),
    });
    expect(login.statusCode).toBe(303);
    staff = cookiesFrom(login.headers['set-cookie'], staff);
    const dashboard = await http.inject({ url: '/admin', headers: { cookie: staff } });
    expect(dashboard.statusCode).toBe(200);
    const csrf = csrfTokenIn(dashboard.body);
    const post = (url: string, fields: Record<string, string> = {}) =>
      http.inject({ method: 'POST', url, headers: { cookie: staff, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: csrf, ...fields }) });

    // 4. A story with a members-only part.
    const story = await post('/admin/stories/new', {
      slug: 'charging-pilot',
      title: 'A charging pilot in lower-tier cities',
      kind: 'news',
      body: `${TEASER}\n\n<!-- members-only -->\n${SECRET}`,
    });
    expect(story.statusCode, visibleText(story.body)).toBe(303);

    // 5. A new issue holding it, published.
    expect((await post('/admin/issues/new', { season: 'spring', year: '2027', title: '' })).statusCode).toBe(303);
    const composed = await post('/admin/issues/2027-spring/edit', {
      title: '2027 Spring Issue',
      intro: 'Welcome to spring.',
      'sections.0.kind': 'news',
      'sections.0.heading': 'News',
      'sections.0.items.0.label': 'Story 1',
      'sections.0.items.0.target': 'story:charging-pilot',
    });
    expect(composed.statusCode, visibleText(composed.body)).toBe(303);
    expect((await http.inject({ url: '/issues/2027-spring' })).statusCode).toBe(404);
    const published = await post('/admin/issues/2027-spring/publish');
    expect(published.statusCode, visibleText(published.body)).toBe(303);
    // No waiting: a desk change drops this process's cached public pages at once.

    // 6. The public sees the teaser only, everywhere.
    for (const url of ['/', '/issues/2027-spring', '/stories/charging-pilot', '/feed.xml']) {
      const response = await http.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain(url === '/feed.xml' ? '2027 Spring Issue' : TEASER);
      expect(response.body, url).not.toContain('unit economics');
    }

    // 7. The member signs in with the link from the outbox and reads the full text.
    const memberLogin = await http.inject({ url: '/login' });
    let member = cookiesFrom(memberLogin.headers['set-cookie']);
    const asked = await http.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: member, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: csrfTokenIn(memberLogin.body), email: 'Mia@Member.example' }),
    });
    expect(asked.statusCode).toBe(200);
    const link = await lastLinkInOutbox(app, 'mia@member.example', '/login/');
    expect(link).toBeDefined();
    const confirm = await http.inject({ url: link!, headers: { cookie: member } });
    const confirmed = await http.inject({
      method: 'POST',
      url: link!,
      headers: { cookie: member, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: csrfTokenIn(confirm.body) }),
    });
    expect(confirmed.statusCode).toBe(303);
    member = cookiesFrom(confirmed.headers['set-cookie'], member);
    for (const url of ['/issues/2027-spring', '/stories/charging-pilot']) {
      const full = await http.inject({ url, headers: { cookie: member } });
      expect(full.body, url).toContain(TEASER);
      expect(visibleText(full.body), url).toContain(SECRET);
    }

    // The activity log tells the story.
    const actions = (await db.selectFrom('activity').select('action').orderBy('id').execute()).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.add', 'staff.set_password', 'story.create', 'issue.create', 'issue.publish', 'contact.sign_in']));
  });
});
