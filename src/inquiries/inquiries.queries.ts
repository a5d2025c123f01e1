import type { Executor } from '../db/database.js';
import type { Inquiry, InquiryInput, InquiryStatus } from './inquiries.js';

const columns = ['id', 'name', 'email', 'company', 'topic', 'message', 'status', 'created_at', 'updated_at'] as const;

type Row = { id: number; name: string; email: string; company: string | null; topic: string; message: string; status: InquiryStatus; created_at: string; updated_at: string };

function toInquiry(row: Row): Inquiry {
  return {
    id: row.id, name: row.name, email: row.email, company: row.company, topic: row.topic, message: row.message,
    status: row.status, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** Stores a new inquiry with status `new`. */
export async function insertInquiry(db: Executor, input: InquiryInput, now: string): Promise<number> {
  const { id } = await db
    .insertInto('inquiries')
    .values({ ...input, status: 'new', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** One inquiry, or undefined. */
export async function findInquiry(db: Executor, id: number): Promise<Inquiry | undefined> {
  const row = await db.selectFrom('inquiries').select(columns).where('id', '=', id).executeTakeFirst();
  return row && toInquiry(row);
}

/** Inquiries, newest first, optionally of one status and topic; at most `limit`. */
export async function listInquiryRows(db: Executor, filter: { status?: InquiryStatus | undefined; topic?: string | undefined }, limit: number): Promise<Inquiry[]> {
  let query = db.selectFrom('inquiries').select(columns);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.topic) query = query.where('topic', '=', filter.topic);
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
