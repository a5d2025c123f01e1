import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import type { Clock } from '../../src/lib/clock.js';
import { fixedClock } from '../../src/lib/clock.js';
import type { Resolve } from '../../src/lib/safe-fetch.js';
import { createMailTransport, type MailTransport } from '../../src/mail/transport.js';
import { buildServices } from '../../src/services.js';

export const TEST_SITE_URL = 'http://insights.test';
export const TEST_SECRET_KEY = 'test-secret-key-that-is-long-enough-0123456789';
export const TEST_ERASURE_KEY = 'test-erasure-key-that-is-long-enough-9876543210';

/** A complete configuration for tests: silent, fast sending settings, mail kept in an outbox. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: tmpdir(),
    // Media files are named by their content's hash, so tests may share the folder.
    mediaDir: join(tmpdir(), 'insights-test-media'),
    database: { kind: 'sqlite', file: ':memory:' },
    siteUrl: TEST_SITE_URL,
    secretKey: TEST_SECRET_KEY,
    erasureKey: TEST_ERASURE_KEY,
    smtpUrl: undefined,
    mailFrom: 'Innovation Insights <newsletter@insights.test>',
    dkim: undefined,
    smtpTimeouts: { connectMs: 5000, greetingMs: 5000, socketMs: 10_000 },
    sendRate: 100_000,
    sendConcurrency: 2,
    sendLeaseMs: 60_000,
    sendRetryBaseMs: 30,
    sendMaxAttempts: 10,
    sendBreakerFailures: 10,
    sendProbeBaseMs: 50,
    sendDomainLimits: new Map(),
    sendDomainBackoffMs: 100,
    sendAlarms: { stallMs: 15 * 60_000, windowMs: 15 * 60_000, minMessages: 20, failurePercent: 10, deferralPercent: 30 },
    bounceDomain: 'insights.test',
    bounceHost: '127.0.0.1',
    bouncePort: 0,
    worker: false,
    demo: false,
    logLevel: 'silent',
    siteName: 'Innovation Insights',
    contactEmail: 'innovation@example.org',
    settingsSeed: {},
    trustProxy: false,
    // Tests serve feeds and pages from local servers (the guarded fetch refuses loopback otherwise).
    fetchAllowHosts: ['127.0.0.1'],
    // Saved stories' external images (example.org in fixtures) are not fetched; tests that import turn it on.
    importExternalImages: false,
    ...overrides,
  };
}

/**
 * The test apps' resolver: every host name answers 127.0.0.1, so an address typed into a form
 * (an attack suite's payload that parses as a URL, say) is never looked up or fetched outside;
 * as loopback is not a public address, the guarded fetch refuses it unless the name is allowed.
 */
const loopbackOnly: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];

/** An outbox transport in a new temporary folder (removed with the app). */
export function testOutboxTransport(): MailTransport {
  return createMailTransport({ smtpUrl: undefined, outboxDir: mkdtempSync(join(tmpdir(), 'insights-outbox-')), concurrency: 2, dkim: undefined });
}

/**
 * The apps on each test database, and the outbox they share: a test that runs two apps on one
 * database (at two clocks, say) has two job loops taking the same queue, so a message may be
 * sent by either; with one outbox and a drain of every loop, it is found whichever sent it.
 */
const appsOf = new WeakMap<Database, { apps: Set<App>; outbox: MailTransport }>();

/**
 * The real app on a test database, silent, at a fixed time unless a clock is given; mail goes to
 * the database's temporary outbox (or `transport`) through the app's own job loop.
 */
export async function createTestApp(db: Database, options: { clock?: Clock; siteUrl?: string; transport?: MailTransport; config?: Partial<Config>; logStream?: { write(line: string): void } } = {}): Promise<App> {
  let shared = appsOf.get(db);
  if (!shared) appsOf.set(db, (shared = { apps: new Set(), outbox: testOutboxTransport() }));
  const services = await buildServices(testConfig({ ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}), ...options.config }), {
    db,
    clock: options.clock ?? fixedClock('2026-11-28T12:00:00Z'),
    transport: options.transport ?? shared.outbox,
    resolve: loopbackOnly,
  });
  const app = await buildApp(services, options.logStream ? { logStream: options.logStream } : {});
  await app.http.ready();
  shared.apps.add(app);
  return app;
}

/** Closes a test app; the last app of its database removes their outbox. */
export async function destroyTestApp(app: App): Promise<void> {
  await app.http.close();
  await app.services.close();
  const shared = appsOf.get(app.services.db);
  shared?.apps.delete(app);
  const outbox = app.services.transport.outboxDir;
  const last = !shared || shared.apps.size === 0;
  if (outbox?.includes('insights-outbox-') && (last || app.services.transport !== shared?.outbox)) rmSync(outbox, { recursive: true, force: true });
  if (shared && last) appsOf.delete(app.services.db);
}

/** Waits until no app on this app's database has mail queued or a job pass running. */
async function drainAll(app: App): Promise<void> {
  const apps = [...(appsOf.get(app.services.db)?.apps ?? [app])];
  if (!apps.includes(app)) apps.push(app);
  // Twice round: a job one loop had claimed while another drained is finished by the second round.
  for (let round = 0; round < 2; round++) for (const each of apps) await each.jobs.drain();
}

/** Every message in a test app's outbox, oldest first, as raw RFC 5322 text, once the mail queued so far is sent. */
export async function outboxMessages(app: App): Promise<string[]> {
  await drainAll(app);
  const dir = app.services.transport.outboxDir;
  if (!dir) return [];
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.eml')).sort();
  } catch {
    return [];
  }
  return files.map((file) => readFileSync(join(dir, file), 'utf8'));
}

/** The last link to `path` (e.g. `/login/`) in a message to `address`, read from the outbox once the queued mail is sent. */
export async function lastLinkInOutbox(app: App, address: string, path: string): Promise<string | undefined> {
  const messages = (await outboxMessages(app)).filter((raw) => new RegExp(`^To: .*${address.replace(/[.+]/g, '\\$&')}`, 'mi').test(raw));
  const escaped = path.replace(/[/.]/g, '\\$&');
  for (const raw of messages.reverse()) {
    // Quoted-printable soft line breaks would split a long link; undo them first.
    const text = raw.replace(/=\r?\n/g, '');
    const match = new RegExp(`https?://[^\\s"<>]*${escaped}[A-Za-z0-9_-]+`).exec(text);
    if (match) return new URL(match[0]).pathname;
  }
  return undefined;
}

/** Cookies from a response's set-cookie headers, as a `cookie` request header value. */
export function cookiesFrom(setCookie: string | string[] | undefined, existing = ''): string {
  const jar = new Map(existing.split(/;\s*/).filter(Boolean).map((pair) => [pair.split('=')[0]!, pair] as const));
  for (const header of [setCookie ?? []].flat()) {
    const pair = header.split(';')[0]!;
    const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
    if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join('; ');
}

/** The CSRF token in a page's first form. */
export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in the page');
  return match[1]!;
}

/** The visible text of an HTML page: tags removed, entities decoded, whitespace collapsed. */
export function visibleText(html: string): string {
  return decodeHtml(
    html
      .replace(/<head[\s\S]*?<\/head>/i, ' ')
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Decodes the entities our renderers produce (named basics and numeric). */
export function decodeHtml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}
