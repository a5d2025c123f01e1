import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenIn, destroyTestApp, TEST_SECRET_KEY } from '../support/app.js';
import { signInDesk, type DeskSession } from '../support/desk.js';
import { createContact, signInMember } from '../support/people.js';
import type { App } from '../../src/app.js';
import { DEMO_DIR } from '../../src/content-folder/demo.js';
import { importContent } from '../../src/content-folder/import.service.js';
import { connectDatabase } from '../../src/db/connect.js';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { systemClock } from '../../src/lib/clock.js';

// Several processes write one SQLite file at once: a real `insights import contacts` of 20,000
// rows runs in a child process while, in this process, the web app serves a member who saves
// /account every 100 ms and an editor who saves a story. Every write transaction takes the lock
// at its start and waits for it without blocking the event loop (src/db/sqlite-driver.ts), so
// the import exits 0, no request answers 5xx, and public pages keep answering quickly.

const CLI = join(import.meta.dirname, '../../src/cli/insights.ts');
const ROWS = 20_000;

describe('SQLite: writers in several processes wait for each other', () => {
  let dir: string;
  let db: Database;
  let app: App;
  let desk: DeskSession;
  let member: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'insights-writers-'));
    db = await connectDatabase({ kind: 'sqlite', file: join(dir, 'insights.sqlite') });
    await migrateToLatest(db);
    await importContent(db, DEMO_DIR, { clock: systemClock });
    app = await createTestApp(db, { clock: systemClock });
    await createContact(db, 'saver@member.example', { name: 'Saver GmbH', membership: 'active' });
    member = await signInMember(app, 'saver@member.example');
    desk = await signInDesk(app, db, 'writer@example.org', 'editor');
    const lines = ['email,name,company,member,language,topics'];
    for (let i = 0; i < ROWS; i++) lines.push(`bulk-${i}@import.example,Person ${i},Bulk ${i % 500} GmbH,${(i % 500) % 3 === 0 ? 'no' : 'yes'},en,technology-trends`);
    writeFileSync(join(dir, 'contacts.csv'), `${lines.join('\n')}\n`);
  }, 120_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports 20,000 contacts from the CLI while the web app saves accounts and stories: no lock errors, no 5xx, fast public pages', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'import', 'contacts', join(dir, 'contacts.csv')], {
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', SECRET_KEY: TEST_SECRET_KEY, SITE_URL: 'http://insights.test', DEMO: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let running = true;
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
      running = false;
      resolve(code);
    }));

    const statuses: number[] = [];
    const publicLatencies: number[] = [];
    const saveAccount = async () => {
      let round = 0;
      while (running) {
        const page = await app.http.inject({ url: '/account', headers: { cookie: member } });
        const saved = await app.http.inject({
          method: 'POST', url: '/account', headers: { cookie: member },
          payload: { _csrf: csrfTokenIn(page.body), language: round++ % 2 === 0 ? 'de' : 'en', subscribed: '1', topics: 'technology-trends' },
        });
        statuses.push(page.statusCode, saved.statusCode);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const saveStory = async () => {
      let round = 0;
      while (running) {
        const form = await desk.get('/admin/stories/new');
        statuses.push(form.statusCode);
        const saved = await desk.post('/admin/stories/new', { slug: `concurrent-${round}`, title: `Concurrent story ${round}`, kind: 'news', body: 'Written while an import runs.', op: 'save' });
        statuses.push(saved.statusCode);
        round++;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    };
    const readPublic = async () => {
      while (running) {
        const started = performance.now();
        const response = await app.http.inject({ url: '/issues/2024-spring' });
        publicLatencies.push(performance.now() - started);
        statuses.push(response.statusCode);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await Promise.all([saveAccount(), saveStory(), readPublic(), exited]);

    expect(await exited, output).toBe(0);
    expect(output).toMatch(/imported 20000 rows|20000 rows/);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses.filter((status) => status === 303).length).toBeGreaterThan(2);
    const count = await db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).where('email_key', 'like', 'bulk-%').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(ROWS);
    const sorted = [...publicLatencies].sort((a, b) => a - b);
    const p99 = sorted[Math.floor(sorted.length * 0.99)] ?? 0;
    process.stdout.write(`public page during the import: ${sorted.length} requests, p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms\n`);
    expect(p99).toBeLessThan(100);
  }, 300_000);
});
