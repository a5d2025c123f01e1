import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { writeTar } from './tar.js';

// writeTar's archives are read back by the system's tar, byte for byte: folders, empty files,
// sizes that are and are not multiples of a block, and a path longer than ustar's name field.

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'insights-tar-'));
  made.push(dir);
  return dir;
}

it('packs a folder that tar unpacks unchanged', () => {
  const root = folder();
  const deep = join(root, 'media', 'a'.repeat(60), 'b'.repeat(60));
  mkdirSync(deep, { recursive: true });
  const files: Record<string, Buffer> = {
    'empty.txt': Buffer.alloc(0),
    'block.bin': Buffer.alloc(512, 7),
    'odd.bin': Buffer.from(Array.from({ length: 1_500_000 }, (_, index) => index % 251)),
    [join('media', 'a'.repeat(60), 'b'.repeat(60), 'photo-640.webp')]: Buffer.from('ü image'),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(root, name), content);

  const archive = join(folder(), 'backup.tar');
  writeTar(root, archive);
  const out = folder();
  execFileSync('tar', ['-xf', archive, '-C', out]);
  for (const [name, content] of Object.entries(files)) expect(readFileSync(join(out, name)).equals(content), name).toBe(true);
  expect(() => writeTar(root, archive)).toThrow(/EEXIST/);
});
