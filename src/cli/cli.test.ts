import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR } from '../content-folder/demo.js';
import { runInsights as run } from '../../test/support/cli.js';

// The `insights` command end to end on a real SQLite file: exit codes and messages.

let dataDir: string;


beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'insights-cli-'));
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('insights CLI', () => {
  it('migrates, imports the demo, and exports it', async () => {
    expect((await run('migrate')).stdout).toMatch(/applied \d+ migration/);
    expect((await run('migrate')).stdout).toBe('database is up to date\n');
    const imported = await run('import', 'content', DEMO_DIR);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toMatch(/^imported \d+ files: 5 issues, 17 stories, 10 events, .* 12 translations\n$/);
    const out = join(dataDir, 'export');
    const exported = await run('export', 'content', out);
    expect(exported.code).toBe(0);
    expect((await readdir(join(out, 'issues'))).sort()).toEqual([
      '2023-fall.md', '2023-spring.md', '2023-summer.md', '2023-winter.md', '2024-spring.de.md', '2024-spring.md', '2024-spring.zh.md',
    ]);
    const again = await run('export', 'content', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty/);
  });

  it('exits 1, lists all three problems and changes nothing for a folder with three broken files', async () => {
    const broken = join(dataDir, 'broken');
    await cp(DEMO_DIR, broken, { recursive: true });
    // Break three existing files: an issue, a story and an event.
    await writeFile(join(broken, 'issues', '2024-spring.md'), '---\ntitle: 2024 Spring Issue\nseason: spring\nyear: 2024\nstatus: published\n---\nChanged intro.\n');
    await writeFile(join(broken, 'stories', 'byd-tripled-sales-2022.md'), '---\ntitle: Changed\nkind: news\nsources:\n  - author: Nobody\n---\nChanged.\n');
    await writeFile(join(broken, 'events', 'asiamold-2024.md'), '---\ntitle: Changed\nstarts: 2024-03-04\nends: 2024-03-06\ntime_zone: Mars/Olympus\norganiser: external\n---\n');
    const before = await run('export', 'content', join(dataDir, 'before'));
    expect(before.code).toBe(0);

    const result = await run('import', 'content', broken);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'events/asiamold-2024.md:5: time_zone: must be an IANA time zone such as Asia/Shanghai',
      'issues/2024-spring.md:5: published_at: is required for a published issue',
      'stories/byd-tripled-sales-2022.md:5: sources[0].outlet: is required',
      expect.stringMatching(/^3 problems in .*broken; nothing was imported$/),
    ]);

    await run('export', 'content', join(dataDir, 'after'));
    for (const folder of ['issues', 'stories', 'events']) {
      for (const name of await readdir(join(dataDir, 'before', folder))) {
        expect(await readFile(join(dataDir, 'after', folder, name), 'utf8')).toBe(await readFile(join(dataDir, 'before', folder, name), 'utf8'));
      }
    }
  });

  it('exits 2 on bad usage', async () => {
    expect((await run('import', 'content')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('--help')).code).toBe(0);
  });

  it('exits 1 with a clear message for bad configuration', async () => {
    process.env.DATABASE_URL = 'mysql://nope';
    try {
      const result = await run('migrate');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('DATABASE_URL: must start with postgres://');
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});
