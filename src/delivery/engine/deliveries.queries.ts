import type { Database, Executor } from '../../db/database.js';
import { isPostgres } from '../../db/dialect.js';
import { DEFAULT_LANGUAGE, type Language } from '../../i18n/languages.js';
import type { Delivery, DeliveryKind, DeliveryStatus, Edition, EditionImage, EditionTemplates, PauseReason } from '../delivery.js';

// SQL of deliveries: the delivery rows, their compiled edition and their status moves. Every
// move is guarded by the status it starts from, so two callers racing move a delivery once.

const DELIVERY_COLUMNS = [
  'deliveries.id', 'deliveries.issue_id', 'deliveries.edition', 'deliveries.kind', 'deliveries.status', 'deliveries.scheduled_at',
  'deliveries.subject', 'deliveries.started_at', 'deliveries.finished_at', 'deliveries.problem', 'deliveries.created_by', 'deliveries.created_at',
  'deliveries.pause_reason', 'deliveries.probe_at', 'deliveries.probes', 'deliveries.transport_failures', 'deliveries.alarm', 'deliveries.alarm_at',
  'issues.slug as issue_slug', 'issues.title as issue_title', 'deliveries.segment_id', 'segments.name as segment_name', 'deliveries.schedule_zone',
] as const;

type DeliveryRow = {
  id: number; issue_id: number; edition: Edition; kind: DeliveryKind; status: DeliveryStatus; scheduled_at: string | null; subject: string;
  started_at: string | null; finished_at: string | null; problem: string | null; created_by: string; created_at: string; issue_slug: string; issue_title: string;
  pause_reason: PauseReason | null; probe_at: string | null; probes: number; transport_failures: number; alarm: string | null; alarm_at: string | null;
  segment_id: number | null; segment_name: string | null; schedule_zone: string | null;
};

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id, issueId: row.issue_id, issueSlug: row.issue_slug, issueTitle: row.issue_title, edition: row.edition,
    kind: row.kind, status: row.status, scheduledAt: row.scheduled_at, subject: row.subject,
    startedAt: row.started_at, finishedAt: row.finished_at, problem: row.problem, createdBy: row.created_by, createdAt: row.created_at,
    pauseReason: row.pause_reason, probeAt: row.probe_at, probes: Number(row.probes), transportFailures: Number(row.transport_failures), alarm: row.alarm, alarmAt: row.alarm_at,
    segmentId: row.segment_id, segmentName: row.segment_name, scheduleZone: row.schedule_zone,
  };
}

function deliveries(db: Executor) {
  return db.selectFrom('deliveries').innerJoin('issues', 'issues.id', 'deliveries.issue_id').leftJoin('segments', 'segments.id', 'deliveries.segment_id').select(DELIVERY_COLUMNS);
}

/** Writes a delivery row (without its compiled edition); returns its id. */
export async function insertDelivery(
  db: Executor,
  row: { issueId: number; edition: Edition; kind: DeliveryKind; status: DeliveryStatus; scheduledAt: string | null; createdBy: string; now: string; segmentId?: number | null; scheduleZone?: string | null },
): Promise<number> {
  const inserted = await db
    .insertInto('deliveries')
    .values({ issue_id: row.issueId, edition: row.edition, kind: row.kind, status: row.status, scheduled_at: row.scheduledAt, html: null, text: null, started_at: null, finished_at: null, problem: null, created_by: row.createdBy, created_at: row.now, updated_at: row.now, segment_id: row.segmentId ?? null, schedule_zone: row.scheduleZone ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** One delivery with its issue's slug and title. */
export async function findDelivery(db: Executor, id: number): Promise<Delivery | undefined> {
  const row = await deliveries(db).where('deliveries.id', '=', id).executeTakeFirst();
  return row ? toDelivery(row) : undefined;
}

/** Newest first; optionally of one issue. */
export async function findDeliveries(db: Executor, filter: { issueId?: number; limit: number }): Promise<Delivery[]> {
  let query = deliveries(db).orderBy('deliveries.id', 'desc').limit(filter.limit);
  if (filter.issueId !== undefined) query = query.where('deliveries.issue_id', '=', filter.issueId);
  return (await query.execute()).map(toDelivery);
}

/** The newest real send of an issue's edition (to a segment, or to everyone of it: null) that was not cancelled. */
export async function findOpenSend(db: Executor, issueId: number, edition: Edition, segmentId: number | null = null): Promise<Delivery | undefined> {
  const row = await deliveries(db)
    .where('deliveries.issue_id', '=', issueId)
    .where('deliveries.edition', '=', edition)
    .where('deliveries.segment_id', segmentId === null ? 'is' : '=', segmentId)
    .where('deliveries.kind', '=', 'send')
    .where('deliveries.status', '!=', 'cancelled')
    .orderBy('deliveries.id', 'desc')
    .executeTakeFirst();
  return row ? toDelivery(row) : undefined;
}

/**
 * Locks one delivery row for the rest of the transaction; call it first. PostgreSQL: SELECT …
 * FOR UPDATE, so "retry failed" and "finish when complete" on the same delivery run one after the
 * other (each then sees the other's committed rows). SQLite: a no-change write, so the
 * transaction takes the write lock before it reads anything; a read first would pin a snapshot
 * and fail with SQLITE_BUSY_SNAPSHOT (busy_timeout does not help) when another process (a CLI
 * send) commits in between.
 */
export async function lockDelivery(db: Executor, id: number): Promise<void> {
  if (isPostgres(db)) await db.selectFrom('deliveries').select('id').where('id', '=', id).forUpdate().execute();
  else await db.updateTable('deliveries').set((eb) => ({ id: eb.ref('id') })).where('id', '=', id).execute();
}

/** Scheduled sends whose time has come (never test sends: those start with their addresses, in one transaction). */
export async function findDueScheduled(db: Executor, now: string): Promise<number[]> {
  const rows = await db.selectFrom('deliveries').select('id').where('kind', '=', 'send').where('status', '=', 'scheduled').where('scheduled_at', '<=', now).orderBy('scheduled_at').execute();
  return rows.map((row) => row.id);
}

/** Counts one transport failure of a sending delivery; returns the count in a row (0: it is not sending). */
export async function addTransportFailure(db: Executor, id: number, now: string): Promise<number> {
  const row = await db
    .updateTable('deliveries')
    .set((eb) => ({ transport_failures: eb('transport_failures', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .returning('transport_failures')
    .executeTakeFirst();
  return row ? Number(row.transport_failures) : 0;
}

/** A message went through: the failures in a row start again from 0. */
export async function clearTransportFailures(db: Executor, id: number): Promise<void> {
  await db.updateTable('deliveries').set({ transport_failures: 0 }).where('id', '=', id).where('transport_failures', '>', 0).execute();
}

/** Deliveries the breaker paused whose probe is due. */
export async function findProbesDue(db: Executor, now: string): Promise<number[]> {
  const rows = await db.selectFrom('deliveries').select('id').where('status', '=', 'paused').where('pause_reason', '=', 'transport').where('probe_at', '<=', now).orderBy('id').execute();
  return rows.map((row) => row.id);
}

/** Takes the probe of a paused delivery for `until` (one process probes at a time); whether this caller got it. */
export async function takeProbe(db: Executor, id: number, now: string, until: string): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({ probe_at: until })
    .where('id', '=', id)
    .where('status', '=', 'paused')
    .where('pause_reason', '=', 'transport')
    .where('probe_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The probe failed: the next one at `probeAt`, with the latest reply in the reason. */
export async function probeFailed(db: Executor, id: number, probeAt: string, problem: string, now: string): Promise<void> {
  await db
    .updateTable('deliveries')
    .set((eb) => ({ probe_at: probeAt, probes: eb('probes', '+', 1), problem, updated_at: now }))
    .where('id', '=', id)
    .where('status', '=', 'paused')
    .where('pause_reason', '=', 'transport')
    .execute();
}

/** Deliveries with rows to send. */
export async function findSendingIds(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('deliveries').select('id').where('status', '=', 'sending').orderBy('id').execute();
  return rows.map((row) => row.id);
}

/** Why a delivery pauses itself: the text shown, its kind, and (the breaker) when the worker first probes. */
export interface PauseProblem {
  readonly text: string;
  readonly reason: PauseReason;
  readonly probeAt?: string;
}

/**
 * Moves a delivery to `status` if it is in one of `from`; returns whether it moved. `problem`
 * says why it paused by itself (any other move clears it, and the breaker's count and probes).
 */
export async function updateDeliveryStatus(db: Executor, id: number, from: readonly DeliveryStatus[], status: DeliveryStatus, now: string, problem: PauseProblem | null = null): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({
      status, problem: problem?.text ?? null, pause_reason: problem?.reason ?? null, probe_at: problem?.probeAt ?? null, probes: 0, transport_failures: 0, updated_at: now,
      ...(status === 'done' || status === 'cancelled' ? { finished_at: now, alarm: null, alarm_at: null } : {}),
    })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Stores the compiled editions (one row per language) and starts the delivery. The delivery row
 * keeps the subject the desk shows: the site's language's, or the first compiled.
 */
export async function startDeliveryRow(db: Executor, id: number, templates: EditionTemplates, now: string): Promise<void> {
  const shown = templates.get(DEFAULT_LANGUAGE) ?? [...templates.values()][0];
  await db
    .updateTable('deliveries')
    .set({ subject: shown?.subject ?? '', status: 'sending', started_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
  const rows = [...templates].map(([language, template]) => ({ delivery_id: id, language, subject: template.subject, html: template.blocks?.html ?? template.html, text: template.blocks?.text ?? template.text }));
  // With its block markers (topic variants are assembled from them at send time: render/topic-blocks.ts).
  if (rows.length > 0) await db.insertInto('delivery_templates').values(rows).execute();
  const images = [...templates].flatMap(([language, template]) =>
    (template.images ?? []).map((image, index) => ({ delivery_id: id, language, position: index + 1, cid: image.cid, filename: image.filename, content_type: image.contentType, content: image.content.toString('base64') })),
  );
  if (images.length > 0) await db.insertInto('delivery_images').values(images).execute();
}

/**
 * The compiled editions a delivery sends, by language, once it has started (empty before). A
 * delivery started before templates were stored per language has its one template on its row:
 * that is the English one, the language all of its ledger rows have.
 */
export async function findDeliveryTemplates(db: Executor, id: number): Promise<EditionTemplates> {
  const rows = await db.selectFrom('delivery_templates').select(['language', 'subject', 'html', 'text']).where('delivery_id', '=', id).execute();
  if (rows.length > 0) {
    const images = await db.selectFrom('delivery_images').select(['language', 'cid', 'filename', 'content_type', 'content']).where('delivery_id', '=', id).orderBy('language').orderBy('position').execute();
    const imagesOf = (language: Language): EditionImage[] =>
      images.filter((image) => image.language === language).map((image) => ({ cid: image.cid, filename: image.filename, contentType: 'image/png', content: Buffer.from(image.content, 'base64') }));
    return new Map(rows.map((row) => [row.language, { subject: row.subject, html: row.html, text: row.text, images: imagesOf(row.language) }]));
  }
  const legacy = await db.selectFrom('deliveries').select(['subject', 'html', 'text']).where('id', '=', id).executeTakeFirst();
  return legacy && legacy.html !== null && legacy.text !== null ? new Map([[DEFAULT_LANGUAGE, { subject: legacy.subject, html: legacy.html, text: legacy.text }]]) : new Map();
}


/** Marks a sending delivery done once no row is queued or claimed (after locking it: see lockDelivery). */
export async function finishIfComplete(db: Database, deliveryId: number, now: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockDelivery(trx, deliveryId);
    return finishIfCompleteLocked(trx, deliveryId, now);
  });
}

async function finishIfCompleteLocked(db: Executor, deliveryId: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'done', finished_at: now, updated_at: now })
    .where('id', '=', deliveryId)
    .where('status', '=', 'sending')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('delivery_recipients').select('id').where('delivery_id', '=', deliveryId).where('state', 'in', ['queued', 'sending']))),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

