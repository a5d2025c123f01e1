import type { Executor } from '../db/database.js';
import type { ConsentAction, ConsentPurpose, ConsentSourceKind } from '../db/tables/consent.js';
import type { Language } from '../i18n/languages.js';
import type { ConsentEvent } from './consent.js';

// The ledger is append-only: this module inserts and reads, nothing else. Erasure (src/privacy)
// is the one writer that may change a row (it anonymises), and it brings its own statement.

/** Rows per insert statement (13 columns each, far below both engines' parameter limits). */
const ROWS_PER_STATEMENT = 300;

export interface NewConsentEventRow {
  readonly contactId: number;
  readonly purpose: ConsentPurpose;
  readonly action: ConsentAction;
  readonly occurredAt: string;
  readonly sourceKind: ConsentSourceKind;
  readonly source: string;
  readonly wordingId: string | null;
  readonly subjectRef: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** Stores a wording once (its id is a digest of its content, so a second insert is a no-op). */
export async function insertWording(db: Executor, row: { id: string; purpose: ConsentPurpose; language: Language; text: string; createdAt: string }): Promise<void> {
  await db
    .insertInto('consent_wordings')
    .values({ id: row.id, purpose: row.purpose, language: row.language, text: row.text, created_at: row.createdAt })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Appends ledger rows. */
export async function insertConsentEvents(db: Executor, rows: readonly NewConsentEventRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await db
      .insertInto('consent_events')
      .values(
        rows.slice(start, start + ROWS_PER_STATEMENT).map((row) => ({
          contact_id: row.contactId,
          purpose: row.purpose,
          action: row.action,
          occurred_at: row.occurredAt,
          source_kind: row.sourceKind,
          source: row.source,
          wording_id: row.wordingId,
          subject_ref: row.subjectRef,
          ip: row.ip,
          user_agent: row.userAgent,
        })),
      )
      .execute();
  }
}

function eventsWithWording(db: Executor) {
  return db
    .selectFrom('consent_events')
    .leftJoin('consent_wordings', 'consent_wordings.id', 'consent_events.wording_id')
    .select([
      'consent_events.id', 'consent_events.contact_id', 'consent_events.purpose', 'consent_events.action', 'consent_events.occurred_at',
      'consent_events.source_kind', 'consent_events.source', 'consent_events.subject_ref', 'consent_events.ip', 'consent_events.user_agent',
      'consent_events.wording_id', 'consent_wordings.language as wording_language', 'consent_wordings.text as wording_text',
    ]);
}

type EventRow = Awaited<ReturnType<ReturnType<typeof eventsWithWording>['execute']>>[number];

function toEvent(row: EventRow): ConsentEvent {
  return {
    id: row.id,
    contactId: row.contact_id,
    purpose: row.purpose,
    action: row.action,
    occurredAt: row.occurred_at,
    sourceKind: row.source_kind,
    source: row.source,
    subjectRef: row.subject_ref,
    wording: row.wording_id && row.wording_language && row.wording_text !== null ? { id: row.wording_id, purpose: row.purpose, language: row.wording_language, text: row.wording_text } : null,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

/** Every ledger row of a contact, oldest first (ties in insertion order). */
export async function findConsentEventsOfContact(db: Executor, contactId: number): Promise<ConsentEvent[]> {
  const rows = await eventsWithWording(db).where('consent_events.contact_id', '=', contactId).orderBy('consent_events.occurred_at').orderBy('consent_events.id').execute();
  return rows.map(toEvent);
}

/** Every row of one purpose with one of `actions`, oldest first: the export takes the latest per contact. */
export async function findConsentEventsByAction(db: Executor, purpose: ConsentPurpose, actions: readonly ConsentAction[]): Promise<ConsentEvent[]> {
  const rows = await eventsWithWording(db)
    .where('consent_events.purpose', '=', purpose)
    .where('consent_events.action', 'in', actions)
    .where('consent_events.contact_id', 'is not', null)
    .orderBy('consent_events.occurred_at')
    .orderBy('consent_events.id')
    .execute();
  return rows.map(toEvent);
}

/** The latest `requested` newsletter row of a contact: the wording a confirmation link confirms. */
export async function findLatestRequest(db: Executor, contactId: number, purpose: ConsentPurpose): Promise<ConsentEvent | undefined> {
  const row = await eventsWithWording(db)
    .where('consent_events.contact_id', '=', contactId)
    .where('consent_events.purpose', '=', purpose)
    .where('consent_events.action', '=', 'requested')
    .orderBy('consent_events.occurred_at', 'desc')
    .orderBy('consent_events.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toEvent(row);
}
