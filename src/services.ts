import type { Config, SettingsSeed } from './config.js';
import { connectDatabase } from './db/connect.js';
import { curationJobHandlers, queueDuePolls } from './curation/sources.service.js';
import type { Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { deliveryJobHandlers } from './delivery/delivery-jobs.js';
import type { SenderDeps } from './delivery/engine/sender.js';
import { senderFrom, transportFrom } from './delivery/setup.js';
import type { JobHandlers } from './jobs/jobs.service.js';
import type { PeriodicTasks } from './jobs/periodic.service.js';
import { systemClock, type Clock } from './lib/clock.js';
import { storyImageJobHandlers } from './issues/story-images.service.js';
import { createSafeFetcher, type Resolve, type SafeFetcher } from './lib/safe-fetch.js';
import { mailJobHandlers } from './mail/mail-job.js';
import type { MailTransport } from './mail/transport.js';
import { PURGE_EVERY_MS, purgeExpired } from './privacy/retention.service.js';
import { getSiteSettings } from './settings/settings.service.js';

// The one composition root: the web process (app.ts via main.ts), `insights worker` and every
// CLI command build their parts here, once: the database, the clock, the one mail transport
// (SMTP or the outbox, for newsletters and transactional mail alike), the newsletter sender
// and the job handlers. Nothing else reads the configuration to build a service.

/** What the site is called and where it lives, for links in pages and mail. */
export interface SiteIdentity {
  readonly name: string;
  readonly url: string;
  readonly contactEmail: string | null;
  /** The site settings' environment seeds (settings/), for the settings read where this identity is passed. */
  readonly settingsSeed: SettingsSeed;
}

/** Every service a process runs, built from the configuration. */
export interface Services {
  readonly config: Config;
  readonly db: Database;
  readonly clock: Clock;
  readonly site: SiteIdentity;
  /** The one mail transport. */
  readonly transport: MailTransport;
  /** What sends newsletters (the worker loop, `insights send`, desk test sends). */
  readonly sender: SenderDeps;
  /** Every job kind: transactional mail and test sends. */
  readonly jobHandlers: JobHandlers;
  /** What every job loop runs once per period across processes: the retention purge, the curation poll schedule. */
  readonly periodicTasks: PeriodicTasks;
  /** The one SSRF-guarded fetcher (lib/safe-fetch.ts): feeds, article pages, image imports. */
  readonly fetcher: SafeFetcher;
  /** Closes the transport, and the database when these services opened it. */
  close(): Promise<void>;
}

/** Parts a caller already has (tests pass a test database, a fixed clock, an outbox in a temporary folder). */
export interface ServiceParts {
  readonly db?: Database;
  readonly clock?: Clock;
  readonly transport?: MailTransport;
  /** How the guarded fetcher resolves host names (tests answer every name with 127.0.0.1, so nothing is looked up outside). */
  readonly resolve?: Resolve;
}

/** Builds every service once; opens (and migrates) the configured database unless one is given. */
export async function buildServices(config: Config, parts: ServiceParts = {}): Promise<Services> {
  const db = parts.db ?? (await openMigrated(config));
  const clock = parts.clock ?? systemClock;
  const transport = parts.transport ?? transportFrom(config);
  const sender = senderFrom(config, db, clock, transport);
  const fetcher = createSafeFetcher({ allowHosts: config.fetchAllowHosts, ...(parts.resolve ? { resolve: parts.resolve } : {}) });
  const jobHandlers: JobHandlers = {
    ...mailJobHandlers({ transport, mailFrom: config.mailFrom, messageIdDomain: config.bounceDomain }),
    ...deliveryJobHandlers(sender),
    ...curationJobHandlers({ db, clock, fetcher }),
    ...storyImageJobHandlers({ db, clock, fetcher, mediaDir: config.mediaDir }, { enabled: config.importExternalImages }),
  };
  const site: SiteIdentity = { name: config.siteName, url: config.siteUrl, contactEmail: config.contactEmail, settingsSeed: config.settingsSeed };
  const periodicTasks: PeriodicTasks = {
    'retention.purge': { everyMs: PURGE_EVERY_MS, run: async () => void (await purgeExpired(db, clock, await getSiteSettings(db, site))) },
    'curation.schedule': { everyMs: 60_000, run: async () => void (await queueDuePolls({ db, clock })) },
  };
  return {
    config,
    db,
    clock,
    site,
    transport,
    sender,
    jobHandlers,
    periodicTasks,
    fetcher,
    close: async () => {
      transport.close();
      await fetcher.close();
      if (!parts.db) await db.destroy();
    },
  };
}

async function openMigrated(config: Config): Promise<Database> {
  const db = await connectDatabase(config.database);
  await migrateToLatest(db);
  return db;
}
