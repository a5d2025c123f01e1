import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { Invalid, formatProblem } from '../lib/errors.js';
import { fixedClock } from '../lib/clock.js';
import { exportContent } from './export.service.js';
import { importContent } from './import.service.js';

const clock = fixedClock('2026-11-28T12:00:00Z');
const demoDir = join(import.meta.dirname, '..', '..', 'demo');
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'insights-import-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function readTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const folder of (await readdir(dir)).sort()) {
    // settings.md sits at the top, beside the folders.
    if (folder.endsWith('.md')) {
      files.set(folder, await readFile(join(dir, folder), 'utf8'));
      continue;
    }
    for (const name of (await readdir(join(dir, folder))).sort()) {
      files.set(`${folder}/${name}`, await readFile(join(dir, folder, name), 'utf8'));
    }
  }
  return files;
}

async function countRows(db: ReturnType<Parameters<Parameters<typeof forEachDialect>[1]>[0]['db']>) {
  const tables = ['topics', 'sectors', 'stories', 'sources', 'events', 'programs', 'reports', 'findings', 'issues', 'sections', 'section_items'] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

forEachDialect('content import', ({ db, engine }) => {
  it('imports the demo folder and re-imports it without duplicating anything', async () => {
    const first = await importContent(db(), demoDir, { clock });
    expect(first.issues).toBe(5);
    const before = await countRows(db());
    expect(before.issues).toBe(5);
    await importContent(db(), demoDir, { clock });
    expect(await countRows(db())).toEqual(before);
  });

  it('round-trips: export → import into an empty database → export is byte-identical', async () => {
    const exported = join(scratch, `${engine}-first`);
    await exportContent(db(), exported);
    const { createTestDatabase, destroyTestDatabase } = await import('../../test/support/databases.js');
    const other = await createTestDatabase(engine);
    try {
      await importContent(other, exported, { clock });
      const again = join(scratch, `${engine}-second`);
      await exportContent(other, again);
      const a = await readTree(exported);
      const b = await readTree(again);
      expect([...b.keys()]).toEqual([...a.keys()]);
      for (const [path, text] of a) expect(b.get(path), path).toBe(text);
      // The demo's translations go round too, each exactly as written but for its comment line.
      const translations = [...a.keys()].filter((path) => /\.(de|zh)\.md$/.test(path));
      expect(translations).toHaveLength(12);
      for (const path of translations) {
        const demo = await readFile(join(demoDir, path), 'utf8');
        expect(a.get(path), path).toBe(demo.replace(/^# .*\n/m, ''));
      }
    } finally {
      await destroyTestDatabase(other);
    }
  });

  it('refuses a folder with three broken files, lists every problem with file:line, and writes nothing', async () => {
    const broken = join(scratch, `${engine}-broken`);
    await cp(demoDir, broken, { recursive: true });
    // 1: a story with an unknown kind (front matter line 3)
    await writeFile(join(broken, 'stories', 'broken-kind.md'), '---\ntitle: A broken story\nkind: rumour\n---\nText.\n');
    // 2: an issue whose section names a story that does not exist
    await writeFile(
      join(broken, 'issues', '2025-spring.md'),
      '---\ntitle: 2025 Spring Issue\nseason: spring\nyear: 2025\nstatus: draft\nsections:\n  - kind: news\n    heading: News\n    items:\n      - story: no-such-story\n---\nIntro.\n',
    );
    // 3: an event whose end is before its start, and YAML that is fine otherwise
    await writeFile(
      join(broken, 'events', 'backwards.md'),
      '---\ntitle: Backwards\nstarts: 2024-03-06\nends: 2024-03-04\ntime_zone: Asia/Shanghai\norganiser: external\n---\n',
    );
    const before = await countRows(db());
    const error = await importContent(db(), broken, { clock }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Invalid);
    const lines = (error as Invalid).problems.map(formatProblem);
    expect(lines).toEqual([
      'events/backwards.md:4: ends: must not be before starts',
      expect.stringMatching(/^issues\/2025-spring\.md:10: unknown story "no-such-story"/),
      expect.stringMatching(/^stories\/broken-kind\.md:3: kind: /),
    ]);
    expect(await countRows(db())).toEqual(before);
  });

  it('reports YAML syntax errors, unknown keys and a second members-only line', async () => {
    const dir = join(scratch, `${engine}-syntax`);
    await cp(join(demoDir, 'topics'), join(dir, 'topics'), { recursive: true });
    await cp(join(demoDir, 'sectors'), join(dir, 'sectors'), { recursive: true });
    const stories = join(dir, 'stories');
    await mkdir(stories, { recursive: true });
    await writeFile(join(stories, 'ok.md'), '---\ntitle: Ok\nkind: news\n---\nFine.\n');
    await writeFile(join(stories, 'bad-yaml.md'), '---\ntitle: [unclosed\nkind: news\n---\n');
    await writeFile(join(stories, 'typo.md'), '---\ntitle: Typo\nkind: news\ntopcs:\n  - technology-trends\n---\n');
    await writeFile(
      join(stories, 'two-markers.md'),
      '---\ntitle: Two\nkind: news\n---\nTeaser\n<!-- members-only -->\nSecret\n<!-- members-only -->\nMore\n',
    );
    const error = (await importContent(db(), dir, { clock }).catch((e: unknown) => e)) as Invalid;
    expect(error).toBeInstanceOf(Invalid);
    const lines = error.problems.map(formatProblem);
    expect(lines.some((l) => /^stories\/bad-yaml\.md:\d+: YAML: /.test(l))).toBe(true);
    expect(lines).toContain('stories/typo.md:4: topcs: unknown key');
    expect(lines).toContain('stories/two-markers.md:8: a second members-only line; a body has at most one');
  });

  it('reports impossible dates, local times the clocks skip, and multi-line titles', async () => {
    const dir = join(scratch, `${engine}-dates`);
    await mkdir(join(dir, 'events'), { recursive: true });
    await mkdir(join(dir, 'stories'), { recursive: true });
    const event = (starts: string, ends: string, zone = 'Asia/Shanghai') =>
      `---\ntitle: E\nstarts: ${starts}\nends: ${ends}\ntime_zone: ${zone}\norganiser: own\n---\n`;
    await writeFile(join(dir, 'events', 'feb-30.md'), event('2024-02-30T10:00', '2024-03-01T10:00'));
    await writeFile(join(dir, 'events', 'month-13.md'), event('2024-01-01', '2024-13-01'));
    await writeFile(join(dir, 'events', 'skipped-hour.md'), event('2024-03-31T02:30', '2024-03-31T05:00', 'Europe/Berlin'));
    await writeFile(join(dir, 'stories', 'two-lines.md'), '---\ntitle: "Line one\\n---\\nline three"\nkind: news\n---\n');
    const error = (await importContent(db(), dir, { clock }).catch((e: unknown) => e)) as Invalid;
    expect(error).toBeInstanceOf(Invalid);
    expect(error.problems.map(formatProblem)).toEqual([
      'events/feb-30.md:3: starts: is not a real date or time',
      'events/month-13.md:4: ends: is not a real date or time',
      'events/skipped-hour.md:3: starts: 2024-03-31T02:30 does not exist in Europe/Berlin (the clocks skip that hour)',
      'stories/two-lines.md:2: title: must be on one line',
    ]);
  });
});
