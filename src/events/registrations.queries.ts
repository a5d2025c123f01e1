import { PostgresAdapter, type Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { EventSettingsTable, EventSubmissionsTable } from '../db/tables/events.js';
import {
  CALL_KINDS, DEFAULT_SETTINGS, type Answer, type CallKind, type EventSettings, type Registration, type RegistrationQuestion,
  type RegistrationStatus, type Submission, type SubmissionStatus,
} from './registrations.js';

// ---- settings ----

export async function findSettings(db: Executor, eventId: number): Promise<EventSettings> {
  const row = await db.selectFrom('event_settings').selectAll().where('event_id', '=', eventId).executeTakeFirst();
  return row ? toSettings(row) : DEFAULT_SETTINGS;
}

export async function findSettingsOf(db: Executor, eventIds: readonly number[]): Promise<Map<number, EventSettings>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db.selectFrom('event_settings').selectAll().where('event_id', 'in', [...eventIds]).execute();
  return new Map(rows.map((row) => [row.event_id, toSettings(row)]));
}

export async function saveSettings(db: Executor, eventId: number, settings: EventSettings, now: string): Promise<void> {
  const values = {
    questions: JSON.stringify(settings.questions),
    waitlist: settings.waitlist ? 1 : 0,
    call_kinds: settings.callKinds.join(','),
    call_closes_at: settings.callClosesAt,
    call_intro: settings.callIntro,
    updated_at: now,
  };
  await db
    .insertInto('event_settings')
    .values({ event_id: eventId, ...values })
    .onConflict((oc) => oc.column('event_id').doUpdateSet(values))
    .execute();
}

function toSettings(row: Selectable<EventSettingsTable>): EventSettings {
  return {
    questions: JSON.parse(row.questions) as RegistrationQuestion[],
    waitlist: Boolean(row.waitlist),
    callKinds: row.call_kinds.split(',').filter((kind): kind is CallKind => (CALL_KINDS as readonly string[]).includes(kind)),
    callClosesAt: row.call_closes_at,
    callIntro: row.call_intro,
  };
}

// ---- registrations ----

/**
 * Locks the event's row until the transaction ends, so counting places and inserting a
 * registration cannot interleave with another registration for the same event. PostgreSQL
 * (and PGlite) take a row lock; SQLite runs one write transaction at a time anyway.
 */
export async function lockEvent(trx: Executor, eventId: number): Promise<void> {
  const postgres = trx.getExecutor().adapter instanceof PostgresAdapter;
  const query = trx.selectFrom('events').select('id').where('id', '=', eventId);
  await (postgres ? query.forUpdate() : query).executeTakeFirst();
}

export async function countByStatus(db: Executor, eventId: number): Promise<Record<RegistrationStatus, number>> {
  const rows = await db
    .selectFrom('event_registrations')
    .select(['status', (eb) => eb.fn.countAll<string | number>().as('count')])
    .where('event_id', '=', eventId)
    .groupBy('status')
    .execute();
  const counts = { confirmed: 0, waitlisted: 0, cancelled: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

export async function findRegistrationRow(db: Executor, eventId: number, contactId: number) {
  return db.selectFrom('event_registrations').selectAll().where('event_id', '=', eventId).where('contact_id', '=', contactId).executeTakeFirst();
}

export async function insertRegistration(db: Executor, row: { eventId: number; contactId: number; status: RegistrationStatus; answers: readonly Answer[]; now: string }): Promise<number> {
  const { id } = await db
    .insertInto('event_registrations')
    .values({
      event_id: row.eventId,
      contact_id: row.contactId,
      status: row.status,
      answers: JSON.stringify(row.answers),
      registered_at: row.now,
      confirmed_at: row.status === 'confirmed' ? row.now : null,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Re-activates a cancelled registration: it joins the end of the queue again. */
export async function renewRegistration(db: Executor, id: number, status: RegistrationStatus, answers: readonly Answer[], now: string): Promise<void> {
  await db
    .updateTable('event_registrations')
    .set({ status, answers: JSON.stringify(answers), registered_at: now, confirmed_at: status === 'confirmed' ? now : null, cancelled_at: null, checked_in_at: null, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function setCancelled(db: Executor, id: number, now: string): Promise<void> {
  await db.updateTable('event_registrations').set({ status: 'cancelled', cancelled_at: now, updated_at: now }).where('id', '=', id).execute();
}

/**
 * The first `limit` people on the waitlist who are still contacts of an active member company,
 * in the order they registered (someone whose membership lapsed keeps their place in the queue
 * but is passed over: a promotion would email them the online link).
 */
export async function firstWaitlisted(db: Executor, eventId: number, limit: number): Promise<number[]> {
  if (limit <= 0) return [];
  const rows = await db
    .selectFrom('event_registrations as r')
    .innerJoin('contacts as c', 'c.id', 'r.contact_id')
    .innerJoin('companies as co', 'co.id', 'c.company_id')
    .select('r.id')
    .where('r.event_id', '=', eventId)
    .where('r.status', '=', 'waitlisted')
    .where('co.membership', '=', 'active')
    .orderBy('r.registered_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

export async function setConfirmed(db: Executor, ids: readonly number[], now: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('event_registrations').set({ status: 'confirmed', confirmed_at: now, updated_at: now }).where('id', 'in', [...ids]).execute();
}

export async function setCheckedIn(db: Executor, id: number, at: string | null, now: string): Promise<void> {
  await db.updateTable('event_registrations').set({ checked_in_at: at, updated_at: now }).where('id', '=', id).execute();
}

const registrationSelect = (db: Executor) =>
  db
    .selectFrom('event_registrations as r')
    .innerJoin('contacts as c', 'c.id', 'r.contact_id')
    .leftJoin('companies as co', 'co.id', 'c.company_id')
    .select([
      'r.id', 'r.event_id', 'r.contact_id', 'c.email', 'c.name', 'co.name as company', 'r.status', 'r.answers', 'r.registered_at',
      'r.confirmed_at', 'r.cancelled_at', 'r.checked_in_at',
    ]);

/** An event's registrations: confirmed, then waitlisted in queue order, then cancelled. */
export async function listRegistrations(db: Executor, eventId: number): Promise<Registration[]> {
  const rows = await registrationSelect(db).where('r.event_id', '=', eventId).orderBy('r.registered_at').orderBy('r.id').execute();
  const order: Record<string, number> = { confirmed: 0, waitlisted: 1, cancelled: 2 };
  return rows.map(toRegistration).sort((a, b) => order[a.status]! - order[b.status]!);
}

export async function findRegistrationById(db: Executor, id: number): Promise<Registration | undefined> {
  const row = await registrationSelect(db).where('r.id', '=', id).executeTakeFirst();
  return row && toRegistration(row);
}

export async function findRegistrationsByIds(db: Executor, ids: readonly number[]): Promise<Registration[]> {
  if (ids.length === 0) return [];
  return (await registrationSelect(db).where('r.id', 'in', [...ids]).orderBy('r.registered_at').orderBy('r.id').execute()).map(toRegistration);
}

function toRegistration(row: {
  id: number; event_id: number; contact_id: number; email: string; name: string; company: string | null; status: RegistrationStatus; answers: string;
  registered_at: string; confirmed_at: string | null; cancelled_at: string | null; checked_in_at: string | null;
}): Registration {
  return {
    id: row.id,
    eventId: row.event_id,
    contactId: row.contact_id,
    email: row.email,
    name: row.name,
    company: row.company,
    status: row.status,
    answers: JSON.parse(row.answers) as Answer[],
    registeredAt: row.registered_at,
    confirmedAt: row.confirmed_at,
    cancelledAt: row.cancelled_at,
    checkedInAt: row.checked_in_at,
  };
}

// ---- submissions ----

export async function insertSubmission(
  db: Executor,
  row: { eventId: number; kind: CallKind; name: string; email: string; organisation: string; title: string; summary: string; withdrawKey: string; now: string },
): Promise<number> {
  const { id } = await db
    .insertInto('event_submissions')
    .values({
      event_id: row.eventId, kind: row.kind, name: row.name, email: row.email, organisation: row.organisation, title: row.title,
      summary: row.summary, status: 'submitted', withdraw_key: row.withdrawKey, created_at: row.now, updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function listSubmissions(db: Executor, eventId: number): Promise<Submission[]> {
  const rows = await db.selectFrom('event_submissions').selectAll().where('event_id', '=', eventId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toSubmission);
}

export async function findSubmission(db: Executor, id: number): Promise<Submission | undefined> {
  const row = await db.selectFrom('event_submissions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSubmission(row);
}

export async function findSubmissionByWithdrawKey(db: Executor, key: string): Promise<Submission | undefined> {
  const row = await db.selectFrom('event_submissions').selectAll().where('withdraw_key', '=', key).executeTakeFirst();
  return row && toSubmission(row);
}

export async function updateSubmission(db: Executor, id: number, values: { status?: SubmissionStatus; reviewNotes?: string; decidedAt?: string | null }, now: string): Promise<void> {
  await db
    .updateTable('event_submissions')
    .set({
      ...(values.status ? { status: values.status } : {}),
      ...(values.reviewNotes !== undefined ? { review_notes: values.reviewNotes } : {}),
      ...(values.decidedAt !== undefined ? { decided_at: values.decidedAt } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

function toSubmission(row: Selectable<EventSubmissionsTable>): Submission {
  return {
    id: row.id,
    eventId: row.event_id,
    kind: row.kind,
    name: row.name,
    email: row.email,
    organisation: row.organisation,
    title: row.title,
    summary: row.summary,
    status: row.status,
    reviewNotes: row.review_notes,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
  };
}

/** Confirmed and waitlisted counts per event (events without registrations are absent). */
export async function countsForEvents(db: Executor, eventIds: readonly number[]): Promise<Map<number, { confirmed: number; waitlisted: number }>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('event_registrations')
    .select(['event_id', 'status', (eb) => eb.fn.countAll<string | number>().as('count')])
    .where('event_id', 'in', [...eventIds])
    .where('status', 'in', ['confirmed', 'waitlisted'])
    .groupBy(['event_id', 'status'])
    .execute();
  const out = new Map<number, { confirmed: number; waitlisted: number }>();
  for (const row of rows) {
    const entry = out.get(row.event_id) ?? { confirmed: 0, waitlisted: 0 };
    out.set(row.event_id, { ...entry, [row.status]: Number(row.count) });
  }
  return out;
}
