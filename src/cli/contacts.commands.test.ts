import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR } from '../content-folder/demo.js';
import { runInsights as run } from '../../test/support/cli.js';

// `insights import contacts` and `insights export contacts` end to end on a real SQLite file.

const HEADER = 'email,name,company,member,language,topics';
let dataDir: string;


beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'insights-cli-contacts-'));
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  await cp(join(DEMO_DIR, 'topics'), join(dataDir, 'content', 'topics'), { recursive: true });
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('insights import/export contacts', () => {
  it('imports a file, previews a change with --dry-run, and exports what re-imports unchanged', async () => {
    expect((await run('import', 'content', join(dataDir, 'content'))).code).toBe(0);
    const file = join(dataDir, 'contacts.csv');
    await writeFile(file, `${HEADER},consent\nmember@example.com,Mia Member,Example Maschinenbau GmbH,yes,de,technology-trends,2024-03-01 X-Days sign-up sheet\nreader@example.com,Rita Reader,,,,,\n`);
    const imported = await run('import', 'contacts', file);
    expect(imported).toEqual({
      code: 0,
      stderr: '',
      stdout:
        '2 rows: 2 contacts created, 0 updated, 0 unchanged; 1 companies created, 0 changed membership\n' +
        '1 new contact without consent imported not subscribed to the newsletter (a consent column, YYYY-MM-DD <source>, subscribes them)\n',
    });

    await writeFile(file, `${HEADER}\nMEMBER@example.com,Mia M.,Example Maschinenbau GmbH,no,de,technology-trends\nreader@example.com,Rita Reader,,,,\n`);
    const dry = await run('import', 'contacts', file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(
      'dry run, nothing was written: 2 rows: 0 contacts would be created, 1 would be updated, 1 unchanged; 0 companies would be created, 1 would change membership\n' +
        '  line 2: MEMBER@example.com: update name\n',
    );

    const out = join(dataDir, 'export.csv');
    const exported = await run('export', 'contacts', out);
    expect(exported).toEqual({ code: 0, stderr: '', stdout: `exported 2 contacts to ${out}\n` });
    expect(await readFile(out, 'utf8')).toBe(`${HEADER},role,consent\nmember@example.com,Mia Member,Example Maschinenbau GmbH,yes,de,technology-trends,,2024-03-01 X-Days sign-up sheet\nreader@example.com,Rita Reader,,,en,,,\n`);
    expect((await run('import', 'contacts', out)).stdout).toBe('2 rows: 0 contacts created, 0 updated, 2 unchanged; 0 companies created, 0 changed membership\n');

    const again = await run('export', 'contacts', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`${out} already exists; choose a new file name (nothing was overwritten)\n`);
  });

  it('exits 1, prints every bad row as file:line: message and writes nothing', async () => {
    const file = join(dataDir, 'broken.csv');
    await writeFile(file, `${HEADER}\nnew@example.com,New,,,,\n"bad address",Bad,,,,\nx@example.com,"Two\nLines",Acme,maybe,,\nreader@example.com,R,,,en,nonsense\n`);
    const result = await run('import', 'contacts', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      `${file}:3: email is not a valid address`,
      `${file}:4: member must be yes or no`,
      `${file}:6: unknown topic "nonsense" (known: technology-trends, impact-on-german-economy, leveraging-chinese-innovation, startup-ecosystem, expert-interviews)`,
      `3 problems in ${file}; nothing was imported`,
      '',
    ]);
    const out = join(dataDir, 'after.csv');
    await run('export', 'contacts', out);
    expect(await readFile(out, 'utf8')).not.toContain('new@example.com');

    const missing = await run('import', 'contacts', join(dataDir, 'nope.csv'));
    expect(missing).toMatchObject({ code: 1, stderr: `cannot read ${join(dataDir, 'nope.csv')}: no such file\n` });
    expect((await run('import', 'contacts')).code).toBe(2);
  });
});
