import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR } from '../content-folder/demo.js';
import { runInsights as run } from '../../test/support/cli.js';

// `insights import responses` end to end on a real SQLite file, on the demo's survey report.

const SLUG = 'ahk-innovation-report-2024-automotive';
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'insights-cli-responses-'));
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  await cp(DEMO_DIR, join(dataDir, 'content'), { recursive: true });
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('insights import responses', () => {
  it('checks with --dry-run, imports, and refuses a bad file naming every line', async () => {
    expect((await run('import', 'content', join(dataDir, 'content'))).code).toBe(0);
    const file = join(dataDir, 'responses.csv');
    const original = await readFile(join(DEMO_DIR, 'reports', `${SLUG}.responses.csv`), 'utf8');
    await writeFile(file, original);
    const counts = 'industry services: 72, industry electrical: 60, industry automotive: 64, industry machinery: 90, industry chemicals: 50';
    expect(await run('import', 'responses', SLUG, file, '--dry-run')).toEqual({
      code: 0,
      stderr: '',
      stdout: `dry run, nothing was written: 336 respondents for ${SLUG} (${counts}) would replace the 336 stored\n`,
    });
    expect(await run('import', 'responses', SLUG, file)).toEqual({ code: 0, stderr: '', stdout: `imported 336 respondents for ${SLUG} (${counts}), replacing 336\n` });

    await writeFile(file, `${original.trimEnd()}\nr001,automotive,yes,none,no\nr999,automotive,perhaps,none,no\nr998,,yes,none,no\n`);
    const refused = await run('import', 'responses', SLUG, file);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `${file}: line 338: duplicate respondent "r001" (also on line 2)\n` +
        `${file}: line 339: rd_in_china: unknown answer code "perhaps" (expected yes, no)\n` +
        `${file}: line 340: industry is empty: every respondent needs a segment value\n` +
        `3 problems in ${file}; nothing was imported\n`,
    );
    expect((await run('import', 'responses', 'no-such-report', file)).stderr).toBe('there is no report "no-such-report"\n');
    expect((await run('import', 'responses', SLUG, join(dataDir, 'missing.csv'))).stderr).toBe(`cannot read ${join(dataDir, 'missing.csv')}: no such file\n`);
  });
});
