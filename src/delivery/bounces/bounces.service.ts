import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { NotFound } from '../../lib/errors.js';
import { emailKey } from '../../members/members.js';
import { recordDeliveryEvent } from '../delivery-events.queries.js';
import { findRecipientByMessageId, findRecipientByVerp, markBounced, type LedgerRef } from '../engine/recipients.queries.js';
import { suppress } from '../suppressions.service.js';
import { unsubscribeWithToken } from '../unsubscribes/unsubscribe.service.js';
import { HARD_BOUNCE_STATUSES } from '../../mail/transport.js';
import { readInbound } from './dsn.js';

// Records what comes back against the right ledger row: the VERP token in the return path
// names it; the original Message-ID (plus the recipient) is the fallback.

/** What happened to one inbound message, for logs and the CLI. */
export interface InboundResult {
  readonly kind: 'bounce' | 'complaint' | 'unsubscribe' | 'delayed' | 'ignored';
  readonly deliveryId: number | null;
  readonly address: string | null;
  readonly suppressed: boolean;
  readonly detail: string;
}

async function locate(db: Database, verpToken: string | null, messageId: string | null, address: string | null): Promise<LedgerRef | undefined> {
  if (verpToken) {
    const row = await findRecipientByVerp(db, verpToken);
    if (row) return row;
  }
  return messageId ? findRecipientByMessageId(db, messageId, address ? emailKey(address) : null) : undefined;
}

/** Reads one inbound message (DSN, complaint, unsubscribe mail) and records it. */
export async function recordInbound(db: Database, clock: Clock, secretKey: string, raw: Buffer | string, envelopeTo: readonly string[] = []): Promise<InboundResult> {
  const report = await readInbound(raw, envelopeTo);
  const now = clock.now().toISOString();
  switch (report.kind) {
    case 'other':
      return { kind: 'ignored', deliveryId: null, address: null, suppressed: false, detail: report.reason };
    case 'unsubscribe': {
      try {
        const contact = await unsubscribeWithToken(db, clock, secretKey, report.token, 'mail');
        return { kind: 'unsubscribe', deliveryId: Number(report.token.split('-')[0]), address: contact.email, suppressed: false, detail: 'unsubscribed by mail' };
      } catch (error) {
        if (error instanceof NotFound) return { kind: 'ignored', deliveryId: null, address: null, suppressed: false, detail: 'unsubscribe token not valid' };
        throw error;
      }
    }
    case 'complaint': {
      const row = await locate(db, report.verpToken, report.originalMessageId, report.address);
      if (!row) return { kind: 'ignored', deliveryId: null, address: report.address, suppressed: false, detail: 'complaint about a message we cannot find' };
      await suppress(db, clock, row.emailKey, { reason: 'complaint', detail: 'feedback report', recipient: row });
      return { kind: 'complaint', deliveryId: row.deliveryId, address: row.emailKey, suppressed: true, detail: 'complaint: address suppressed' };
    }
    case 'bounce': {
      const failed = report.recipients.find((r) => r.action === 'failed' || r.status.startsWith('5.'));
      if (!failed) {
        return { kind: 'delayed', deliveryId: null, address: report.recipients[0]?.address ?? null, suppressed: false, detail: 'not a permanent failure (delayed or relayed): nothing recorded' };
      }
      const row = await locate(db, report.verpToken, report.originalMessageId, failed.address);
      if (!row) return { kind: 'ignored', deliveryId: null, address: failed.address, suppressed: false, detail: 'bounce of a message we cannot find' };
      const detail = [failed.status, failed.diagnostic].filter(Boolean).join(' ').slice(0, 500);
      const hard = HARD_BOUNCE_STATUSES.has(failed.status);
      // The row, its event and (for no such mailbox) the suppression are written together.
      await db.transaction().execute(async (trx) => {
        await markBounced(trx, row.id, `bounced: ${detail}`, now);
        if (hard) await suppress(trx, clock, row.emailKey, { reason: 'hard_bounce', detail, recipient: row });
        else await recordDeliveryEvent(trx, { deliveryId: row.deliveryId, recipientId: row.id, contactId: row.contactId, kind: 'bounce', detail, at: now });
      });
      return { kind: 'bounce', deliveryId: row.deliveryId, address: row.emailKey, suppressed: hard, detail };
    }
  }
}
