import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { senderFrom, transportFrom } from '../../../src/delivery/setup.js';
import { workOnce } from '../../../src/worker.js';
import { TEST_SECRET_KEY } from '../../support/app.js';
import type { E2eSite } from './site.js';

/**
 * One pass of the worker over the site's database, built from a configuration the way
 * `insights worker` builds it: mail goes to `DATA_DIR/outbox` unless `SMTP_URL` names a sink.
 * `env` adds to (or overrides) the defaults below; returns the pass's log lines.
 */
export async function runWorkerPass(site: E2eSite, env: Readonly<Record<string, string>> & { readonly DATA_DIR: string }, options: { readonly workerId?: string; readonly sliceMs?: number } = {}): Promise<string[]> {
  const config = loadConfig({ SECRET_KEY: TEST_SECRET_KEY, SITE_URL: site.app.services.config.siteUrl, MAIL_FROM: 'Innovation Insights <newsletter@insights.test>', SEND_RATE: '1000', ...env });
  const transport = transportFrom(config);
  const logs: string[] = [];
  try {
    await workOnce({ sender: senderFrom(config, site.db, site.clock, transport), log: (line) => logs.push(line), ...(options.sliceMs ? { sliceMs: options.sliceMs } : {}) }, options.workerId ?? 'e2e-worker');
  } finally {
    transport.close();
  }
  return logs;
}

/**
 * A DATA_DIR of the journey file's own for worker passes, made once the site is up (call it from
 * `watchedPagePerTest`'s prepare) and removed after the file: its path, and one pass into it.
 */
export function workerDataDir(name: string): { readonly make: () => void; readonly dir: () => string; readonly pass: (site: E2eSite) => Promise<string[]> } {
  let dir = '';
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    make: () => void (dir = mkdtempSync(join(tmpdir(), `insights-e2e-${name}-`))),
    dir: () => dir,
    pass: (site) => runWorkerPass(site, { DATA_DIR: dir }),
  };
}
