#!/usr/bin/env node
// Builds dist/ from src/ with tsc when anything in src/ (or the build config) is newer than the
// last build, and copies the web assets. `node scripts/build.mjs --force` always builds.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds when needed; returns true when it built. Exits the process when tsc fails. */
export function buildIfNeeded({ force = false } = {}) {
  const sourcesChanged =
    !existsSync(stamp) ||
    Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'tsconfig.json')), newestMtime(join(root, 'package.json'))) >
      statSync(stamp).mtimeMs;
  if (!force && !sourcesChanged) return false;
  process.stderr.write('building dist/ from src/ …\n');
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], {
    stdio: 'inherit',
  });
  if (tsc.status !== 0) {
    process.stderr.write('build failed: fix the TypeScript errors above\n');
    process.exit(1);
  }
  cpSync(join(root, 'src', 'web', 'assets'), join(root, 'dist', 'web', 'assets'), { recursive: true });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildIfNeeded({ force: process.argv.includes('--force') });
}
