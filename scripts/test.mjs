#!/usr/bin/env node
// The whole test suite: the type check (tsc) and vitest side by side (vitest's terminal output,
// tsc's after it, plus a JSON report), then one closing line `N passed, N failed` derived from
// the JSON report, which vitest does not print; a failed type check counts as one failure.
// Extra arguments go to vitest (e.g. `npm test -- src/web`).
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './pg-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const report = join(root, '.vitest-report.json');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const started = Date.now();

/** Runs a command; resolves with its exit status, its duration and, when `capture`, its output. */
function run(command, args, { capture = false, env = process.env } = {}) {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.once('error', (error) => resolve({ status: 1, output: `${output}${error.message}\n`, seconds: 0 }));
    child.once('close', (code, signal) => resolve({ status: code ?? (signal ? 1 : 0), output, seconds: (Date.now() - start) / 1000 }));
  });
}

// The type check runs beside vitest; its output is held back until vitest is done, so the two
// do not interleave.
process.stderr.write('type check (tsc) started beside vitest …\n');
const typecheck = run(bin('tsc'), ['-p', join(root, 'tsconfig.check.json')], { capture: true });

// Database tests run on SQLite and one PostgreSQL engine: a real server when one can be started
// here (or TEST_DATABASE_URL names one), else PGlite; the cross-engine tests run on all three
// (test/support/databases.ts).
let postgres;
if (!process.env.TEST_DATABASE_URL) {
  postgres = await startPostgres();
  if (postgres.url) {
    process.env.TEST_DATABASE_URL = postgres.url;
    process.stderr.write(`PostgreSQL: throwaway server at ${postgres.url}\n`);
    // Ctrl-C reaches vitest and tsc too (one process group); the cluster must go with them.
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => { postgres.stop(); process.exit(130); });
  } else {
    process.stderr.write(`PostgreSQL server NOT used (PGlite stands in for it): ${postgres.reason}\n`);
  }
}

// The browser suite (test/e2e, see DEVELOPERS.md) needs Debian's Chromium for test/e2e/browser
// and Java for the Nu Html Checker in test/e2e/html; without them those folders are left out and
// a NOT-run line says so (test/e2e/support/requirements.ts applies the same rules).
const notRun = [];
const excluded = [];
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!isExecutable(chromium)) {
  notRun.push(`Browser suite (test/e2e/browser) NOT run: no Chromium at ${chromium} (Debian: apt-get install chromium fonts-wqy-microhei)`);
  excluded.push('test/e2e/browser/**');
}
const vnuJar = join(root, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const javaMissing = spawnSync('java', ['-version'], { stdio: 'ignore' }).status !== 0;
if (javaMissing || !existsSync(vnuJar)) {
  const why = javaMissing ? 'no java on PATH (Debian: apt-get install default-jre-headless)' : `no ${vnuJar} (npm install)`;
  notRun.push(`HTML validation (test/e2e/html) NOT run: ${why}`);
  excluded.push('test/e2e/html/**');
}
// The second iCalendar parser check (src/events/ical.python.test.ts) needs Debian's
// python3-icalendar, seen by /usr/bin/python3 only; without it that file is left out.
const icalendarMissing = spawnSync('/usr/bin/python3', ['-c', 'import icalendar'], { stdio: 'ignore' }).status !== 0;
if (icalendarMissing) {
  notRun.push('Python iCalendar check (src/events/ical.python.test.ts) NOT run: /usr/bin/python3 cannot import icalendar (Debian: apt-get install python3-icalendar)');
  excluded.push('src/events/ical.python.test.ts');
}
for (const line of notRun) process.stderr.write(`${line}\n`);

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

rmSync(report, { force: true });
let vitest;
try {
  vitest = await run(
    bin('vitest'),
    [
      'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
      ...excluded.map((glob) => `--exclude=${glob}`),
      ...process.argv.slice(2),
    ],
  );
} finally {
  postgres?.stop?.();
}
const tsc = await typecheck;
const typecheckFailed = tsc.status !== 0;
if (tsc.output.trim()) process.stderr.write(`\n${tsc.output}`);
process.stderr.write(typecheckFailed ? 'type check FAILED (errors above)\n' : 'type check passed\n');
process.stderr.write(`times: vitest ${vitest.seconds.toFixed(0)} s, type check ${tsc.seconds.toFixed(0)} s beside it, whole run ${((Date.now() - started) / 1000).toFixed(0)} s\n`);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = (json.numFailedTests ?? 0) + countFilesFailedWithoutFailedTests(json);
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
} else {
  failed = 1;
  process.stderr.write('vitest wrote no report\n');
}
if (typecheckFailed) failed += 1;
// Vitest can fail without a failing test (unhandled errors): the closing line must say so too.
if (vitest.status !== 0 && failed === 0) {
  failed = 1;
  process.stderr.write('vitest failed without a failing test (see "Unhandled Errors" above); counted as 1 failure\n');
}

/**
 * A test file that failed without a failing test (an import error, a failing afterAll) counts
 * as one failure. (vitest's numFailedTestSuites also counts each describe block around a failing
 * test, so it cannot be used for this.)
 */
function countFilesFailedWithoutFailedTests(json) {
  return (json.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
}

// Repeated just above the closing line, where nobody misses it.
for (const line of notRun) process.stdout.write(`${line}\n`);
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 || vitest.status !== 0 || typecheckFailed ? 1 : 0);
