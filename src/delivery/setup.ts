import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { Mailer } from '../mail/mailer.js';
import type { DeliveryEnv } from './engine/deliveries.service.js';
import type { SenderDeps } from './engine/sender.js';
import { classifyError, createDeliveryTransport, type DeliveryTransport } from './transport/transport.js';

// Builds the delivery parts from the configuration, once, for the CLI, the worker and the web
// process (the composition roots).

export type DeliveryConfig = Pick<
  Config,
  'smtpUrl' | 'dataDir' | 'dkim' | 'sendConcurrency' | 'sendRate' | 'sendLeaseMs' | 'sendRetryBaseMs' | 'sendMaxAttempts' | 'bounceDomain' | 'mailFrom' | 'secretKey' | 'siteUrl' | 'siteName'
>;

/** Where links point and what ids and return paths are made of. */
export function deliveryEnvFrom(config: DeliveryConfig, db: Database, clock: Clock): DeliveryEnv {
  return { db, clock, secretKey: config.secretKey, site: { name: config.siteName, url: config.siteUrl }, mailDomain: config.bounceDomain };
}

/** The pooled SMTP transport (or the outbox), signing with DKIM when a key is configured. */
export function transportFrom(config: DeliveryConfig): DeliveryTransport {
  const dkim = config.dkim ? { domainName: config.dkim.domain, keySelector: config.dkim.selector, privateKey: readFileSync(config.dkim.privateKeyFile, 'utf8') } : undefined;
  return createDeliveryTransport({ smtpUrl: config.smtpUrl, outboxDir: join(config.dataDir, 'outbox'), concurrency: config.sendConcurrency, dkim });
}

/** Everything a sender needs. */
export function senderFrom(config: DeliveryConfig, db: Database, clock: Clock, transport: DeliveryTransport): SenderDeps {
  return {
    ...deliveryEnvFrom(config, db, clock),
    transport,
    mailFrom: config.mailFrom,
    settings: { concurrency: config.sendConcurrency, rate: config.sendRate, leaseMs: config.sendLeaseMs, retryBaseMs: config.sendRetryBaseMs, maxAttempts: config.sendMaxAttempts },
  };
}

/**
 * Test sends from the desk go through the transactional mailer (the outbox or SMTP_URL), with
 * the same list headers and Message-ID; the web process holds no bulk connection pool. The
 * mailer cannot set the envelope sender, so a test message's return path is MAIL_FROM, not the
 * VERP address: a bounce of a test send goes to the MAIL_FROM mailbox (test sends have no
 * suppression effect anyway).
 */
export function transportFromMailer(mailer: Mailer): DeliveryTransport {
  return {
    describe: mailer.describe,
    send: async (message) => {
      try {
        await mailer.send({ to: message.to, subject: message.subject, text: message.text, html: message.html, headers: { ...message.headers, 'Message-ID': message.messageId } });
        return { ok: true, response: 'accepted' };
      } catch (error) {
        return classifyError(error);
      }
    },
    close: () => undefined,
  };
}
