// Contacts import bench: 10,000 contacts (with companies and topics) into a fresh SQLite
// database, a file with 3 bad rows (checked, refused, nothing written), and an unchanged
// re-import; next to a baseline measured in the same run: csv-parse plus raw prepared INSERTs
// of the same rows in one transaction (no checks, no companies, no topics). Then the contacts
// import test's cases at full scale (they run with 2,000 rows in
// src/members/contacts-import.test.ts) on SQLite and the PostgreSQL engine (bench/engines.ts):
// the 3 bad rows refused with nothing written, the import, an unchanged re-import, and export →
// import into a new database → the same bytes. Run with `npx tsx bench/import.ts`; it prints
// figures to stderr and exactly one JSON line on stdout. It reports, it never asserts.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { SYSTEM_ACTOR } from '../src/activity/activity.js';
import { DEMO_DIR } from '../src/content-folder/demo.js';
import { importContent } from '../src/content-folder/import.service.js';
import { connectDatabase } from '../src/db/connect.js';
import type { Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemClock } from '../src/lib/clock.js';
import { Invalid } from '../src/lib/errors.js';
import { exportContacts } from '../src/members/contacts-export.service.js';
import { importContacts, type ContactsImportSummary } from '../src/members/contacts-import.service.js';
import { listContacts } from '../src/members/contacts.service.js';
import { emailKey } from '../src/members/members.js';
import { startBenchEngines, type BenchEngine, type BenchEngines } from './engines.js';

const ROWS = 10_000;
const COMPANIES = 200;
const GOAL_MS = 10_000;
const TOPICS = ['technology-trends', 'impact-on-german-economy', 'leveraging-chinese-innovation', 'startup-ecosystem', 'expert-interviews'];
/** The bench's erasure key: the import checks every row against erased addresses, as in production. */
const BENCH_ERASURE_KEY = 'bench-erasure-key-that-is-long-enough-000000';

function say(message: string): void {
  process.stderr.write(`[bench:import] ${message}\n`);
}

/** 10,000 contacts: three in four at one of 200 companies (one in five lapsed), two topics each, some names with commas or two lines. */
function generateCsv(bad: ReadonlyMap<number, string> = new Map()): string {
  const lines = ['email,name,company,member,language,topics'];
  for (let index = 0; index < ROWS; index++) {
    const companyNumber = Math.floor(index / 4) % COMPANIES;
    const company = index % 4 === 0 ? '' : `Benchmark Company ${companyNumber} GmbH`;
    const member = company === '' ? '' : companyNumber % 5 === 0 ? 'no' : 'yes';
    const name = index % 97 === 0 ? `"Müller, Person ${index}"` : index % 1_000 === 1 ? `"Person\n${index}"` : `Person ${index}`;
    const topics = `${TOPICS[index % 5]};${TOPICS[(index + 2) % 5]}`;
    lines.push(bad.get(index) ?? `person.${index}@example.com,${name},${company},${member},${['en', 'de', 'zh'][index % 3]},${topics}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A fresh migrated SQLite database in `dir` with the demo topics. */
async function freshDatabase(dir: string, name: string, topicsFolder: string): Promise<Database> {
  const db = await connectDatabase({ kind: 'sqlite', file: join(dir, `${name}.sqlite`) });
  await migrateToLatest(db);
  await importContent(db, topicsFolder, { clock: systemClock });
  return db;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: Math.round(performance.now() - started) };
}

/** The floor: parse the same bytes and insert the same contacts with one prepared statement. */
function baselineMs(dir: string, csv: Buffer): number {
  const sqlite = new SQLite(join(dir, 'baseline.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('create table contacts (id integer primary key, email text not null, email_key text not null unique, name text not null, language text not null, subscribed integer not null, created_at text not null, updated_at text not null)');
  const started = performance.now();
  const [, ...records] = parse(csv);
  const insert = sqlite.prepare('insert into contacts (email, email_key, name, language, subscribed, created_at, updated_at) values (?, ?, ?, ?, 1, ?, ?)');
  const now = new Date().toISOString();
  sqlite.transaction(() => {
    for (const record of records) insert.run(record[0], emailKey(record[0] ?? ''), record[1], record[4], now, now);
  })();
  const ms = Math.round(performance.now() - started);
  sqlite.close();
  return ms;
}

/** What the at-scale cases found on one engine. */
interface EngineFigures {
  readonly engine: BenchEngine;
  /** Problems reported for the file with 3 bad rows (should be 3), and the contacts it wrote (should be 0). */
  readonly bad_rows_reported: number;
  readonly bad_rows_written: number;
  readonly ms: number;
  readonly created: number;
  readonly companies_created: number;
  readonly reimport_unchanged: number;
  readonly export_ms: number;
  /** Export, import into a new database, export again: the same bytes? */
  readonly round_trip_identical: boolean;
  /** Contacts whose address contains `person.1` (1,111 of 10,000). */
  readonly search_hits: number;
}

async function atScale(engines: BenchEngines, engine: BenchEngine, topicsFolder: string, good: Buffer, broken: Buffer): Promise<EngineFigures> {
  const options = { where: 'contacts.csv', actor: SYSTEM_ACTOR, erasureKey: BENCH_ERASURE_KEY };
  const db = await engines.open(engine);
  await importContent(db, topicsFolder, { clock: systemClock });
  const refused = await importContacts(db, systemClock, broken, options).then(() => undefined, (error: unknown) => error);
  const written = Number((await db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const imported = await timed(() => importContacts(db, systemClock, good, options));
  const again = await importContacts(db, systemClock, good, options);
  const exported = await timed(() => exportContacts(db, systemClock, SYSTEM_ACTOR));
  const other = await engines.open(engine);
  await importContent(other, topicsFolder, { clock: systemClock });
  await importContacts(other, systemClock, exported.result.csv, options);
  const roundTrip = await exportContacts(other, systemClock, SYSTEM_ACTOR);
  return {
    engine,
    bad_rows_reported: refused instanceof Invalid ? refused.problems.length : -1,
    bad_rows_written: written,
    ms: imported.ms,
    created: imported.result.created,
    companies_created: imported.result.companiesCreated,
    reimport_unchanged: again.unchanged,
    export_ms: exported.ms,
    round_trip_identical: roundTrip.csv === exported.result.csv,
    search_hits: (await listContacts(db, { search: 'person.1' }, 1)).total,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'insights-bench-import-'));
  const databases: Database[] = [];
  try {
    const topicsFolder = join(dir, 'content');
    cpSync(join(DEMO_DIR, 'topics'), join(topicsFolder, 'topics'), { recursive: true });
    const good = Buffer.from(generateCsv());
    const broken = Buffer.from(generateCsv(new Map([[10, 'not an address,Bad,,,en,'], [5_000, 'person.5000@example.com,Bad,,,fr,'], [9_998, 'PERSON.17@example.com,Copy,,,en,']])));
    say(`${ROWS} rows, ${(good.length / 1024).toFixed(0)} KiB, ${COMPANIES} companies; load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);

    const db = await freshDatabase(dir, 'import', topicsFolder);
    databases.push(db);

    const refused = await timed(() => importContacts(db, systemClock, broken, { where: 'broken.csv', actor: SYSTEM_ACTOR, erasureKey: BENCH_ERASURE_KEY }).then(() => undefined, (error: unknown) => error));
    const reported = refused.result instanceof Invalid ? refused.result.problems.length : -1;
    say(`3 bad rows: refused in ${refused.ms} ms, ${reported} problems reported (${refused.result instanceof Invalid ? refused.result.problems.map((problem) => `line ${problem.line}`).join(', ') : 'not refused!'})`);

    const phases = new Map<string, number>();
    const started = performance.now();
    const imported = await timed(() =>
      importContacts(db, systemClock, good, {
        where: 'contacts.csv',
        actor: SYSTEM_ACTOR,
        erasureKey: BENCH_ERASURE_KEY,
        onProgress: (phase, done, total) => {
          if (done === total && !phases.has(phase)) phases.set(phase, Math.round(performance.now() - started));
        },
      }),
    );
    const summary: ContactsImportSummary = imported.result;
    const checkMs = phases.get('check') ?? 0;
    const writeMs = imported.ms - checkMs;
    const rowsPerSecond = Math.round((ROWS / imported.ms) * 1000);
    say(`import: ${imported.ms} ms (${rowsPerSecond} rows/s; check ${checkMs} ms, database ${writeMs} ms): ${summary.created} created, ${summary.companiesCreated} companies`);

    const again = await timed(() => importContacts(db, systemClock, good, { where: 'contacts.csv', actor: SYSTEM_ACTOR, erasureKey: BENCH_ERASURE_KEY }));
    say(`re-import of the same file: ${again.ms} ms, ${again.result.unchanged} unchanged`);

    const engines = await startBenchEngines(say);
    const perEngine: EngineFigures[] = [];
    try {
      for (const engine of engines.names) {
        const figures = await atScale(engines, engine, topicsFolder, good, broken);
        perEngine.push(figures);
        say(
          `[${engine}] 3 bad rows: ${figures.bad_rows_reported} reported, ${figures.bad_rows_written} written; import ${figures.ms} ms (${figures.created} created, ${figures.companies_created} companies); ` +
            `re-import ${figures.reimport_unchanged} unchanged; export ${figures.export_ms} ms, round trip ${figures.round_trip_identical ? 'byte-identical' : 'DIFFERENT'}; search "person.1": ${figures.search_hits}`,
        );
      }
    } finally {
      await engines.close();
    }

    const baseline = baselineMs(dir, good);
    const ratio = baseline > 0 ? Math.round((imported.ms / baseline) * 100) / 100 : 0;
    say(`baseline (csv-parse + raw prepared INSERTs, no checks): ${baseline} ms; import/baseline ${ratio}×; goal under ${GOAL_MS} ms`);

    const line = {
      bench: 'import',
      rows: ROWS,
      ms: imported.ms,
      rows_per_s: rowsPerSecond,
      goal_ms: GOAL_MS,
      check_ms: checkMs,
      write_ms: writeMs,
      bad_rows_ms: refused.ms,
      bad_rows_reported: reported,
      reimport_ms: again.ms,
      baseline_ms: baseline,
      ratio,
      engines: perEngine,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    for (const db of databases) await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
