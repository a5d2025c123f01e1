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
