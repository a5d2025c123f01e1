import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { Invalid, formatProblem } from './lib/errors.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'insights-config-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('has working defaults: SQLite in DATA_DIR, a generated secret kept across starts', () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      database: { kind: 'sqlite', file: join(dataDir, 'insights.sqlite') },
      siteUrl: 'http://127.0.0.1:3000',
      demo: true,
      smtpUrl: undefined,
    });
    expect(config.secretKey.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dataDir, 'secret_key')).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dataDir }).secretKey).toBe(config.secretKey);
    expect(readFileSync(join(dataDir, 'secret_key'), 'utf8').trim()).toBe(config.secretKey);
  });

  it('reads PostgreSQL, SITE_URL and DEMO=0', () => {
    const config = loadConfig({
      DATA_DIR: tempDir(),
      DATABASE_URL: 'postgres://u:p@127.0.0.1/insights',
      SITE_URL: 'https://insights.example.org/',
      DEMO: '0',
      SECRET_KEY: 'x'.repeat(40),
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@127.0.0.1/insights' });
    expect(config.siteUrl).toBe('https://insights.example.org');
    expect(config.demo).toBe(false);
    expect(config.secretKey).toBe('x'.repeat(40));
  });

  it('reads TRUST_PROXY as a hop count, a flag or proxy addresses', () => {
    const dir = tempDir();
    expect(loadConfig({ DATA_DIR: dir }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ DATA_DIR: dir, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ DATA_DIR: dir, TRUST_PROXY: '10.0.0.1, 10.0.0.0/8' }).trustProxy).toBe('10.0.0.1,10.0.0.0/8');
    expect(() => loadConfig({ DATA_DIR: dir, TRUST_PROXY: 'the proxy' })).toThrow(Invalid);
  });

  it('imports external images on save unless IMPORT_EXTERNAL_IMAGES is 0', () => {
    const dir = tempDir();
    expect(loadConfig({ DATA_DIR: dir }).importExternalImages).toBe(true);
    expect(loadConfig({ DATA_DIR: dir, IMPORT_EXTERNAL_IMAGES: '0' }).importExternalImages).toBe(false);
  });

  it('reads FETCH_ALLOW_HOSTS as a list of hosts, empty by default', () => {
    const dir = tempDir();
    expect(loadConfig({ DATA_DIR: dir }).fetchAllowHosts).toEqual([]);
    expect(loadConfig({ DATA_DIR: dir, FETCH_ALLOW_HOSTS: '127.0.0.1, Feeds.Local' }).fetchAllowHosts).toEqual(['127.0.0.1', 'feeds.local']);
    expect(() => loadConfig({ DATA_DIR: dir, FETCH_ALLOW_HOSTS: 'http://x/' })).toThrow(Invalid);
  });

  it('names every bad variable and what to fix', () => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: tempDir(), PORT: 'eighty', SITE_URL: 'ftp://x', DEMO: 'maybe', SECRET_KEY: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Invalid);
    const lines = (error as Invalid).problems.map(formatProblem);
    expect(lines).toHaveLength(4);
    expect(lines.map((line) => line.split(':')[0]).sort()).toEqual(['DEMO', 'PORT', 'SECRET_KEY', 'SITE_URL']);
    expect(lines.join('\n')).toContain('SECRET_KEY: must be at least 32 characters');
  });

  it('requires the DKIM settings together', () => {
    expect(() => loadConfig({ DATA_DIR: tempDir(), DKIM_DOMAIN: 'example.org' })).toThrow(/DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE/);
  });

  it('reads the sending settings with their defaults: lease, retries, bounce domain and intake, the in-process worker', () => {
    const dir = tempDir();
    expect(loadConfig({ DATA_DIR: dir })).toMatchObject({
      sendRate: 50, sendConcurrency: 5, sendLeaseMs: 120_000, sendRetryBaseMs: 60_000, sendMaxAttempts: 8,
      bounceDomain: 'localhost', bounceHost: '127.0.0.1', bouncePort: 2525, worker: true,
    });
    expect(loadConfig({ DATA_DIR: dir, MAIL_FROM: 'News <news@Insights.Example.org>' }).bounceDomain).toBe('insights.example.org');
    expect(
      loadConfig({ DATA_DIR: dir, BOUNCE_DOMAIN: 'bounces.example.org', BOUNCE_PORT: '25', BOUNCE_HOST: '0.0.0.0', SEND_LEASE_SECONDS: '30', SEND_RETRY_BASE_SECONDS: '5', SEND_MAX_ATTEMPTS: '3', WORKER: '0' }),
    ).toMatchObject({ bounceDomain: 'bounces.example.org', bouncePort: 25, bounceHost: '0.0.0.0', sendLeaseMs: 30_000, sendRetryBaseMs: 5_000, sendMaxAttempts: 3, worker: false });
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: 'postgres://u@localhost/insights' }).worker).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: 'postgres://u@localhost/insights', WORKER: '1' }).worker).toBe(true);
    expect(loadConfig({ DATA_DIR: dir, WORKER: '' }).worker).toBe(true);
    expect(() => loadConfig({ DATA_DIR: dir, BOUNCE_DOMAIN: 'not a domain' })).toThrow(Invalid);
    expect(() => loadConfig({ DATA_DIR: dir, SEND_MAX_ATTEMPTS: '0' })).toThrow(Invalid);
  });
});
