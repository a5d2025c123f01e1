import type { Executor } from '../db/database.js';
import type { Inquiry, InquiryFilter, InquiryInput, InquiryStatus, TopicOwner } from './inquiries.js';

const columns = ['id', 'name', 'email', 'company', 'topic', 'message', 'status', 'created_at', 'updated_at', 'assigned_staff_id'] as const;

type Row = { id: number; name: string; email: string; company: string | null; topic: string; message: string; status: InquiryStatus; created_at: string; updated_at: string; assigned_staff_id: number | null };

function toInquiry(row: Row): Inquiry {
  return {
    id: row.id, name: row.name, email: row.email, company: row.company, topic: row.topic, message: row.message,
    status: row.status, createdAt: row.created_at, updatedAt: row.updated_at, assignedStaffId: row.assigned_staff_id,
  };
}

/** Stores a new inquiry with status `new`, assigned to `assignedStaffId` (or nobody). */
export async function insertInquiry(db: Executor, input: InquiryInput, assignedStaffId: number | null, now: string): Promise<number> {
  const { id } = await db
    .insertInto('inquiries')
    .values({ ...input, status: 'new', created_at: now, updated_at: now, assigned_staff_id: assignedStaffId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** One inquiry, or undefined. */
export async function findInquiry(db: Executor, id: number): Promise<Inquiry | undefined> {
  const row = await db.selectFrom('inquiries').select(columns).where('id', '=', id).executeTakeFirst();
  return row && toInquiry(row);
}

/** Inquiries, newest first, optionally of one status, topic and assignee; at most `limit`. */
export async function listInquiryRows(db: Executor, filter: InquiryFilter, limit: number): Promise<Inquiry[]> {
  let query = db.selectFrom('inquiries').select(columns);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.topic) query = query.where('topic', '=', filter.topic);
  if (filter.assignedTo !== undefined) query = query.where('assigned_staff_id', '=', filter.assignedTo);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toInquiry);
}

/** How many inquiries have each status. */
export async function countInquiriesByStatus(db: Executor): Promise<Record<InquiryStatus, number>> {
  const rows = await db.selectFrom('inquiries').select(['status', (eb) => eb.fn.countAll<number | string>().as('count')]).groupBy('status').execute();
  const counts: Record<InquiryStatus, number> = { new: 0, answered: 0, closed: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

/** Sets an inquiry's status. */
export async function setInquiryStatus(db: Executor, id: number, status: InquiryStatus, now: string): Promise<void> {
  await db.updateTable('inquiries').set({ status, updated_at: now }).where('id', '=', id).execute();
}

/** Every topic's owner (topics nobody owns have no row). */
export async function listTopicOwnerRows(db: Executor): Promise<TopicOwner[]> {
  const rows = await db.selectFrom('inquiry_topic_owners').select(['topic', 'staff_id']).orderBy('topic').execute();
  return rows.map((row) => ({ topic: row.topic as TopicOwner['topic'], staffId: row.staff_id }));
}

/** The owner of one topic, or undefined. */
export async function findTopicOwner(db: Executor, topic: string): Promise<number | undefined> {
  const row = await db.selectFrom('inquiry_topic_owners').select('staff_id').where('topic', '=', topic).executeTakeFirst();
  return row?.staff_id;
}

/** Makes `staffId` the owner of `topic`, or (null) leaves the topic without one. */
export async function writeTopicOwner(db: Executor, topic: string, staffId: number | null, now: string): Promise<void> {
  if (staffId === null) {
    await db.deleteFrom('inquiry_topic_owners').where('topic', '=', topic).execute();
    return;
  }
  await db
    .insertInto('inquiry_topic_owners')
    .values({ topic, staff_id: staffId, updated_at: now })
    .onConflict((oc) => oc.column('topic').doUpdateSet({ staff_id: staffId, updated_at: now }))
    .execute();
}
