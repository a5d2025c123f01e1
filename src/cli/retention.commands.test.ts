import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runInsights as run } from '../../test/support/cli.js';
import { openDatabase } from './database.js';

// `insights retention run [--dry-run]` end to end on a real SQLite file in a DATA_DIR: the dry
// run prints the counts per rule and changes nothing; the run purges and prints the same counts.

let dataDir: string;
const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'insights-cli-retention-'));
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  expect((await run('retention', 'run')).code).toBe(0); // migrates the new database
  const db = await openDatabase();
  try {
    await db.insertInto('rate_limits').values([{ key: 'old', window_start: ago(5), count: 1 }, { key: 'young', window_start: ago(0), count: 1 }]).execute();
    await db.insertInto('jobs').values({ kind: 'mail', payload: '{"to":"a@b.example"}', state: 'done', run_at: ago(200), lease_until: null, last_error: null, created_at: ago(200), updated_at: ago(200) }).execute();
  } finally {
    await db.destroy();
  }
}, 60_000);
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function counts(): Promise<{ rateLimits: number; jobs: number }> {
  const db = await openDatabase();
  try {
    return {
      rateLimits: (await db.selectFrom('rate_limits').select('key').execute()).length,
      jobs: (await db.selectFrom('jobs').select('id').execute()).length,
    };
  } finally {
    await db.destroy();
  }
}

it('a dry run prints the counts per rule and changes nothing; the run purges them', async () => {
  const dry = await run('retention', 'run', '--dry-run');
  expect(dry.code).toBe(0);
  expect(dry.stderr).toBe('');
  expect(dry.stdout.split('\n')[0]).toBe('dry run, nothing was changed: 2 rows are older than their retention age');
  expect(dry.stdout).toContain('  rate-limits: would delete 1\n');
  expect(dry.stdout).toContain('  finished-jobs: would delete 1\n');
  expect(dry.stdout).toContain('  delivery-snapshots: would clear 0\n');
  expect(await counts()).toEqual({ rateLimits: 2, jobs: 1 });

  const done = await run('retention', 'run');
  expect(done.code).toBe(0);
  expect(done.stdout.split('\n')[0]).toBe('purged 2 rows older than their retention age');
  expect(done.stdout).toContain('  rate-limits: deleted 1\n');
  expect(done.stdout).toContain('  finished-jobs: deleted 1\n');
  expect(await counts()).toEqual({ rateLimits: 1, jobs: 0 });

  expect((await run('retention', 'run')).stdout.split('\n')[0]).toBe('purged 0 rows older than their retention age');
  expect((await run('retention', 'run', '--bogus')).code).toBe(2);
});
