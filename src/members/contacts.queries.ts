import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { compiledOnce } from '../db/compiled-query.js';
import type { DB, Executor } from '../db/database.js';
import { chunksOf, rowsPerStatement } from './batches.js';
import { containsPattern } from '../db/like.js';
import type { Company, Contact, ContactFilter, ContactIdentity, Language, Membership, TopicMode } from './members.js';

const CONTACT_COLUMNS = [
  'contacts.id', 'contacts.email', 'contacts.name', 'contacts.role', 'contacts.language', 'contacts.topic_mode', 'contacts.subscribed', 'contacts.created_at',
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
      : { id: row.company_id, name: row.company_name!, industry: row.company_industry, membership: row.company_membership! };
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    language: row.language,
    company,
    subscribed: row.subscribed === 1,
    topics,
    topicMode: row.topic_mode,
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

// A signed-in request reads its contact: both queries compiled once, then only bound (db/compiled-query.ts).
const contactById = compiledOnce<[number], ContactRow>((db, id) => contactsWithCompany(db).where('contacts.id', '=', id as unknown as number));
const topicsOfContact = compiledOnce<[number], { slug: string }>((db, id) =>
  db
    .selectFrom('contact_topics')
    .innerJoin('topics', 'topics.id', 'contact_topics.topic_id')
    .select(['topics.slug'])
    .where('contact_topics.contact_id', '=', id as unknown as number)
    .orderBy('topics.position'),
);

export async function findContactById(db: Executor, id: number): Promise<Contact | undefined> {
  const [row] = await contactById(db, id);
  return row && toContact(row, (await topicsOfContact(db, row.id)).map((topic) => topic.slug));
}

/**
 * The contact of a live member session, with the session's expiry: one query for every
 * signed-in request (it reads auth's sessions table joined to the contact, rather than two
 * round trips; auth's service still decides about extending the session).
 */
const contactOfSession = compiledOnce<[string, string], ContactRow & { session_expires_at: string }>((db, sessionId, now) =>
  contactsWithCompany(db)
    .innerJoin('sessions', 'sessions.contact_id', 'contacts.id')
    .select('sessions.expires_at as session_expires_at')
    .where('sessions.id', '=', sessionId)
    .where('sessions.kind', '=', 'member')
    .where('sessions.expires_at', '>', now),
);

export async function findSessionContact(db: Executor, sessionId: string, now: string): Promise<{ contact: ContactIdentity; expiresAt: string } | undefined> {
  const [row] = await contactOfSession(db, sessionId, now);
  if (!row) return undefined;
  const { topics: _topics, topicMode: _topicMode, ...contact } = toContact(row, []);
  return { contact, expiresAt: row.session_expires_at };
}



export async function findContactByEmailKey(db: Executor, key: string): Promise<Contact | undefined> {
  const row = await contactsWithCompany(db).where('contacts.email_key', '=', key).executeTakeFirst();
  return row && toContact(row, (await findContactTopics(db, [row.id])).get(row.id) ?? []);
}

export async function updateContactPreferences(
  db: Executor,
  id: number,
  changes: { language: Language; topicMode?: TopicMode; subscribed: boolean; subscriptionChanged: boolean; updatedAt: string },
): Promise<void> {
  await db
    .updateTable('contacts')
    .set({
      language: changes.language,
      ...(changes.topicMode ? { topic_mode: changes.topicMode } : {}),
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
  row: { email: string; emailKey: string; name: string; role?: string; language: Language; companyId: number | null; subscribed: boolean; now: string },
): Promise<number> {
  const inserted = await db
    .insertInto('contacts')
    .values({
      email: row.email,
      email_key: row.emailKey,
      name: row.name,
      role: row.role ?? '',
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

// ---- The desk's list and form, the CSV import and export (bulk statements are chunked). ----

/** Narrows a query on `contacts` by the desk's filter. */
function whereContactMatches<O>(query: SelectQueryBuilder<DB, 'contacts', O>, filter: ContactFilter): SelectQueryBuilder<DB, 'contacts', O> {
  let narrowed = query;
  if (filter.search) {
    const pattern = containsPattern(filter.search);
    narrowed = narrowed.where(sql<SqlBool>`(contacts.email_key like ${pattern} escape '\\' or lower(contacts.name) like ${pattern} escape '\\')`);
  }
  if (filter.companyId !== undefined) narrowed = narrowed.where('contacts.company_id', '=', filter.companyId);
  if (filter.member !== undefined) {
    const member = filter.member;
    narrowed = narrowed.where((eb) => {
      const activeCompanies = eb.selectFrom('companies').select('companies.id').where('companies.membership', '=', 'active');
      return member
        ? eb('contacts.company_id', 'in', activeCompanies)
        : eb.or([eb('contacts.company_id', 'is', null), eb('contacts.company_id', 'not in', activeCompanies)]);
    });
  }
  if (filter.subscribed !== undefined) narrowed = narrowed.where('contacts.subscribed', '=', filter.subscribed ? 1 : 0);
  if (filter.topic !== undefined) {
    const slug = filter.topic;
    narrowed = narrowed.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('contact_topics')
            .innerJoin('topics', 'topics.id', 'contact_topics.topic_id')
            .select('contact_topics.contact_id')
            .whereRef('contact_topics.contact_id', '=', 'contacts.id')
            .where('topics.slug', '=', slug),
        ),
        eb.not(eb.exists(eb.selectFrom('contact_topics').select('contact_topics.contact_id').whereRef('contact_topics.contact_id', '=', 'contacts.id'))),
      ]),
    );
  }
  return narrowed;
}

/** Ids of one page of contacts matching a filter, by address. */
export async function findContactIds(db: Executor, filter: ContactFilter, page: { limit: number; offset: number }): Promise<number[]> {
  const rows = await whereContactMatches(db.selectFrom('contacts').select('contacts.id'), filter)
    .orderBy('contacts.email_key')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => row.id);
}

/** How many contacts match a filter. */
export async function countContacts(db: Executor, filter: ContactFilter): Promise<number> {
  const row = await whereContactMatches(db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')), filter).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Contacts by id, in the order of `ids` (a page, so the list stays short). */
export async function findContactsByIds(db: Executor, ids: readonly number[]): Promise<Contact[]> {
  if (ids.length === 0) return [];
  const rows = await contactsWithCompany(db).where('contacts.id', 'in', [...ids]).execute();
  const topics = await findContactTopics(db, ids);
  const byId = new Map(rows.map((row) => [row.id, toContact(row, topics.get(row.id) ?? [])]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Everything the desk's form changes about a contact. */
export interface ContactDetails {
  readonly email: string;
  readonly emailKey: string;
  readonly name: string;
  readonly role: string;
  readonly language: Language;
  readonly companyId: number | null;
  readonly subscribed: boolean;
}

/** Writes the desk's changes; the subscription timestamp moves only when the state changed. */
export async function updateContactDetails(db: Executor, id: number, details: ContactDetails, subscriptionChanged: boolean, now: string): Promise<void> {
  await db
    .updateTable('contacts')
    .set({
      email: details.email,
      email_key: details.emailKey,
      name: details.name,
      role: details.role,
      language: details.language,
      company_id: details.companyId,
      subscribed: details.subscribed ? 1 : 0,
      updated_at: now,
      ...(subscriptionChanged ? { subscription_changed_at: now } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** What the importer compares a CSV row with. */
export interface StoredContact {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly language: Language;
  readonly companyId: number | null;
}

/** Contacts by address key (absent keys are absent from the map), in bulk. */
export async function findContactsByEmailKeys(db: Executor, keys: readonly string[]): Promise<Map<string, StoredContact>> {
  const found = new Map<string, StoredContact>();
  for (const chunk of chunksOf(keys, rowsPerStatement(1))) {
    const rows = await db.selectFrom('contacts').select(['id', 'email', 'email_key', 'name', 'role', 'language', 'company_id']).where('email_key', 'in', chunk).execute();
    for (const row of rows) found.set(row.email_key, { id: row.id, email: row.email, name: row.name, role: row.role, language: row.language, companyId: row.company_id });
  }
  return found;
}

/** Topic ids per contact, in bulk (contacts without topics are absent). */
export async function findTopicIdsOfContacts(db: Executor, contactIds: readonly number[]): Promise<Map<number, number[]>> {
  const byContact = new Map<number, number[]>();
  for (const chunk of chunksOf(contactIds, rowsPerStatement(1))) {
    const rows = await db.selectFrom('contact_topics').select(['contact_id', 'topic_id']).where('contact_id', 'in', chunk).execute();
    for (const row of rows) {
      const list = byContact.get(row.contact_id);
      if (list) list.push(row.topic_id);
      else byContact.set(row.contact_id, [row.topic_id]);
    }
  }
  return byContact;
}

/** A contact the importer creates. */
export interface NewContactRow {
  readonly email: string;
  readonly emailKey: string;
  readonly name: string;
  readonly role: string;
  readonly language: Language;
  readonly companyId: number | null;
  /** Only with consent on record (the file's `consent` column). */
  readonly subscribed: boolean;
}

/** Inserts many contacts; returns their ids by address key. */
export async function insertContacts(db: Executor, rows: readonly NewContactRow[], now: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const chunk of chunksOf(rows, rowsPerStatement(9))) {
    const inserted = await db
      .insertInto('contacts')
      .values(
        chunk.map((row) => ({
          email: row.email,
          email_key: row.emailKey,
          name: row.name,
          role: row.role,
          language: row.language,
          company_id: row.companyId,
          subscribed: row.subscribed ? 1 : 0,
          subscription_changed_at: now,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'email_key'])
      .execute();
    for (const row of inserted) ids.set(row.email_key, row.id);
  }
  return ids;
}

/** Writes what a CSV row changes about an existing contact (never the subscription). */
export async function updateImportedContact(db: Executor, id: number, row: { name: string; role: string; language: Language; companyId: number | null }, now: string): Promise<void> {
  await db.updateTable('contacts').set({ name: row.name, role: row.role, language: row.language, company_id: row.companyId, updated_at: now }).where('id', '=', id).execute();
}

/** Writes a contact's own role (the account page). */
export async function updateContactRole(db: Executor, id: number, role: string, now: string): Promise<void> {
  await db.updateTable('contacts').set({ role, updated_at: now }).where('id', '=', id).execute();
}

/** Removes every topic choice of the given contacts. */
export async function deleteTopicsOfContacts(db: Executor, contactIds: readonly number[]): Promise<void> {
  for (const chunk of chunksOf(contactIds, rowsPerStatement(1))) {
    await db.deleteFrom('contact_topics').where('contact_id', 'in', chunk).execute();
  }
}

/** Adds topic choices in bulk. */
export async function insertContactTopics(db: Executor, pairs: readonly { contactId: number; topicId: number }[]): Promise<void> {
  for (const chunk of chunksOf(pairs, rowsPerStatement(2))) {
    await db.insertInto('contact_topics').values(chunk.map((pair) => ({ contact_id: pair.contactId, topic_id: pair.topicId }))).execute();
  }
}

/** Every contact as the CSV export writes it, in no particular order. */
export async function listContactsForExport(
  db: Executor,
): Promise<{ id: number; email: string; emailKey: string; name: string; role: string; language: Language; company: { name: string; membership: Membership } | null; topics: string[] }[]> {
  const rows = await contactsWithCompany(db).select('contacts.email_key').execute();
  const topicRows = await db
    .selectFrom('contact_topics')
    .innerJoin('topics', 'topics.id', 'contact_topics.topic_id')
    .select(['contact_topics.contact_id', 'topics.slug', 'topics.position'])
    .execute();
  topicRows.sort((a, b) => a.position - b.position || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const topics = new Map<number, string[]>();
  for (const row of topicRows) {
    const list = topics.get(row.contact_id);
    if (list) list.push(row.slug);
    else topics.set(row.contact_id, [row.slug]);
  }
  return rows.map((row) => {
    const contact = toContact(row, topics.get(row.id) ?? []);
    return {
      id: contact.id,
      email: contact.email,
      emailKey: row.email_key,
      name: contact.name,
      role: contact.role,
      language: contact.language,
      company: contact.company && { name: contact.company.name, membership: contact.company.membership },
      topics: [...contact.topics],
    };
  });
}

/** The topics a company's contacts follow, each with how many of them follow it. */
export async function findTopicsFollowedAtCompany(db: Executor, companyId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('contact_topics')
    .innerJoin('contacts', 'contacts.id', 'contact_topics.contact_id')
    .innerJoin('topics', 'topics.id', 'contact_topics.topic_id')
    .where('contacts.company_id', '=', companyId)
    .select((eb) => ['topics.slug', eb.fn.countAll<number | string | bigint>().as('n')])
    .groupBy('topics.slug')
    .execute();
  return new Map(rows.map((r) => [r.slug, Number(r.n)]));
}
