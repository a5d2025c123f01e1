import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import type { Language } from '../i18n/languages.js';
import type { DataSubject, Locator, Replacement, RetentionRule, TableEntry } from './privacy.js';

// The registry's SQL: one generic piece that finds, counts, reads, deletes and anonymises the
// rows a registry entry names for a person, on either engine. Table and column names come only
// from the registry (personal-data.ts), never from input; values are bound parameters.

/** The executor without the schema's types: the registry names tables by string. */
function untyped(db: Executor): Kysely<any> {
  return db as unknown as Kysely<any>;
}

/** `value` with LIKE's wildcards escaped (the escape character is a backslash on both engines). */
function likeEscaped(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function matches(by: 'contact' | 'address', column: string, subject: DataSubject): RawBuilder<boolean> | null {
  if (by === 'contact') return subject.contactId === null ? null : sql<boolean>`${sql.ref(column)} = ${subject.contactId}`;
  return sql<boolean>`lower(${sql.ref(column)}) = ${subject.emailKey}`;
}

function condition(locator: Locator, subject: DataSubject): RawBuilder<boolean> | null {
  switch (locator.by) {
    case 'contact':
    case 'address':
      return matches(locator.by, locator.column, subject);
    case 'mentions':
      return sql<boolean>`lower(${sql.ref(locator.column)}) like ${`%${likeEscaped(subject.emailKey)}%`} escape '\\'`;
    case 'json':
      // Payloads are JSON.stringify output (no spaces); the address is compared lower-cased.
      return sql<boolean>`lower(${sql.ref(locator.column)}) like ${`%${likeEscaped(JSON.stringify(locator.field))}:${likeEscaped(JSON.stringify(subject.emailKey))}%`} escape '\\'`;
    case 'member':
      return subject.contactId === null ? null : sql<boolean>`(actor_type = 'member' and actor_id = ${subject.contactId})`;
    case 'subject':
      return subject.contactId === null ? null : sql<boolean>`(subject_type = 'contact' and subject_id = ${subject.contactId})`;
    case 'in': {
      const inner = matches(locator.where.by, locator.where.column, subject);
      return inner === null ? null : sql<boolean>`${sql.ref(locator.column)} in (select ${sql.ref(locator.select)} from ${sql.table(locator.table)} where ${inner})`;
    }
  }
}

/** The WHERE of an entry's rows for a person (its locators OR-ed); null when none can match. */
export function locatedWhere(entry: TableEntry, subject: DataSubject): RawBuilder<boolean> | null {
  const parts = entry.locate.map((locator) => condition(locator, subject)).filter((part): part is RawBuilder<boolean> => part !== null);
  return parts.length === 0 ? null : sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** How many of the entry's rows concern the person. */
export async function countLocated(db: Executor, entry: TableEntry, subject: DataSubject): Promise<number> {
  const where = locatedWhere(entry, subject);
  if (!where) return 0;
  const row = await untyped(db).selectFrom(entry.table).select(sql<number>`count(*)`.as('count')).where(where).executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** The entry's rows for the person, every column but the omitted ones. */
export async function selectLocated(db: Executor, entry: TableEntry, subject: DataSubject): Promise<Record<string, unknown>[]> {
  const where = locatedWhere(entry, subject);
  if (!where) return [];
  const rows: Record<string, unknown>[] = await untyped(db).selectFrom(entry.table).selectAll().where(where).execute();
  const omit = new Set(entry.exportOmits ?? []);
  return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !omit.has(column))));
}

/** Deletes the entry's rows for the person; returns how many. */
export async function deleteLocated(db: Executor, entry: TableEntry, subject: DataSubject): Promise<number> {
  const where = locatedWhere(entry, subject);
  if (!where) return 0;
  const result = await untyped(db).deleteFrom(entry.table).where(where).executeTakeFirst();
  return Number(result.numDeletedRows);
}

function replacement(column: string, value: Replacement, subject: DataSubject | null): RawBuilder<unknown> {
  switch (value) {
    case null:
      return sql`null`;
    case 'empty':
      return sql`''`;
    case 'erased':
      return sql`${'erased:'} || cast(id as text)`;
    case 'contact-ref':
      return sql`${subject === null || subject.contactId === null ? 'erased person' : `contact #${subject.contactId}`}`;
    case 'address-hash':
      if (subject === null) throw new Error('address-hash needs the person');
      return sql`${subject.addressHash}`;
    case 'skip-if-queued':
      return sql`case when ${sql.ref(column)} = 'queued' then 'skipped' else ${sql.ref(column)} end`;
  }
}

/** Overwrites the entry's personal columns of the person's rows; returns how many rows. */
export async function anonymiseLocated(db: Executor, entry: TableEntry, set: Readonly<Record<string, Replacement>>, subject: DataSubject): Promise<number> {
  const where = locatedWhere(entry, subject);
  if (!where) return 0;
  const values = Object.fromEntries(Object.entries(set).map(([column, value]) => [column, replacement(column, value, subject)]));
  const result = await untyped(db).updateTable(entry.table).set(values).where(where).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The contact with this normalised address, if any. */
export async function findContactIdByKey(db: Executor, emailKey: string): Promise<number | null> {
  const row = await db.selectFrom('contacts').select('id').where('email_key', '=', emailKey).executeTakeFirst();
  return row?.id ?? null;
}

/** The contact's normalised address. */
export async function findContactKeyById(db: Executor, id: number): Promise<string | null> {
  const row = await db.selectFrom('contacts').select('email_key').where('id', '=', id).executeTakeFirst();
  return row?.email_key ?? null;
}

/** Whether a staff account has this normalised address. */
export async function isStaffAddress(db: Executor, emailKey: string): Promise<boolean> {
  return (await db.selectFrom('staff').select('id').where('email_key', '=', emailKey).executeTakeFirst()) !== undefined;
}

/** When the address with this hash was erased, if it was. */
export async function findErasure(db: Executor, addressHash: string): Promise<string | null> {
  const row = await db.selectFrom('erased_addresses').select('erased_at').where('address_hash', '=', addressHash).executeTakeFirst();
  return row?.erased_at ?? null;
}

/** Which of these hashes belong to erased addresses. */
export async function findErasedHashes(db: Executor, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const found = new Set<string>();
  for (let start = 0; start < hashes.length; start += 500) {
    const rows = await db.selectFrom('erased_addresses').select('address_hash').where('address_hash', 'in', hashes.slice(start, start + 500)).execute();
    for (const row of rows) found.add(row.address_hash);
  }
  return found;
}

export async function insertErasure(db: Executor, addressHash: string, formerContactId: number | null, at: string): Promise<void> {
  await db.insertInto('erased_addresses').values({ address_hash: addressHash, former_contact_id: formerContactId, erased_at: at }).execute();
}

/** Every hash of erased addresses, oldest first (to re-run erasures after a restore). */
export async function listErasures(db: Executor): Promise<{ addressHash: string; erasedAt: string }[]> {
  const rows = await db.selectFrom('erased_addresses').select(['address_hash', 'erased_at']).orderBy('erased_at').execute();
  return rows.map((row) => ({ addressHash: row.address_hash, erasedAt: row.erased_at }));
}

/**
 * SQLite only: deleted and overwritten content is zeroed on disk instead of left in free pages.
 * Set inside the erasure's transaction so it is the writer connection's setting.
 */
export async function enableSecureDelete(db: Executor): Promise<void> {
  if (!isPostgres(db)) await sql`pragma secure_delete = on`.execute(db);
}

/**
 * SQLite only: copies the WAL into the database file and truncates it, so the pages written
 * before the erasure (which still hold the address) leave the -wal file. Outside a transaction.
 */
export async function checkpointWal(db: Executor): Promise<void> {
  if (!isPostgres(db)) await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}

/**
 * Every distinct normalised address the registry's address columns hold (contacts, ledger,
 * registrations, inquiries, submissions), for re-applying erasures after a restore.
 */
export async function listHeldAddresses(db: Executor, columns: readonly { table: string; column: string }[]): Promise<string[]> {
  const found = new Set<string>();
  for (const { table, column } of columns) {
    const rows: { address: string }[] = await untyped(db).selectFrom(table).select(sql<string>`lower(${sql.ref(column)})`.as('address')).distinct().execute();
    for (const row of rows) if (row.address) found.add(row.address);
  }
  return [...found];
}

/** Records an erasure hash unless it is recorded already; true when it was new. */
export async function insertErasureIfNew(db: Executor, addressHash: string, at: string): Promise<boolean> {
  const row = await db.insertInto('erased_addresses').values({ address_hash: addressHash, former_contact_id: null, erased_at: at }).onConflict((oc) => oc.column('address_hash').doNothing()).returning('address_hash').executeTakeFirst();
  return row !== undefined;
}

/** What a data-request email needs about the contact. */
export async function findContactForMail(db: Executor, id: number): Promise<{ email: string; name: string; language: Language } | undefined> {
  return db.selectFrom('contacts').select(['email', 'name', 'language']).where('id', '=', id).executeTakeFirst();
}

// The retention purge's SQL: a rule's expired rows (older than `before` by the rule's timestamp,
// meeting its filters and, for a clearing rule, not cleared yet), counted, or deleted or
// cleared in batches of `limit` rows (one statement each, short on either engine).

function expiredWhere(rule: RetentionRule, before: string): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [sql<boolean>`${sql.ref(rule.timestamp)} < ${before}`];
  for (const filter of rule.only ?? []) {
    parts.push('in' in filter
      ? sql<boolean>`${sql.ref(filter.column)} in (${sql.join(filter.in.map((value) => sql`${value}`))})`
      : sql<boolean>`${sql.ref(filter.column)} like ${`%${likeEscaped(filter.contains)}%`} escape '\\'`);
  }
  if (rule.action.action === 'clear') {
    // Not cleared yet: some column still differs from what clearing writes.
    const pending = Object.entries(rule.action.set).map(([column, value]) =>
      value === null ? sql<boolean>`${sql.ref(column)} is not null`
      : value === 'empty' ? sql<boolean>`${sql.ref(column)} <> ''`
      : sql<boolean>`${sql.ref(column)} <> ${'erased:'} || cast(${sql.ref(rule.key)} as text)`);
    parts.push(sql<boolean>`(${sql.join(pending, sql` or `)})`);
  }
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** How many of the rule's rows are expired. */
export async function countExpired(db: Executor, rule: RetentionRule, before: string): Promise<number> {
  const row = await untyped(db).selectFrom(rule.table).select(sql<number>`count(*)`.as('count')).where(expiredWhere(rule, before)).executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Deletes or clears up to `limit` expired rows of the rule; returns how many. */
export async function purgeExpiredBatch(db: Executor, rule: RetentionRule, before: string, limit: number): Promise<number> {
  const batch = untyped(db).selectFrom(rule.table).select(sql.ref(rule.key).as('k')).where(expiredWhere(rule, before)).limit(limit);
  const inBatch = sql<boolean>`${sql.ref(rule.key)} in (${batch})`;
  if (rule.action.action === 'delete') {
    const result = await untyped(db).deleteFrom(rule.table).where(inBatch).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
  const values = Object.fromEntries(Object.entries(rule.action.set).map(([column, value]) => [column, replacement(column, value, null)]));
  const result = await untyped(db).updateTable(rule.table).set(values).where(inBatch).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
