import type { Database, Executor } from '../db/database.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { Clock } from '../lib/clock.js';
import type { ConsentPurpose } from '../db/tables/consent.js';
import { newsletterAnswered, wordingId, type ConsentEntry, type ConsentEvent, type ConsentNetwork, type ConsentWording } from './consent.js';
import { findConsentEventsByAction, findConsentEventsOfContact, findLatestRequest, insertConsentEvents, insertWording, type NewConsentEventRow } from './consent.queries.js';

// Recording and reading the consent ledger. Callers record in the same transaction as the change
// the row proves (pass the transaction as `db`). Nothing here updates or deletes a row.

/** Longest user agent kept (browsers send a few hundred characters; the rest is noise). */
const USER_AGENT_MAX = 500;

/** The network fields of a request, or null when the log is off: the one switch every form goes through. */
export function consentNetwork(enabled: boolean, ip: string | null | undefined, userAgent: string | null | undefined): ConsentNetwork | null {
  if (!enabled) return null;
  return { ip: ip ?? null, userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null };
}

async function storeWording(db: Executor, clock: Clock, wording: ConsentWording | null | undefined): Promise<string | null> {
  if (!wording) return null;
  const id = wordingId(wording);
  await insertWording(db, { id, ...wording, createdAt: clock.now().toISOString() });
  return id;
}

function rowOf(clock: Clock, entry: ConsentEntry, wording: string | null): NewConsentEventRow {
  return {
    contactId: entry.contactId,
    purpose: entry.purpose,
    action: entry.action,
    occurredAt: entry.occurredAt ?? clock.now().toISOString(),
    sourceKind: entry.kind,
    source: entry.source.slice(0, 1000),
    wordingId: wording,
    subjectRef: entry.subjectRef ?? null,
    ip: entry.network?.ip ?? null,
    userAgent: entry.network?.userAgent ?? null,
  };
}

/** Appends one ledger row (and its wording, once). */
export async function recordConsent(db: Executor, clock: Clock, entry: ConsentEntry): Promise<void> {
  const wording = await storeWording(db, clock, entry.wording);
  await insertConsentEvents(db, [rowOf(clock, entry, wording)]);
}

/** Appends many rows at once (the contacts import). */
export async function recordConsents(db: Executor, clock: Clock, entries: readonly ConsentEntry[]): Promise<void> {
  const rows: NewConsentEventRow[] = [];
  for (const entry of entries) rows.push(rowOf(clock, entry, await storeWording(db, clock, entry.wording)));
  await insertConsentEvents(db, rows);
}

/**
 * Records the confirmation of a double opt-in: the row names the wording of the latest request
 * (what the person agreed to when they asked), not a wording of the link page.
 */
export async function recordConfirmationOfRequest(db: Executor, clock: Clock, entry: Omit<ConsentEntry, 'action' | 'wording'>): Promise<void> {
  const request = await findLatestRequest(db, entry.contactId, entry.purpose);
  await recordConsent(db, clock, { ...entry, action: 'confirmed', wording: request?.wording ? { purpose: request.wording.purpose, language: request.wording.language, text: request.wording.text } : null });
}

/** Every ledger row of a contact, oldest first: the desk's proof page. */
export function consentEventsOf(db: Executor, contactId: number): Promise<ConsentEvent[]> {
  return findConsentEventsOfContact(db, contactId);
}

/** Whether a contact ever confirmed or withdrew newsletter consent (the consent prompt asks those who did neither). */
export async function newsletterAnsweredBy(db: Executor, contactId: number): Promise<boolean> {
  return newsletterAnswered(await findConsentEventsOfContact(db, contactId));
}

/**
 * The consent in force per contact id: the latest confirmation of a purpose, for contacts whose
 * latest confirmation or withdrawal is a confirmation (the contacts export writes it back, so a
 * withdrawn consent is never carried into another database).
 */
export async function currentConfirmations(db: Executor, purpose: ConsentPurpose): Promise<Map<number, ConsentEvent>> {
  const latest = new Map<number, ConsentEvent>();
  for (const event of await findConsentEventsByAction(db, purpose, ['confirmed', 'withdrawn'])) {
    if (event.action === 'confirmed') latest.set(event.contactId!, event);
    else latest.delete(event.contactId!);
  }
  return latest;
}

// Spreadsheets run a cell that starts with one of these as a formula: such cells get a leading `'`.
const FORMULA_START = /^'*[=+\-@\t\r]/;

function csvCell(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** The columns of the proof CSV. */
export const CONSENT_PROOF_COLUMNS = ['occurred_at', 'purpose', 'action', 'source_kind', 'source', 'subject_ref', 'wording_id', 'wording_language', 'wording_text', 'ip', 'user_agent'] as const;

/**
 * Every ledger row of a contact as CSV (the proof a regulator or the person may ask for); who took
 * it is recorded in the activity log, as for the contacts export.
 */
export async function exportConsentProof(db: Database, clock: Clock, actor: Actor, contact: { id: number; email: string }): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const events = await findConsentEventsOfContact(trx, contact.id);
    await recordActivity(trx, clock, actor, 'consent.export', { type: 'contact', id: contact.id, label: contact.email }, `${events.length} consent rows`);
    const lines = [CONSENT_PROOF_COLUMNS.join(',')];
    for (const event of events) {
      lines.push(
        [event.occurredAt, event.purpose, event.action, event.sourceKind, event.source, event.subjectRef ?? '', event.wording?.id ?? '', event.wording?.language ?? '', event.wording?.text ?? '', event.ip ?? '', event.userAgent ?? '']
          .map(csvCell)
          .join(','),
      );
    }
    return `${lines.join('\n')}\n`;
  });
}

/** Whether a contact's latest confirmation or withdrawal of `purpose` is a confirmation (the consent is in force). */
export async function consentInForce(db: Executor, contactId: number, purpose: ConsentPurpose): Promise<boolean> {
  const answers = (await findConsentEventsOfContact(db, contactId)).filter((event) => event.purpose === purpose && event.action !== 'requested');
  return answers.at(-1)?.action === 'confirmed';
}
