import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { findErasedAddresses } from '../privacy/erasure.service.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { getTopics, resolveTopicIds } from '../content/taxonomy.service.js';
import { findCompaniesByKeys, insertCompanies, setCompaniesMembership, type CompanyRow } from './companies.queries.js';
import {
  deleteTopicsOfContacts, findContactsByEmailKeys, findTopicIdsOfContacts, insertContacts, insertContactTopics, updateImportedContact, type StoredContact,
} from './contacts.queries.js';
import { parseContactsCsv, type ContactsCsvRow } from './contacts-csv.js';
import { importConsentSource } from './contacts-csv-consent.js';
import type { ConsentEntry } from '../consent/consent.js';
import { recordConsents } from '../consent/consent.service.js';
import type { Membership } from './members.js';

// Imports a contacts CSV all or nothing: every row is checked first and every problem reported
// with its line; only a clean file is written, in one transaction, with bulk statements.
// Re-importing updates contacts by address (compared without regard to case): name, role (when the file has the `role` column), company,
// language and topics follow the file. The subscription is never changed by an import: existing
// contacts keep their state, so an unsubscribe always sticks; a new contact is subscribed only
// when its row has a `consent` (contacts-csv-consent.ts), which the consent ledger then records
// as `confirmed` on that date; without one it is imported not subscribed (members still read on
// the web), and the summary counts them.

/** What a changed row does, for the dry run's preview. */
export interface ContactChange {
  readonly line: number;
  readonly email: string;
  readonly action: 'create' | 'update';
  /** For updates: the columns that change. */
  readonly fields: readonly ('name' | 'role' | 'company' | 'language' | 'topics')[];
}

/** What an import did (or, for a dry run, would do). */
export interface ContactsImportSummary {
  readonly dryRun: boolean;
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly companiesCreated: number;
  /** Existing companies whose membership the file changes. */
  readonly membershipsChanged: number;
  /** New contacts without a `consent` value: imported not subscribed to the newsletter. */
  readonly notSubscribed: number;
  /** The first changed rows, in file order (see `previewLimit`). */
  readonly changes: readonly ContactChange[];
  /** Lines of rows skipped as "suppressed (erased)": the address was erased (docs/privacy.md) and is never imported again. */
  readonly erasedLines: readonly number[];
}

export interface ContactsImportOptions {
  /** The file's name, used in problems (`where:line: message`) and the activity log. */
  readonly where: string;
  readonly actor: Actor;
  /** Check and count, write nothing. */
  readonly dryRun?: boolean;
  /** How many changed rows the summary lists (default 20). */
  readonly previewLimit?: number;
  readonly onProgress?: (phase: 'check' | 'write', done: number, total: number) => void;
  /** Config.erasureKey, to recognise erased addresses; null only where none can exist (the demo on a new database). */
  readonly erasureKey: string | null;
}

/** A company the import creates, or one whose membership it changes. */
interface CompanyPlan {
  /** Ids of the file's companies that exist already, by name key. */
  readonly existing: Map<string, number>;
  readonly create: CompanyRow[];
  readonly changeMembership: { id: number; name: string; from: Membership; to: Membership }[];
}

/** Every row with what to do with it. */
interface ContactPlan {
  readonly create: ContactsCsvRow[];
  readonly update: { row: ContactsCsvRow; stored: StoredContact; fields: ContactChange['fields'] }[];
  readonly unchanged: number;
}

/**
 * Checks and imports a contacts CSV. Throws `Invalid` listing every bad row (with `where` and
 * line) and writes nothing if there is any; otherwise writes everything in one transaction.
 */
export async function importContacts(db: Database, clock: Clock, input: Buffer | string, options: ContactsImportOptions): Promise<ContactsImportSummary> {
  const topicIds = await topicRowIds(db);
  const parsed = parseContactsCsv(input, new Set(topicIds.keys()), (done, total) => options.onProgress?.('check', done, total), clock.now().toISOString().slice(0, 10));
  if (parsed.problems.length > 0) {
    const count = parsed.problems.length;
    throw new Invalid(
      `${count} problem${count === 1 ? '' : 's'} in ${options.where}; nothing was imported`,
      parsed.problems.map((problem) => ({ ...problem, where: options.where })),
    );
  }
  // Erased people are never imported again: their rows are skipped and reported by line.
  const erased = options.erasureKey === null ? new Set<string>() : await findErasedAddresses(db, options.erasureKey, parsed.rows.map((row) => row.emailKey));
  const rows = parsed.rows.filter((row) => !erased.has(row.emailKey));
  const erasedLines = parsed.rows.filter((row) => erased.has(row.emailKey)).map((row) => row.line);
  if (options.dryRun) return summarise(true, rows, ...(await plan(db, rows, topicIds)), erasedLines, options.previewLimit);

  return db.transaction().execute(async (trx) => {
    const [companies, contacts] = await plan(trx, rows, topicIds);
    await write(trx, clock, companies, contacts, topicIds, options);
    const summary = summarise(false, rows, companies, contacts, erasedLines, options.previewLimit);
    const detail = `${summary.rows} rows: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged; ${summary.companiesCreated} companies created; ${summary.notSubscribed} new without consent (not subscribed)${summary.erasedLines.length > 0 ? `; ${summary.erasedLines.length} suppressed (erased)` : ''}`;
    await recordActivity(trx, clock, options.actor, 'contacts.import', { type: 'contacts', id: null, label: options.where }, detail);
    return summary;
  });
}

/** Topic row ids by slug. */
async function topicRowIds(db: Executor): Promise<Map<string, number>> {
  const topics = await getTopics(db);
  const ids = await resolveTopicIds(db, topics.map((topic) => topic.slug));
  return new Map(topics.map((topic, index) => [topic.slug, ids[index]!] as const));
}

function sameTopics(stored: readonly number[], wanted: readonly number[]): boolean {
  if (stored.length !== wanted.length) return false;
  const set = new Set(stored);
  return wanted.every((id) => set.has(id));
}

/** Compares the file with the database: which companies and contacts to create or change. */
async function plan(db: Executor, rows: readonly ContactsCsvRow[], topicIds: ReadonlyMap<string, number>): Promise<[CompanyPlan, ContactPlan]> {
  const fileCompanies = new Map<string, NonNullable<ContactsCsvRow['company']>>();
  for (const row of rows) if (row.company && !fileCompanies.has(row.company.key)) fileCompanies.set(row.company.key, row.company);
  const storedCompanies = await findCompaniesByKeys(db, [...fileCompanies.keys()]);
  const companies: CompanyPlan = { existing: new Map(), create: [], changeMembership: [] };
  for (const [key, company] of fileCompanies) {
    const stored = storedCompanies.get(key);
    if (!stored) {
      companies.create.push({ name: company.name, nameKey: key, industry: null, membership: company.membership });
      continue;
    }
    companies.existing.set(key, stored.id);
    if (stored.membership !== company.membership) companies.changeMembership.push({ id: stored.id, name: stored.name, from: stored.membership, to: company.membership });
  }

  const storedContacts = await findContactsByEmailKeys(db, rows.map((row) => row.emailKey));
  const storedTopics = await findTopicIdsOfContacts(db, [...storedContacts.values()].map((contact) => contact.id));
  const contacts: { create: ContactsCsvRow[]; update: ContactPlan['update']; unchanged: number } = { create: [], update: [], unchanged: 0 };
  for (const row of rows) {
    const stored = storedContacts.get(row.emailKey);
    if (!stored) {
      contacts.create.push(row);
      continue;
    }
    const fields: ContactChange['fields'][number][] = [];
    if (stored.name !== row.name) fields.push('name');
    // A file without the `role` column leaves roles as they are.
    if (row.role !== null && stored.role !== row.role) fields.push('role');
    // A company the file creates is a change for every contact that names it.
    const companyId = row.company ? companies.existing.get(row.company.key) : null;
    if (stored.companyId !== companyId) fields.push('company');
    if (stored.language !== row.language) fields.push('language');
    if (!sameTopics(storedTopics.get(stored.id) ?? [], row.topics.map((slug) => topicIds.get(slug)!))) fields.push('topics');
    if (fields.length > 0) contacts.update.push({ row, stored, fields });
    else contacts.unchanged++;
  }
  return [companies, contacts];
}

/** Writes the plan with bulk statements (inside the caller's transaction). */
async function write(trx: Executor, clock: Clock, companies: CompanyPlan, contacts: ContactPlan, topicIds: ReadonlyMap<string, number>, options: ContactsImportOptions): Promise<void> {
  const now = clock.now().toISOString();
  const total = contacts.create.length + contacts.update.length;
  let done = 0;
  const tick = (count: number) => {
    done += count;
    options.onProgress?.('write', done, total);
  };

  const createdCompanies = await insertCompanies(trx, companies.create, now);
  for (const to of ['active', 'lapsed'] as const) {
    await setCompaniesMembership(trx, companies.changeMembership.filter((change) => change.to === to).map((change) => change.id), to, now);
  }
  for (const company of companies.create) {
    await recordActivity(trx, clock, options.actor, 'company.create', { type: 'company', id: createdCompanies.get(company.nameKey) ?? null, label: company.name }, `${company.membership} (contacts import)`);
  }
  for (const change of companies.changeMembership) {
    await recordActivity(trx, clock, options.actor, 'company.update', { type: 'company', id: change.id, label: change.name }, `membership ${change.from} → ${change.to} (contacts import)`);
  }
  const companyIds = new Map([...companies.existing, ...createdCompanies]);
  const companyIdOf = (row: ContactsCsvRow) => (row.company ? companyIds.get(row.company.key)! : null);

  const createdIds = await insertContacts(
    trx,
    contacts.create.map((row) => ({ email: row.email, emailKey: row.emailKey, name: row.name, role: row.role ?? '', language: row.language, companyId: companyIdOf(row), subscribed: row.consent !== null })),
    now,
  );
  await recordImportedConsents(trx, clock, contacts.create, createdIds, options.where);
  tick(contacts.create.length);

  const topicsChanged: number[] = [];
  for (const { row, stored, fields } of contacts.update) {
    if (fields.some((field) => field !== 'topics')) await updateImportedContact(trx, stored.id, { name: row.name, role: row.role ?? stored.role, language: row.language, companyId: companyIdOf(row) }, now);
    if (fields.includes('topics')) topicsChanged.push(stored.id);
    if (++done % 500 === 0) options.onProgress?.('write', done, total);
  }
  await deleteTopicsOfContacts(trx, topicsChanged);
  const pairs: { contactId: number; topicId: number }[] = [];
  for (const row of contacts.create) for (const slug of row.topics) pairs.push({ contactId: createdIds.get(row.emailKey)!, topicId: topicIds.get(slug)! });
  for (const { row, stored, fields } of contacts.update) {
    if (fields.includes('topics')) for (const slug of row.topics) pairs.push({ contactId: stored.id, topicId: topicIds.get(slug)! });
  }
  await insertContactTopics(trx, pairs);
  options.onProgress?.('write', total, total);
}

/** The ledger's `confirmed` row of every new contact whose row states a consent, dated as the file says. */
async function recordImportedConsents(trx: Executor, clock: Clock, created: readonly ContactsCsvRow[], ids: ReadonlyMap<string, number>, fileName: string): Promise<void> {
  const entries: ConsentEntry[] = [];
  for (const row of created) {
    if (!row.consent) continue;
    entries.push({
      contactId: ids.get(row.emailKey)!,
      purpose: 'newsletter',
      action: 'confirmed',
      occurredAt: `${row.consent.date}T00:00:00.000Z`,
      kind: 'import',
      source: importConsentSource(fileName, row.consent),
    });
  }
  await recordConsents(trx, clock, entries);
}

function summarise(dryRun: boolean, rows: readonly ContactsCsvRow[], companies: CompanyPlan, contacts: ContactPlan, erasedLines: readonly number[], previewLimit = 20): ContactsImportSummary {
  const changes: ContactChange[] = [];
  const updates = new Map(contacts.update.map((update) => [update.row, update.fields] as const));
  const creates = new Set(contacts.create);
  for (const row of rows) {
    if (changes.length >= previewLimit) break;
    if (creates.has(row)) changes.push({ line: row.line, email: row.email, action: 'create', fields: [] });
    const fields = updates.get(row);
    if (fields) changes.push({ line: row.line, email: row.email, action: 'update', fields });
  }
  return {
    dryRun,
    rows: rows.length + erasedLines.length,
    created: contacts.create.length,
    updated: contacts.update.length,
    unchanged: contacts.unchanged,
    companiesCreated: companies.create.length,
    membershipsChanged: companies.changeMembership.length,
    notSubscribed: contacts.create.filter((row) => row.consent === null).length,
    changes,
    erasedLines,
  };
}
