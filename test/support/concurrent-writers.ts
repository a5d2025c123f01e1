import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../src/app.js';
import { DEMO_DIR } from '../../src/content-folder/demo.js';
import { importContent } from '../../src/content-folder/import.service.js';
import { connectDatabase } from '../../src/db/connect.js';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { systemClock } from '../../src/lib/clock.js';
import { createTestApp, csrfTokenIn, destroyTestApp, TEST_SECRET_KEY } from './app.js';
import { signInDesk, type DeskSession } from './desk.js';
import { createContact, signInMember } from './people.js';

// Several processes writing one SQLite file: a real `insights import contacts` of `rows` rows in
// a child process while, in this process, the web app serves a member who saves /account every
// 100 ms, an editor who saves stories, and public page reads (timed). Shared by
// test/flows/concurrent-writers.test.ts and bench/writers.ts.

const CLI = join(import.meta.dirname, '../../src/cli/insights.ts');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A site on a fresh SQLite file with the demo, a signed-in member and an editor, and a contacts CSV of `rows` rows. */
export interface WritersSite {
  readonly dir: string;
  readonly db: Database;
  readonly app: App;
  readonly member: string;
  readonly desk: DeskSession;
  readonly csv: string;
  close(): Promise<void>;
}

export async function startWritersSite(rows: number): Promise<WritersSite> {
  const dir = mkdtempSync(join(tmpdir(), 'insights-writers-'));
  const db = await connectDatabase({ kind: 'sqlite', file: join(dir, 'insights.sqlite') });
  await migrateToLatest(db);
  await importContent(db, DEMO_DIR, { clock: systemClock });
  const app = await createTestApp(db, { clock: systemClock });
  await createContact(db, 'saver@member.example', { name: 'Saver GmbH', membership: 'active' });
  const member = await signInMember(app, 'saver@member.example');
  const desk = await signInDesk(app, db, 'writer@example.org', 'editor');
  const lines = ['email,name,company,member,language,topics'];
  for (let i = 0; i < rows; i++) lines.push(`bulk-${i}@import.example,Person ${i},Bulk ${i % 500} GmbH,${(i % 500) % 3 === 0 ? 'no' : 'yes'},en,technology-trends`);
  const csv = join(dir, 'contacts.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
  return {
    dir, db, app, member, desk, csv,
    close: async () => {
      await destroyTestApp(app);
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What happened while the import ran. */
export interface WritersOutcome {
  readonly exitCode: number | null;
  readonly output: string;
  readonly statuses: readonly number[];
  /** Milliseconds of each public page read. */
  readonly publicLatencies: readonly number[];
}

/** Reads the public page every 20 ms until `running()` says stop; the latencies in ms. */
export async function readPublicPages(app: App, running: () => boolean, statuses: number[]): Promise<number[]> {
  const latencies: number[] = [];
  while (running()) {
    const started = performance.now();
    const response = await app.http.inject({ url: '/issues/2024-spring' });
    latencies.push(performance.now() - started);
    statuses.push(response.statusCode);
    await sleep(20);
  }
  return latencies;
}

/** Runs the CLI import while the app saves accounts and stories and serves public pages. */
export async function importWhileWriting(site: WritersSite): Promise<WritersOutcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'import', 'contacts', site.csv], {
    env: { ...process.env, DATA_DIR: site.dir, DATABASE_URL: '', SECRET_KEY: TEST_SECRET_KEY, SITE_URL: 'http://insights.test', DEMO: '0' },
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
  const saveAccount = async () => {
    for (let round = 0; running; round++) {
      const page = await site.app.http.inject({ url: '/account', headers: { cookie: site.member } });
      const saved = await site.app.http.inject({
        method: 'POST', url: '/account', headers: { cookie: site.member },
        payload: { _csrf: csrfTokenIn(page.body), language: round % 2 === 0 ? 'de' : 'en', subscribed: '1', topics: 'technology-trends' },
      });
      statuses.push(page.statusCode, saved.statusCode);
      await sleep(100);
    }
  };
  const saveStory = async () => {
    for (let round = 0; running; round++) {
      const form = await site.desk.get('/admin/stories/new');
      const saved = await site.desk.post('/admin/stories/new', { slug: `concurrent-${Date.now()}-${round}`, title: `Concurrent story ${round}`, kind: 'news', body: 'Written while an import runs.', op: 'save' });
      statuses.push(form.statusCode, saved.statusCode);
      await sleep(150);
    }
  };
  const [, , publicLatencies, exitCode] = await Promise.all([saveAccount(), saveStory(), readPublicPages(site.app, () => running, statuses), exited]);
  return { exitCode, output, statuses, publicLatencies };
}

/** The value at quantile `q` (0–1) of some numbers. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
}
