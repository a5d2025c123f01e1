import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkImports as check } from '../scripts/check-imports.mjs';

describe('the layers (docs/ARCHITECTURE.md)', () => {
  it('src/ has no cycles, imports only downwards and uses other domains through their services', () => {
    expect(check(join(import.meta.dirname, '..', 'src'))).toEqual([]);
  });

  const scratch = mkdtempSync(join(tmpdir(), 'insights-layers-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const tree = (files: Record<string, string>) => {
    const root = mkdtempSync(join(scratch, 'src-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  };

  it('names a file cycle, a folder cycle, an upward import and a foreign queries import', () => {
    const problems = check(
      tree({
        'lib/a.ts': "import { b } from '../events/b.js';\nexport const a = 1;\n",
        'events/b.ts': "export { c } from '../programs/c.js';\nexport const b = 2;\n",
        'programs/c.ts': "import type { b } from '../events/b.js';\nexport const c = 3;\n",
        'programs/d.ts': "import { x } from '../events/events.queries.js';\n",
        'events/events.queries.ts': 'export const x = 1;\n',
        'web/page.tsx': "import { y } from '../admin/y.js';\n",
        'admin/y.ts': "import { z } from '../web/z.js';\nexport const y = 1;\n",
        'web/z.ts': 'export const z = 1;\n',
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'file cycle: events/b.ts → programs/c.ts',
        'lib/a.ts imports events/b.ts: "lib" must not depend on "events" (layers point downwards)',
        "programs/d.ts imports events/events.queries.ts: another domain's queries (call its service instead)",
        'web/page.tsx imports admin/y.ts: "web" must not depend on "admin" (layers point downwards)',
        'folder cycle: events ↔ programs',
        'folder cycle: admin ↔ web',
      ]),
    );
  });
});
