import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { Invalid } from './lib/errors.js';
import { parseDomainLimits } from './lib/domain-limits.js';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const retentionDays = z.preprocess(emptyAsUndefined, z.coerce.number().int('must be a whole number of days').min(1).max(3650).optional());

/** The environment variables we read, as documented in the README's configuration table. */
const envSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  MEDIA_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave it unset for SQLite)')
      .optional(),
  ),
  SITE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .url()
      .regex(/^https?:\/\//, 'must be an http or https URL')
      .optional(),
  ),
  SECRET_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  ERASURE_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  TRACKING_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  SMTP_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional()),
  MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().default('Innovation Insights <newsletter@localhost>')),
  DKIM_DOMAIN: z.preprocess(emptyAsUndefined, z.string().optional()),
  DKIM_SELECTOR: z.preprocess(emptyAsUndefined, z.string().optional()),
  DKIM_PRIVATE_KEY_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  // Seconds; see docs/delivery.md ("Timeouts"). Keep them well under SEND_LEASE_SECONDS.
  SMTP_CONNECT_TIMEOUT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(600).default(10)),
  SMTP_GREETING_TIMEOUT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(600).default(15)),
  SMTP_SOCKET_TIMEOUT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(600).default(30)),
  SEND_RATE: z.preprocess(emptyAsUndefined, z.coerce.number().positive().default(50)),
  SEND_CONCURRENCY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100).default(5)),
  SEND_LEASE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(86400).default(120)),
  SEND_RETRY_BASE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(86400).default(60)),
  SEND_MAX_ATTEMPTS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(50).default(8)),
  SEND_BREAKER_FAILURES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1000).default(10)),
  SEND_PROBE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(3600).default(30)),
  SEND_DOMAIN_LIMITS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .superRefine((value, ctx) => {
        try {
          parseDomainLimits(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: `${(error as Error).message} (write domain=count/h, separated by commas)` });
        }
      })
      .optional(),
  ),
  SEND_DOMAIN_BACKOFF_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(3600).default(60)),
  // Alarms of a sending delivery: see docs/delivery.md ("Alarms").
  SEND_ALARM_STALL_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(10080).default(15)),
  SEND_ALARM_WINDOW_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1440).default(15)),
  SEND_ALARM_MIN_MESSAGES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1_000_000).default(20)),
  SEND_ALARM_FAILURE_PERCENT: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(100).default(10)),
  SEND_ALARM_DEFERRAL_PERCENT: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(100).default(30)),
  BOUNCE_DOMAIN: z.preprocess(emptyAsUndefined, z.string().regex(/^[a-z0-9.-]+$/i, 'must be a domain name').optional()),
  BOUNCE_HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  BOUNCE_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(2525)),
  // Default: 1 with SQLite (one process serves a chamber), 0 with PostgreSQL (run `insights worker`).
  WORKER: z.preprocess(emptyAsUndefined, flag.optional()),
  DEMO: z.preprocess(emptyAsUndefined, flag.default('1')),
  SITE_NAME: z.preprocess(emptyAsUndefined, z.string().trim().min(1).default('Innovation Insights')),
  CONTACT_EMAIL: z.preprocess(emptyAsUndefined, z.string().email('must be an email address').optional()),
  // Seeds of the site settings (settings/): a value saved in the desk wins over these.
  ORG_NAME: z.preprocess(emptyAsUndefined, z.string().trim().max(200).regex(/^[^\r\n]*$/, 'must be one line').optional()),
  ORG_ADDRESS: z.preprocess(emptyAsUndefined, z.string().max(2000).optional()),
  ORG_EMAIL: z.preprocess(emptyAsUndefined, z.string().email('must be an email address').optional()),
  ORG_PHONE: z.preprocess(emptyAsUndefined, z.string().trim().max(200).regex(/^[^\r\n]*$/, 'must be one line').optional()),
  TRACKING: z.preprocess(emptyAsUndefined, flag.optional()),
  CONSENT_NETWORK_LOG: z.preprocess(emptyAsUndefined, flag.optional()),
  RETAIN_SNAPSHOTS_DAYS: retentionDays,
  RETAIN_ERRORS_DAYS: retentionDays,
  RETAIN_USER_AGENTS_DAYS: retentionDays,
  RETAIN_CLICKS_DAYS: retentionDays,
  RETAIN_RATE_LIMITS_DAYS: retentionDays,
  TRUST_PROXY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^(\d+|true|false|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, 'must be a number of proxy hops, true, false, or addresses of your proxies separated by commas')
      .optional(),
  ),
  // Whether saving a story imports its external images in the background (jobs queue); default on.
  IMPORT_EXTERNAL_IMAGES: z.preprocess(emptyAsUndefined, flag.optional()),
  // Hosts the guarded fetch (lib/safe-fetch.ts) may reach even at private addresses: names or addresses, separated by commas.
  FETCH_ALLOW_HOSTS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\s*[A-Za-z0-9.:\[\]-]+(\s*,\s*[A-Za-z0-9.:\[\]-]+)*\s*$/, 'must be host names or addresses separated by commas')
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

/**
 * What the environment says about the site settings (settings/settings.ts): the organisation
 * (ORG_*), the switches and the retention ages. A value saved in the desk wins over these.
 */
export interface SettingsSeed {
  readonly orgName?: string;
  readonly orgAddress?: string;
  readonly orgEmail?: string;
  readonly orgPhone?: string;
  readonly tracking?: boolean;
  readonly consentNetworkLog?: boolean;
  readonly retainSnapshotsDays?: number;
  readonly retainErrorsDays?: number;
  readonly retainUserAgentsDays?: number;
  readonly retainClicksDays?: number;
  readonly retainRateLimitsDays?: number;
  /** SEND_DOMAIN_LIMITS: the site setting of the same syntax wins when saved in the desk. */
  readonly sendDomainLimits?: string;
}

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** Everything the process needs to know, validated once at start-up. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Where uploaded images are kept (MEDIA_DIR, default DATA_DIR/media): their resized files, served from /media/. */
  readonly mediaDir: string;
  readonly database: DatabaseTarget;
  readonly siteUrl: string;
  readonly secretKey: string;
  /**
   * The key of the keyed hashes that erased addresses are kept as (docs/privacy.md): its own,
   * never SECRET_KEY, so rotating the site's secret does not forget who was erased.
   */
  readonly erasureKey: string;
  /** The key click tokens (`/r/<token>`) are signed with, never SECRET_KEY; unset: one generated once and kept in the database (engagement/). */
  readonly trackingKey?: string | undefined;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly dkim: { domain: string; selector: string; privateKeyFile: string } | undefined;
  /** SMTP connect, greeting and idle-socket timeouts (SMTP_*_TIMEOUT_SECONDS), in ms. */
  readonly smtpTimeouts: { readonly connectMs: number; readonly greetingMs: number; readonly socketMs: number };
  readonly sendRate: number;
  readonly sendConcurrency: number;
  /** How long a sender's claim on a ledger row lasts before another sender may take it back. */
  readonly sendLeaseMs: number;
  /** The first retry after a 4xx waits this long; each later one twice as long. */
  readonly sendRetryBaseMs: number;
  readonly sendMaxAttempts: number;
  /** Transport failures in a row that pause a delivery (the circuit breaker). */
  readonly sendBreakerFailures: number;
  /** The first probe after the breaker paused a delivery waits this long (then twice as long each time, at most 30 min). */
  readonly sendProbeBaseMs: number;
  /** Fixed limits per receiving domain, messages per hour (SEND_DOMAIN_LIMITS; the site setting wins). */
  readonly sendDomainLimits: ReadonlyMap<string, number>;
  /** The wait after a domain's first deferral (doubling with each further one). */
  readonly sendDomainBackoffMs: number;
  /** When a sending delivery alarms (SEND_ALARM_*): no message accepted for `stallMs`, or too many failures or deferrals among the last `windowMs`'s replies (at least `minMessages`). */
  readonly sendAlarms: { readonly stallMs: number; readonly windowMs: number; readonly minMessages: number; readonly failurePercent: number; readonly deferralPercent: number };
  /** The domain of VERP return paths (`bounces+<token>@…`), the unsubscribe mailbox and Message-IDs. */
  readonly bounceDomain: string;
  /** Where `insights worker` listens for bounces and unsubscribe mail (SMTP). */
  readonly bounceHost: string;
  readonly bouncePort: number;
  /**
   * Whether the web process also runs the send loop (scheduled and started sends). Default: yes
   * with SQLite, no with PostgreSQL (several web processes would each send at SEND_RATE); then
   * `insights worker` sends.
   */
  readonly worker: boolean;
  readonly demo: boolean;
  readonly logLevel: string;
  readonly siteName: string;
  readonly contactEmail: string | null;
  /** The site settings' seeds from the environment. */
  readonly settingsSeed: SettingsSeed;
  /** Fastify's trustProxy: which proxies' X-Forwarded-For to believe for the client address. */
  readonly trustProxy: boolean | number | string;
  /**
   * Hosts the guarded fetch (feeds, article pages, image imports) may reach although they resolve
   * to a private or loopback address (FETCH_ALLOW_HOSTS); empty in production.
   */
  readonly fetchAllowHosts: readonly string[];
  /**
   * Whether the worker imports a saved story's external images (IMPORT_EXTERNAL_IMAGES, default
   * on; issues/story-images.service.ts). Off: they stay external until "Import external images".
   */
  readonly importExternalImages: boolean;
}

/**
 * Reads and validates the environment. Bad values throw `Invalid` naming each variable and
 * what to fix; a missing SECRET_KEY is generated once and kept in DATA_DIR.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      where: String(issue.path[0] ?? 'environment'),
      message: issue.message,
    }));
    throw new Invalid('invalid configuration; fix these environment variables:', problems);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const dkimParts = [e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY_FILE];
  if (dkimParts.some(Boolean) && !dkimParts.every(Boolean)) {
    throw new Invalid('invalid configuration: set all of DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE, or none');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    mediaDir: e.MEDIA_DIR ? resolve(e.MEDIA_DIR) : join(dataDir, 'media'),
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', file: join(dataDir, 'insights.sqlite') },
    siteUrl: (e.SITE_URL ?? `http://${hostForUrl(e.HOST)}:${e.PORT}`).replace(/\/+$/, ''),
    secretKey: e.SECRET_KEY ?? readOrCreateSecret(dataDir, SECRET_KEY_FILE),
    erasureKey: e.ERASURE_KEY ?? readOrCreateSecret(dataDir, ERASURE_KEY_FILE),
    trackingKey: e.TRACKING_KEY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    dkim:
      e.DKIM_DOMAIN && e.DKIM_SELECTOR && e.DKIM_PRIVATE_KEY_FILE
        ? { domain: e.DKIM_DOMAIN, selector: e.DKIM_SELECTOR, privateKeyFile: e.DKIM_PRIVATE_KEY_FILE }
        : undefined,
    smtpTimeouts: { connectMs: e.SMTP_CONNECT_TIMEOUT_SECONDS * 1000, greetingMs: e.SMTP_GREETING_TIMEOUT_SECONDS * 1000, socketMs: e.SMTP_SOCKET_TIMEOUT_SECONDS * 1000 },
    sendRate: e.SEND_RATE,
    sendConcurrency: e.SEND_CONCURRENCY,
    sendLeaseMs: e.SEND_LEASE_SECONDS * 1000,
    sendRetryBaseMs: e.SEND_RETRY_BASE_SECONDS * 1000,
    sendMaxAttempts: e.SEND_MAX_ATTEMPTS,
    sendBreakerFailures: e.SEND_BREAKER_FAILURES,
    sendProbeBaseMs: e.SEND_PROBE_SECONDS * 1000,
    sendDomainLimits: parseDomainLimits(e.SEND_DOMAIN_LIMITS ?? ''),
    sendDomainBackoffMs: e.SEND_DOMAIN_BACKOFF_SECONDS * 1000,
    sendAlarms: {
      stallMs: e.SEND_ALARM_STALL_MINUTES * 60_000, windowMs: e.SEND_ALARM_WINDOW_MINUTES * 60_000, minMessages: e.SEND_ALARM_MIN_MESSAGES,
      failurePercent: e.SEND_ALARM_FAILURE_PERCENT, deferralPercent: e.SEND_ALARM_DEFERRAL_PERCENT,
    },
    bounceDomain: (e.BOUNCE_DOMAIN ?? domainOf(e.MAIL_FROM)).toLowerCase(),
    bounceHost: e.BOUNCE_HOST,
    bouncePort: e.BOUNCE_PORT,
    worker: e.WORKER ?? !e.DATABASE_URL,
    demo: e.DEMO,
    logLevel: e.LOG_LEVEL,
    siteName: e.SITE_NAME,
    contactEmail: e.CONTACT_EMAIL ?? null,
    settingsSeed: settingsSeedOf(e),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    fetchAllowHosts: (e.FETCH_ALLOW_HOSTS ?? '').split(',').map((host) => host.trim().toLowerCase()).filter(Boolean),
    importExternalImages: e.IMPORT_EXTERNAL_IMAGES ?? true,
  };
}

/** The settings' seeds that are set; an address's lines are separated by newlines or a literal "\n". */
function settingsSeedOf(e: z.infer<typeof envSchema>): SettingsSeed {
  const address = e.ORG_ADDRESS?.replace(/\\n/g, '\n').replace(/\r\n?/g, '\n').split('\n').map((line) => line.trim()).filter(Boolean).join('\n');
  const seed: Record<string, string | number | boolean | undefined> = {
    orgName: e.ORG_NAME,
    orgAddress: address || undefined,
    orgEmail: e.ORG_EMAIL ?? e.CONTACT_EMAIL,
    orgPhone: e.ORG_PHONE,
    tracking: e.TRACKING,
    consentNetworkLog: e.CONSENT_NETWORK_LOG,
    retainSnapshotsDays: e.RETAIN_SNAPSHOTS_DAYS,
    retainErrorsDays: e.RETAIN_ERRORS_DAYS,
    retainUserAgentsDays: e.RETAIN_USER_AGENTS_DAYS,
    retainClicksDays: e.RETAIN_CLICKS_DAYS,
    retainRateLimitsDays: e.RETAIN_RATE_LIMITS_DAYS,
    sendDomainLimits: e.SEND_DOMAIN_LIMITS,
  };
  return Object.fromEntries(Object.entries(seed).filter(([, value]) => value !== undefined)) as SettingsSeed;
}

/** How a link reaches a process listening on `host`: all interfaces → 127.0.0.1, IPv6 in brackets. */
function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

// The running web process's address, kept in DATA_DIR so that `insights` commands run in another
// shell (where neither SITE_URL nor PORT is set) print links that open on that server.
const SERVER_ADDRESS_FILE = 'server-address.json';
const serverAddressSchema = z.object({ url: z.string().url().regex(/^https?:\/\//), pid: z.number().int().positive() });

/**
 * Records, once the web process listens on `port`, the address its links use (SITE_URL, else
 * http://HOST:port with the port actually bound) in DATA_DIR/server-address.json; returns the
 * function that removes it again on a clean stop (only if it is still this process's).
 */
export function recordServerAddress(config: Config, port: number, env: NodeJS.ProcessEnv = process.env): () => void {
  const url = env.SITE_URL ? config.siteUrl : `http://${hostForUrl(config.host)}:${port}`;
  const file = join(config.dataDir, SERVER_ADDRESS_FILE);
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(`${file}.${process.pid}`, `${JSON.stringify({ url, pid: process.pid })}\n`);
  renameSync(`${file}.${process.pid}`, file);
  return () => {
    if (readServerAddress(file)?.pid === process.pid) rmSync(file, { force: true });
  };
}

/** Where the address in the CLI's links came from (the CLI says so when it is only the default). */
export type LinkAddressSource = 'SITE_URL' | 'PORT' | 'running server' | 'default';

/**
 * The address links printed by the CLI start with: SITE_URL when set; http://HOST:PORT when PORT
 * is set; else the address a web process that is still running recorded in DATA_DIR; else the
 * default http://HOST:3000.
 */
export function linkAddress(config: Config, env: NodeJS.ProcessEnv = process.env): { url: string; source: LinkAddressSource; file: string } {
  const file = join(config.dataDir, SERVER_ADDRESS_FILE);
  if (env.SITE_URL) return { url: config.siteUrl, source: 'SITE_URL', file };
  if (env.PORT) return { url: config.siteUrl, source: 'PORT', file };
  const recorded = readServerAddress(file);
  if (recorded && isRunning(recorded.pid)) return { url: recorded.url.replace(/\/+$/, ''), source: 'running server', file };
  return { url: config.siteUrl, source: 'default', file };
}

function readServerAddress(file: string): z.infer<typeof serverAddressSchema> | undefined {
  try {
    const parsed = serverAddressSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // no file (no server started here) or a torn one: fall back to the default
  }
}

/** A server killed without a clean stop leaves its file behind; its process is gone, so the file is ignored. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, under another user
  }
}

/** The domain of the address in `Name <local@domain>` or `local@domain`. */
function domainOf(mailbox: string): string {
  return /@([^>\s]+)>?\s*$/.exec(mailbox)?.[1] ?? 'localhost';
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((part) => part.trim()).join(',');
}

/** A generated secret survives restarts, so sessions and links stay valid. */
/** The files in DATA_DIR that keep the generated keys (the backup copies them). */
export const SECRET_KEY_FILE = 'secret_key';
export const ERASURE_KEY_FILE = 'erasure_key';

function readOrCreateSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
  return secret;
}
