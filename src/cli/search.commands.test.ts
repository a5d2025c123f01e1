import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runInsights as run } from '../../test/support/cli.js';
import { SEARCH_INNOVATOR_FILES } from '../../test/support/search.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { ICU_VERSION } from '../search/analysis.js';
import { indexIsStale, search } from '../search/search.service.js';
import { openDatabase } from './database.js';

// `insights reindex` end to end on a real SQLite file in a DATA_DIR: after the demo's import the
// index answers but carries no ICU version; the rebuild records it and answers the same, the
// innovators' profiles (the search fixtures', the demo has none yet) included.

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'insights-cli-reindex-'));
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const folder = join(dataDir, 'content');
  await cp(DEMO_DIR, folder, { recursive: true });
  await mkdir(join(folder, 'innovators'), { recursive: true });
  for (const [path, text] of Object.entries(SEARCH_INNOVATOR_FILES)) await writeFile(join(folder, path), text);
  expect((await run('import', 'content', folder)).code).toBe(0);
}, 60_000);
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function inspect(): Promise<{ stale: boolean; total: number; innovators: string[] }> {
  const db = await openDatabase();
  try {
    const outcome = await search(db, { q: 'byd ', audience: 'member', page: 1 });
    const innovators = await search(db, { q: 'okapistream ', audience: 'member', page: 1 });
    return {
      stale: await indexIsStale(db), total: outcome.status === 'results' ? outcome.total : -1,
      innovators: innovators.status === 'results' ? innovators.hits.map((h) => `${h.kind}:${h.slug}`) : [],
    };
  } finally {
    await db.destroy();
  }
}

it('rebuilds the index, says how many items, and records the ICU version', async () => {
  const before = await inspect();
  expect(before.stale).toBe(true);
  expect(before.total).toBeGreaterThan(0);
  expect(before.innovators).toEqual(['innovator:glorybot']);
  const { code, stdout } = await run('reindex');
  expect(code).toBe(0);
  expect(stdout).toMatch(new RegExp(`^reindexed \\d+ items \\(ICU ${ICU_VERSION.replace(/\./g, '\\.')}\\)\\n$`));
  expect(Number(/reindexed (\d+)/.exec(stdout)?.[1])).toBeGreaterThan(20);
  expect(await inspect()).toEqual({ stale: false, total: before.total, innovators: ['innovator:glorybot'] });
});
