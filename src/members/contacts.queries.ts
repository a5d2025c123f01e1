import type { Executor } from '../db/database.js';
import type { Company, Contact, Language, Membership } from './members.js';

const CONTACT_COLUMNS = [
  'contacts.id', 'contacts.email', 'contacts.name', 'contacts.language', 'contacts.subscribed', 'contacts.created_at',
  'contacts.updated_at', 'companies.id as company_id', 'companies.name as company_name', 'companies.industry as company_industry',
  'companies.membership as company_membership',
] as const;

function contactsWithCompany(db: Executor) {
  return db.selectFrom('contacts').leftJoin('companies', 'companies.id', 'contacts.company_id').select(CONTACT_COLUMNS);
}

type ContactRow = Awaited<ReturnType<ReturnType<typeof contactsWithCompany>['executeTakeFirstOrThrow']>>;

function toContact(row: ContactRow, topics: readonly string[]): Contact {
  const company: Company | null =
    row.company_id === null
      ? null
      : { id: row.company_id, name: row.company_name!, industry: row.company_industry, membership: row.company_membership as Membership };
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    language: row.language as Language,
    company,
    subscribed: row.subscribed === 1,
    topics,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Topic slugs per contact, in topic order. */
export async function findContactTopics(db: Executor, contactIds: readonly number[]): Promise<Map<number, string[]>> {
  const byContact = new Map<number, string[]>();
  if (contactIds.length === 0) return byContact;
  const rows = await db
    .selectFrom('contact_topics')
    .innerJoin('topics', 'topics.id', 'contact_topics.topic_id')
    .select(['contact_topics.contact_id', 'topics.slug'])
    .where('contact_topics.contact_id', 'in', contactIds)
    .orderBy('topics.position')
    .execute();
  for (const row of rows) byContact.set(row.contact_id, [...(byContact.get(row.contact_id) ?? []), row.slug]);
  return byContact;
}

export async function findContactById(db: Executor, id: number): Promise<Contact | undefined> {
  const row = await contactsWithCompany(db).where('contacts.id', '=', id).executeTakeFirst();
  return row && toContact(row, (await findContactTopics(db, [row.id])).get(row.id) ?? []);
}

export async function findContactByEmailKey(db: Executor, key: string): Promise<Contact | undefined> {
  const row = await contactsWithCompany(db).where('contacts.email_key', '=', key).executeTakeFirst();
  return row && toContact(row, (await findContactTopics(db, [row.id])).get(row.id) ?? []);
}

export async function updateContactPreferences(
  db: Executor,
  id: number,
  changes: { language: Language; subscribed: boolean; subscriptionChanged: boolean; updatedAt: string },
): Promise<void> {
  await db
    .updateTable('contacts')
    .set({
      language: changes.language,
      subscribed: changes.subscribed ? 1 : 0,
      updated_at: changes.updatedAt,
      ...(changes.subscriptionChanged ? { subscription_changed_at: changes.updatedAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function replaceContactTopics(db: Executor, contactId: number, topicIds: readonly number[]): Promise<void> {
  await db.deleteFrom('contact_topics').where('contact_id', '=', contactId).execute();
  if (topicIds.length > 0) {
    await db.insertInto('contact_topics').values(topicIds.map((topicId) => ({ contact_id: contactId, topic_id: topicId }))).execute();
  }
}

export async function insertContact(
  db: Executor,
  row: { email: string; emailKey: string; name: string; language: Language; companyId: number | null; subscribed: boolean; now: string },
): Promise<number> {
  const inserted = await db
    .insertInto('contacts')
    .values({
      email: row.email,
      email_key: row.emailKey,
      name: row.name,
      language: row.language,
      company_id: row.companyId,
      subscribed: row.subscribed ? 1 : 0,
      subscription_changed_at: row.now,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function setContactSubscribed(db: Executor, id: number, subscribed: boolean, now: string): Promise<void> {
  await db.updateTable('contacts').set({ subscribed: subscribed ? 1 : 0, subscription_changed_at: now, updated_at: now }).where('id', '=', id).execute();
}
