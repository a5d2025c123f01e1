// Web bench: start time, throughput, p99 latency and RSS of GET /issues/2024-spring, next to a
// bare node:http baseline serving the same bytes; and the same page for a signed-in member (the
// demo's member@example.com), whose throughput is compared with the public page's in the same
// run (goal ≥ 0.5: the member page comes from the audience cache with its personal parts filled
// per request). Then the archive at 100 times the demo's size (scripts/generate-archive.ts: 400
// issues, 1,600 stories) next to the demo's in the same run: bytes and first render (the first
// request after a start, a fresh render as after any change) of /feed.xml, /issues and the latest
// issue, and a signed-in member's /issues throughput, so a page whose cost grows with the archive
// shows. Run with `npx tsx bench/web.ts`; it prints figures to stderr and exactly one JSON line on
// stdout. It reports, it never asserts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateArchive } from '../scripts/generate-archive.js';

/** The subset of an autocannon histogram the bench reads. */
interface Histogram {
  readonly average: number;
  readonly p50: number;
  readonly p99: number;
}

/** The subset of an autocannon result the bench reads. */
interface AutocannonResult {
  readonly requests: Histogram;
  readonly latency: Histogram;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly duration: number;
}

/** The options the bench passes to autocannon. */
interface AutocannonOptions {
  readonly url: string;
  readonly connections: number;
  readonly duration: number;
  readonly headers?: Record<string, string>;
}

/** The running autocannon instance; `stop` ends it early. */
interface AutocannonInstance {
  stop(): void;
}

/** autocannon's programmatic entry point in its callback form (the package ships no types). */
type Autocannon = (
  options: AutocannonOptions,
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

/** One measurement: mean requests/s and p99 latency in ms. */
interface Measurement {
  readonly rps: number;
  readonly p99Ms: number;
}

/** A started server process and where it listens. */
interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly startMs: number;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const PAGE = '/issues/2024-spring';
const CONNECTIONS = 10;
const SECONDS = readSeconds(process.env.BENCH_SECONDS, 10);
const WARMUP_FETCHES = 300;
const WARMUP_SECONDS = 2;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const BUILD_TIMEOUT_MS = 180_000;
const FETCH_TIMEOUT_MS = 10_000;
const GOALS = { ratio_min: 0.5, member_ratio_min: 0.5, start_ms_max: 1500, rss_mb_max: 150 } as const;
const LISTENING = /^listening on (http:\/\/\S+)\s*$/;

/** Every child this bench started, so cleanup can kill exactly those by pid. */
const children = new Set<ChildProcess>();

/** The temp dir this bench made (DATA_DIR and baseline files), removed on cleanup. */
let tempDir: string | undefined;

/** The script of the baseline server: same bytes, same content-type, for every request. */
const BASELINE_SCRIPT = `
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const body = readFileSync(process.argv[2]);
const contentType = process.argv[3];
const server = createServer((request, response) => {
  response.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
  response.end(body);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write('listening on http://127.0.0.1:' + server.address().port + '\\n');
});
`;

/** Parses BENCH_SECONDS as a positive number of seconds, else the fallback. */
function readSeconds(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Writes one human-readable line to stderr. */
function say(message: string): void {
  process.stderr.write(`[bench:web] ${message}\n`);
}

/** Rounds to a fixed number of decimals. */
function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** The median of a non-empty list of numbers. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/** Resolves when the child exits, or with false after the timeout. */
function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/** Runs `node scripts/build.mjs` (it builds only when src/ changed) and waits for it. */
async function buildIfNeeded(): Promise<void> {
  const child = spawn(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  children.add(child);
  const exited = await waitForExit(child, BUILD_TIMEOUT_MS);
  children.delete(child);
  if (!exited) {
    child.kill('SIGKILL');
    throw new Error(`build did not finish within ${BUILD_TIMEOUT_MS} ms`);
  }
  if (child.exitCode !== 0) throw new Error(`build failed with exit code ${String(child.exitCode)}`);
}

/** The environment for the app: the caller's, pinned to SQLite in dataDir on a free port. */
function appEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO: '1' };
  delete env.DATABASE_URL;
  return env;
}

/** Spawns a node process and resolves once it prints `listening on <url>`, timing spawn → line. */
function startServer(label: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Server> {
  const began = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${label}] ${chunk.toString()}`));
  return new Promise((done, fail) => {
    let pending = '';
    let url: string | undefined;
    const timer = setTimeout(() => failWith(`${label} did not print "listening on" within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    function failWith(message: string): void {
      clearTimeout(timer);
      child.kill('SIGKILL');
      fail(new Error(message));
    }
    child.once('exit', (code, signal) => {
      if (url === undefined) failWith(`${label} exited before listening (code ${String(code)}, signal ${String(signal)})`);
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (url !== undefined) return;
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = LISTENING.exec(line);
        if (match?.[1] === undefined) continue;
        url = match[1];
        clearTimeout(timer);
        done({ child, url, startMs: performance.now() - began });
        return;
      }
    });
  });
}

/** Starts the built app on dataDir. */
function startApp(dataDir: string): Promise<Server> {
  return startServer('app', [join(root, 'dist', 'main.js')], appEnv(dataDir));
}

/** Sends SIGTERM to a child by pid and waits for it to exit; SIGKILL if it will not. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
    say(`pid ${String(child.pid)} ignored SIGTERM for ${STOP_TIMEOUT_MS} ms; sending SIGKILL`);
    child.kill('SIGKILL');
    await waitForExit(child, STOP_TIMEOUT_MS);
  }
  children.delete(child);
}

/** GETs a URL with a timeout and fails on a non-2xx status. */
async function fetchOk(url: string, cookie?: string): Promise<Response> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: cookie ? { cookie } : {} });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response;
}

/** Runs autocannon against url (with a session cookie when given), bounded by a timeout well past its duration. */
function cannon(url: string, seconds: number, cookie?: string): Promise<AutocannonResult> {
  return new Promise((done, fail) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, ...(cookie ? { headers: { cookie } } : {}) }, (error, result) => {
      clearTimeout(timer);
      if (error) fail(error);
      else done(result);
    });
    const timer = setTimeout(() => {
      instance.stop();
      fail(new Error(`autocannon did not finish within ${seconds + 30} s`));
    }, (seconds + 30) * 1000);
  });
}

/** Warms a server up: a few hundred sequential fetches, then a short discarded autocannon run. */
async function warmUp(url: string, cookie?: string): Promise<void> {
  for (let i = 0; i < WARMUP_FETCHES; i++) await (await fetchOk(url, cookie)).arrayBuffer();
  await cannon(url, WARMUP_SECONDS, cookie);
}

/** Measures a warmed server with the configured connections and duration. */
async function measure(label: string, url: string, cookie?: string): Promise<Measurement> {
  const result = await cannon(url, SECONDS, cookie);
  if (result.errors > 0 || result.non2xx > 0) {
    say(`${label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses`);
  }
  const measurement = { rps: round(result.requests.average, 1), p99Ms: round(result.latency.p99, 2) };
  say(`${label}: ${measurement.rps} req/s, p50 ${result.latency.p50} ms, p99 ${measurement.p99Ms} ms (${CONNECTIONS} connections, ${result.duration} s, load average ${loadavg()[0]?.toFixed(2)})`);
  return measurement;
}

/** The resident set size of a pid in MB, from /proc/<pid>/status. */
function readRssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match?.[1] === undefined) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return round(Number(match[1]) / 1024, 1);
}

/** Starts the app once on an empty dataDir so it loads the demo content, then stops it. */
async function loadDemo(dataDir: string): Promise<void> {
  const first = await startApp(dataDir);
  say(`first start (loads the demo into an empty database): ${Math.round(first.startMs)} ms`);
  await stopServer(first.child);
}

/** Starts the app three times on the loaded dataDir; returns the last (running) one and the median start. */
async function timeStarts(dataDir: string): Promise<{ server: Server; startMs: number }> {
  const times: number[] = [];
  let server = await startApp(dataDir);
  for (let run = 1; ; run++) {
    times.push(server.startMs);
    say(`start ${run}: ${Math.round(server.startMs)} ms`);
    if (run === 3) break;
    await stopServer(server.child);
    server = await startApp(dataDir);
  }
  return { server, startMs: Math.round(median(times)) };
}

/** Fetches the page once and returns its exact bytes and content-type. */
async function capturePage(url: string): Promise<{ body: Buffer; contentType: string }> {
  const response = await fetchOk(url);
  const body = Buffer.from(await response.arrayBuffer());
  return { body, contentType: response.headers.get('content-type') ?? 'text/html' };
}

/** Starts the bare node:http baseline in its own node process, serving the captured page. */
function startBaseline(dir: string, body: Buffer, contentType: string): Promise<Server> {
  const script = join(dir, 'baseline.mjs');
  const bodyFile = join(dir, 'baseline-body.bin');
  writeFileSync(script, BASELINE_SCRIPT);
  writeFileSync(bodyFile, body);
  return startServer('baseline', [script, bodyFile, contentType], { ...process.env });
}

/** The cookies a response sets, as a cookie header. */
function cookiesOf(response: Response, existing = ''): string {
  const jar = new Map(existing.split(/;\s*/).filter(Boolean).map((pair) => [pair.split('=')[0]!, pair] as const));
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(';')[0]!;
    jar.set(pair.slice(0, pair.indexOf('=')), pair);
  }
  return [...jar.values()].join('; ');
}

/**
 * Signs the demo's member in the way a person does, with the product's own parts: `insights
 * login-link` prints a one-time link, the link's page has the button, pressing it starts the
 * session. Returns the cookie header.
 */
async function signInMember(appUrl: string, dataDir: string, env: NodeJS.ProcessEnv = appEnv(dataDir)): Promise<string> {
  const cli = spawn(process.execPath, [join(root, 'dist', 'cli', 'insights.js'), 'login-link', 'member@example.com'], { cwd: root, env: { ...env, SITE_URL: appUrl }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(cli);
  let printed = '';
  cli.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  await waitForExit(cli, START_TIMEOUT_MS);
  children.delete(cli);
  const link = /(http:\/\/\S+\/login\/[A-Za-z0-9_-]+)/.exec(printed)?.[1];
  if (!link) throw new Error(`insights login-link printed no link: ${printed}`);
  const page = await fetch(link, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  let cookie = cookiesOf(page);
  const confirmed = await fetch(link, {
    method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf }).toString(),
  });
  cookie = cookiesOf(confirmed, cookie);
  if (confirmed.status !== 303 || !cookie.includes('ii_member=')) throw new Error(`signing in answered ${confirmed.status}`);
  return cookie;
}

/** Runs the built CLI with `args` in `env`; throws with its output unless it exits 0. */
async function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const cli = spawn(process.execPath, [join(root, 'dist', 'cli', 'insights.js'), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(cli);
  let output = '';
  cli.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cli.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = await waitForExit(cli, BUILD_TIMEOUT_MS);
  children.delete(cli);
  if (!exited || cli.exitCode !== 0) throw new Error(`insights ${args.join(' ')} failed: ${output}`);
  return output;
}

/** The pages whose size and first render the scale run compares. */
const SCALE_PAGES = ['/feed.xml', '/issues', '/'] as const;

/** Bytes and ms of each page's first request on a freshly started app (a fresh render). */
async function firstRenders(appUrl: string): Promise<Record<string, { bytes: number; ms: number }>> {
  const figures: Record<string, { bytes: number; ms: number }> = {};
  for (const path of SCALE_PAGES) {
    const began = performance.now();
    const response = await fetchOk(`${appUrl}${path}`);
    const bytes = (await response.arrayBuffer()).byteLength;
    figures[path] = { bytes, ms: round(performance.now() - began, 1) };
    say(`${path}: ${bytes} bytes, first render ${figures[path]!.ms} ms`);
  }
  return figures;
}

/** One archive size: its first renders and a signed-in member's /issues throughput. */
async function archiveFigures(label: string, dataDir: string, env: NodeJS.ProcessEnv): Promise<{ pages: Record<string, { bytes: number; ms: number }>; member_archive_rps: number }> {
  const app = await startServer(label, [join(root, 'dist', 'main.js')], env);
  try {
    say(`${label}:`);
    const pages = await firstRenders(app.url);
    const cookie = await signInMember(app.url, dataDir, env);
    await warmUp(`${app.url}/issues`, cookie);
    const member = await measure(`${label}: signed-in member's /issues`, `${app.url}/issues`, cookie);
    return { pages, member_archive_rps: member.rps };
  } finally {
    await stopServer(app.child);
  }
}

/** The demo's archive against 100 times its size, each on a fresh app. */
async function scaleRun(dir: string): Promise<Record<string, unknown>> {
  const demoData = join(dir, 'data');
  const demo = await archiveFigures('demo archive', demoData, appEnv(demoData));
  const content = join(dir, 'scale-content');
  const made = generateArchive({ dir: content, issues: 400, stories: 1600 });
  const scaleData = join(dir, 'scale-data');
  const env = { ...appEnv(scaleData), DEMO: '0' };
  const began = performance.now();
  await runCli(['import', 'content', content], env);
  await runCli(['import', 'contacts', join(root, 'demo', 'contacts.csv')], env);
  say(`scale archive: ${made.issues} issues and ${made.stories} stories imported in ${Math.round(performance.now() - began)} ms`);
  const large = await archiveFigures('100x archive', scaleData, env);
  return { issues: made.issues, stories: made.stories, demo, large };
}

/** Kills every child still running (by pid) and removes the temp dir. */
function cleanUp(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
  if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
  tempDir = undefined;
}

/** Runs the whole bench and prints the JSON line. */
async function main(): Promise<void> {
  try {
    await buildIfNeeded();
    const dir = mkdtempSync(join(tmpdir(), 'insights-bench-web-'));
    tempDir = dir;
    const dataDir = join(dir, 'data');
    await loadDemo(dataDir);
    const { server: app, startMs } = await timeStarts(dataDir);
    say(`start_ms (median of 3): ${startMs} ms`);

    const appUrl = `${app.url}${PAGE}`;
    await warmUp(appUrl);
    const appResult = await measure('app', appUrl);
    const rssMb = readRssMb(app.child.pid ?? 0);
    say(`app RSS after the public measurement: ${rssMb} MB`);
    // The member page against the public page of the same process: three rounds, each measuring
    // the public page and then the member's, so a change in the machine's load meets both alike;
    // the ratio is the median of the three rounds' ratios.
    const cookie = await signInMember(app.url, dataDir);
    await warmUp(appUrl, cookie);
    const memberPage = await (await fetchOk(appUrl, cookie)).text();
    if (!memberPage.includes('Sign out')) throw new Error('the member page does not show the signed-in header');
    const rounds: { publicRps: number; member: Measurement }[] = [];
    for (let round = 1; round <= 3; round++) {
      const publicRound = await measure(`round ${round}: public`, appUrl);
      const member = await measure(`round ${round}: signed-in member`, appUrl, cookie);
      rounds.push({ publicRps: publicRound.rps, member });
    }
    const memberResult = { rps: round(median(rounds.map((one) => one.member.rps)), 1), p99Ms: round(median(rounds.map((one) => one.member.p99Ms)), 2) };
    const memberRatios = rounds.map((one) => (one.publicRps > 0 ? one.member.rps / one.publicRps : 0));
    say(`app RSS after the member measurements: ${readRssMb(app.child.pid ?? 0)} MB`);
    const page = await capturePage(appUrl);
    say(`page: ${page.body.length} bytes, ${page.contentType}`);
    await stopServer(app.child);

    const baseline = await startBaseline(dir, page.body, page.contentType);
    const baselineUrl = `${baseline.url}${PAGE}`;
    await warmUp(baselineUrl);
    const baselineResult = await measure('baseline', baselineUrl);
    say(`baseline RSS after measurement: ${readRssMb(baseline.child.pid ?? 0)} MB`);
    await stopServer(baseline.child);

    const scale = await scaleRun(dir);

    const ratio = baselineResult.rps > 0 ? round(appResult.rps / baselineResult.rps, 3) : 0;
    const memberRatio = round(median(memberRatios), 3);
    say(`ratio app/baseline: ${ratio} (goal ≥ ${GOALS.ratio_min}); member/public: ${memberRatio} (goal ≥ ${GOALS.member_ratio_min}); start ${startMs} ms (goal ≤ ${GOALS.start_ms_max}); RSS ${rssMb} MB (goal ≤ ${GOALS.rss_mb_max})`);
    const line = {
      bench: 'web',
      rps: appResult.rps,
      p99_ms: appResult.p99Ms,
      member_rps: memberResult.rps,
      member_p99_ms: memberResult.p99Ms,
      member_ratio: memberRatio,
      member_ratios: memberRatios.map((ratio) => round(ratio, 3)),
      baseline_rps: baselineResult.rps,
      baseline_p99_ms: baselineResult.p99Ms,
      ratio,
      start_ms: startMs,
      rss_mb: rssMb,
      connections: CONNECTIONS,
      seconds: SECONDS,
      goals: GOALS,
      scale,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    cleanUp();
  }
}

/** On Ctrl-C or SIGTERM, kill the children and remove the temp dir before exiting. */
function exitOnSignal(signal: NodeJS.Signals): void {
  say(`${signal}: cleaning up`);
  cleanUp();
  process.exit(1);
}

process.once('SIGINT', exitOnSignal);
process.once('SIGTERM', exitOnSignal);

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say(`failed: ${error instanceof Error ? error.message : String(error)}`);
    cleanUp();
    process.exit(1);
  },
);
