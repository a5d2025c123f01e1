import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { fixedClock } from '../lib/clock.js';
import { buildServices } from '../services.js';
import { testConfig } from '../../test/support/app.js';
import { runInsights as run } from '../../test/support/cli.js';

// `insights contacts export-person|erase|reapply-erasures` and `insights backup` end to end on a
// real SQLite file in a DATA_DIR, with the keys generated there as in production.

const HEADER = 'email,name,company,member,language,topics';
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'insights-cli-privacy-'));
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.ERASURE_KEY;
  await cp(DEMO_DIR, join(dataDir, 'content'), { recursive: true });
  expect((await run('import', 'content', join(dataDir, 'content'))).code).toBe(0);
  const file = join(dataDir, 'contacts.csv');
  await writeFile(file, `${HEADER}\nMia@Member.example,Mia Member,Example Maschinenbau GmbH,yes,de,technology-trends\nrita@reader.example,Rita Reader,,,,\n`);
  expect((await run('import', 'contacts', file)).code).toBe(0);
  expect((await run('staff', 'add', 'owner@insights.example', '--role', 'owner')).code).toBe(0);
}, 60_000);
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('insights contacts export-person / erase', () => {
  it('prints one JSON document about the person', async () => {
    const result = await run('contacts', 'export-person', 'MIA@member.example');
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ format: 'innovation-insights/personal-data/1', address: 'mia@member.example' });
    expect(document.sections.contact).toEqual([expect.objectContaining({ email: 'Mia@Member.example', name: 'Mia Member', language: 'de' })]);
    expect(document.sections.company).toEqual([expect.objectContaining({ name: 'Example Maschinenbau GmbH', membership: 'active' })]);
    expect(document.sections.topics).toHaveLength(1);
  });

  it('refuses bad input with exit 1 and one line, and bad usage with exit 2', async () => {
    expect(await run('contacts', 'export-person', 'nobody@nowhere.example')).toEqual({ code: 1, stdout: '', stderr: 'Nothing is stored about nobody@nowhere.example: no contact, registration, inquiry or message has this address.\n' });
    const staff = await run('contacts', 'erase', 'owner@insights.example');
    expect(staff.code).toBe(1);
    expect(staff.stderr).toContain('belongs to a staff account');
    expect((await run('contacts', 'erase', 'not-an-address')).code).toBe(1);
    expect((await run('contacts', 'erase')).code).toBe(2);
  });

  it('a dry run prints counts per registry entry; the erasure prints what it did; twice is refused', async () => {
    const dry = await run('contacts', 'erase', 'rita@reader.example', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^dry run, nothing was changed: erasing contact #\d+\n {2}contacts: would delete 1\n$/);
    expect((await run('contacts', 'export-person', 'rita@reader.example')).code).toBe(0);

    const erased = await run('contacts', 'erase', 'rita@reader.example');
    expect(erased.code).toBe(0);
    expect(erased.stdout).toMatch(/^erased contact #\d+; its address is kept only as a keyed hash, so it is never mailed or imported again\n {2}activity: anonymised 1\n {2}contacts: delete(d)? 1\n$/);
    expect(existsSync(join(dataDir, 'erasure_key'))).toBe(true);

    const again = await run('contacts', 'erase', 'rita@reader.example');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^This address was already erased on \d{4}-\d{2}-\d{2}; nothing is left to erase \(nothing was changed\)\.\n$/);

    // A re-import skips the erased address and says so, by line only.
    const file = join(dataDir, 'again.csv');
    await writeFile(file, `${HEADER}\nnew@reader.example,New Reader,,,,\nRITA@reader.example,Rita Reader,,,,\n`);
    const imported = await run('import', 'contacts', file);
    expect(imported).toEqual({ code: 0, stderr: '', stdout: '2 rows: 1 contacts created, 0 updated, 0 unchanged; 0 companies created, 0 changed membership\n1 new contact without consent imported not subscribed to the newsletter (a consent column, YYYY-MM-DD <source>, subscribes them)\n  line 3: suppressed (erased), skipped\n' });
    expect((await run('contacts', 'export-person', 'rita@reader.example')).code).toBe(1);
    expect((await run('contacts', 'erase', 'new@reader.example')).code).toBe(0);
  });
});

describe('insights backup, restore, and re-applying erasures', () => {
  it('backs up the database and keys; a fresh DATA_DIR made from it serves the same pages', async () => {
    const backup = join(dataDir, 'backup.tar');
    const result = await run('backup', backup);
    expect(result).toEqual({ code: 0, stderr: '', stdout: `backed up insights.sqlite, secret_key, erasure_key to ${backup}\n` });
    // A plain tar file, as the system's tar reads it; nothing left beside it.
    expect(execFileSync('tar', ['-tf', backup], { encoding: 'utf8' }).split('\n').filter(Boolean).sort()).toEqual(['BACKUP.txt', 'erasure_key', 'insights.sqlite', 'secret_key']);
    expect(readdirSync(dataDir).filter((name) => name.includes('backup.tar'))).toEqual(['backup.tar']);
    expect((await run('backup', backup)).code).toBe(1); // never overwrites

    const restored = await mkdtemp(join(tmpdir(), 'insights-restored-'));
    try {
      execFileSync('tar', ['-xf', backup, '-C', restored]);
      expect(await readFile(join(restored, 'erasure_key'), 'utf8')).toBe(await readFile(join(dataDir, 'erasure_key'), 'utf8'));
      const pages: string[][] = [];
      for (const dir of [dataDir, restored]) {
        const services = await buildServices(testConfig({ dataDir: dir, database: { kind: 'sqlite', file: join(dir, 'insights.sqlite') } }), { clock: fixedClock('2026-11-28T12:00:00Z') });
        const app = await buildApp(services);
        try {
          const bodies: string[] = [];
          for (const url of ['/', '/issues', '/events', '/de/issues']) {
            const response = await app.http.inject({ url });
            expect(response.statusCode, url).toBe(200);
            bodies.push(response.body);
          }
          pages.push(bodies);
          expect(await services.db.selectFrom('contacts').select('email_key').execute()).toEqual([{ email_key: 'mia@member.example' }]);
        } finally {
          await app.http.close();
          await services.close();
        }
      }
      expect(pages[1]).toEqual(pages[0]);
    } finally {
      await rm(restored, { recursive: true, force: true });
    }
  });

  it('after restoring a backup from before an erasure, reapply-erasures erases the person again', async () => {
    const backup = join(dataDir, 'before-erasure.tar');
    expect((await run('backup', backup)).code).toBe(0);
    const unpacked = await mkdtemp(join(tmpdir(), 'insights-unpacked-'));
    execFileSync('tar', ['-xf', backup, '-C', unpacked]);
    expect((await run('contacts', 'erase', 'mia@member.example')).code).toBe(0);
    // Save the erasures, then restore the older backup over the data folder.
    const hashes = join(dataDir, 'erasures.txt');
    const { openDatabase } = await import('./database.js');
    const live = await openDatabase();
    const rows = await live.selectFrom('erased_addresses').select(['address_hash', 'erased_at']).execute();
    await live.destroy();
    expect(rows).toHaveLength(3); // rita, new@reader and mia
    await writeFile(hashes, rows.map((row) => `${row.address_hash}|${row.erased_at}`).join('\n'));
    for (const name of ['insights.sqlite', 'insights.sqlite-wal', 'insights.sqlite-shm']) await rm(join(dataDir, name), { force: true });
    await cp(join(unpacked, 'insights.sqlite'), join(dataDir, 'insights.sqlite'));
    await rm(unpacked, { recursive: true, force: true });
    expect((await run('contacts', 'export-person', 'mia@member.example')).code).toBe(0); // she is back

    expect(await run('contacts', 'reapply-erasures', hashes)).toEqual({ code: 0, stderr: '', stdout: 'erased 1 addresses again; recorded 0 new erasure hashes\n' });
    expect((await run('contacts', 'export-person', 'mia@member.example')).code).toBe(1);
    expect(await run('contacts', 'reapply-erasures', hashes)).toEqual({ code: 0, stderr: '', stdout: 'erased 0 addresses again; recorded 0 new erasure hashes\n' });
  });

  it('for PostgreSQL prints the pg_dump command and exits 1', async () => {
    process.env.DATABASE_URL = 'postgres://insights@127.0.0.1:1/none';
    try {
      const result = await run('backup', join(dataDir, 'pg.tar'));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('pg_dump --format=custom');
      expect(result.stderr).not.toContain('127.0.0.1:1');
      expect(existsSync(join(dataDir, 'pg.tar'))).toBe(false);
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});
