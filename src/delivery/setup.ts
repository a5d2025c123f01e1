import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { DeliveryEnv } from './engine/deliveries.service.js';
import type { SenderDeps } from './engine/sender.js';
import { createMailTransport, type MailTransport } from '../mail/transport.js';

// Builds the delivery parts from the configuration; services.ts (the composition root) calls
// these once per process.

export type DeliveryConfig = Pick<
  Config,
  'smtpUrl' | 'smtpTimeouts' | 'dataDir' | 'dkim' | 'sendConcurrency' | 'sendRate' | 'sendLeaseMs' | 'sendRetryBaseMs' | 'sendMaxAttempts' | 'sendBreakerFailures' | 'sendProbeBaseMs' | 'sendDomainLimits' | 'sendDomainBackoffMs' | 'sendAlarms' | 'bounceDomain' | 'mailFrom' | 'secretKey' | 'trackingKey' | 'siteUrl' | 'siteName' | 'settingsSeed'
>;

/** Where links point and what ids and return paths are made of. */
export function deliveryEnvFrom(config: DeliveryConfig, db: Database, clock: Clock): DeliveryEnv {
  return { db, clock, secretKey: config.secretKey, trackingKey: config.trackingKey, site: { name: config.siteName, url: config.siteUrl, settingsSeed: config.settingsSeed }, mailDomain: config.bounceDomain };
}

/** The one mail transport: pooled SMTP (or the outbox), signing with DKIM when a key is configured. */
export function transportFrom(config: DeliveryConfig): MailTransport {
  const dkim = config.dkim ? { domainName: config.dkim.domain, keySelector: config.dkim.selector, privateKey: readFileSync(config.dkim.privateKeyFile, 'utf8') } : undefined;
  return createMailTransport({ smtpUrl: config.smtpUrl, outboxDir: join(config.dataDir, 'outbox'), concurrency: config.sendConcurrency, dkim, timeouts: config.smtpTimeouts });
}

/** Everything a sender needs. */
export function senderFrom(config: DeliveryConfig, db: Database, clock: Clock, transport: MailTransport): SenderDeps {
  return {
    ...deliveryEnvFrom(config, db, clock),
    transport,
    mailFrom: config.mailFrom,
    settings: { concurrency: config.sendConcurrency, rate: config.sendRate, leaseMs: config.sendLeaseMs, retryBaseMs: config.sendRetryBaseMs, maxAttempts: config.sendMaxAttempts, breakerFailures: config.sendBreakerFailures, probeBaseMs: config.sendProbeBaseMs, domainLimits: config.sendDomainLimits, domainBackoffMs: config.sendDomainBackoffMs, alarms: config.sendAlarms },
  };
}
