import { createHmac } from 'node:crypto';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, Invalid, NotFound } from '../lib/errors.js';
import { outboxFilesOf, removeFiles } from './outbox-files.js';
import { PERSONAL_DATA, PERSONAL_TABLES } from './personal-data.js';
import type { DataSubject, EntryCount, ErasureReport, TableEntry } from './privacy.js';
import {
  anonymiseLocated, checkpointWal, countLocated, deleteLocated, enableSecureDelete, findContactIdByKey, findContactKeyById,
  findErasedHashes, findErasure, insertErasure, insertErasureIfNew, isStaffAddress, listHeldAddresses,
} from './privacy.queries.js';

// Erasure (Art. 17): every row the registry names for a person is deleted or anonymised in one
// transaction, their outbox files and queued mail go, and only a keyed hash of the address is
// kept (erased_addresses) so they are never mailed or imported again. README.md explains why
// each kind of row is deleted, anonymised or kept.

/** What privacy requests need: the database, the clock, the erasure key and the outbox folder. */
export interface PrivacyDeps {
  readonly db: Database;
  readonly clock: Clock;
  /** Config.erasureKey: never SECRET_KEY. */
  readonly erasureKey: string;
  /** The outbox folder (no SMTP_URL), or null. */
  readonly outboxDir: string | null;
}

const ADDRESS = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;

/** The normalised form of an address, as every `*_key` column holds it. */
export function normaliseAddress(email: string): string {
  return email.trim().toLowerCase();
}

/** The keyed hash erased addresses are kept as: HMAC-SHA256 under the erasure key, hex. */
export function erasedAddressHash(erasureKey: string, email: string): string {
  return createHmac('sha256', erasureKey).update(`erased-address:${normaliseAddress(email)}`).digest('hex');
}

/** Of these addresses, the ones that were erased (normalised), for the contacts import. */
export async function findErasedAddresses(db: Executor, erasureKey: string, emails: readonly string[]): Promise<Set<string>> {
  const byHash = new Map(emails.map((email) => [erasedAddressHash(erasureKey, email), normaliseAddress(email)] as const));
  const found = await findErasedHashes(db, [...byHash.keys()]);
  return new Set([...found].map((hash) => byHash.get(hash)!));
}

/** Checks the address and says who it is about; refuses staff addresses and ones erased already. */
async function subjectOf(deps: PrivacyDeps, email: string): Promise<DataSubject> {
  const emailKey = normaliseAddress(email);
  if (!ADDRESS.test(emailKey) || emailKey.length > 254) throw new Invalid(`"${email}" is not an email address; give the address the person asked about, like name@company.com.`);
  if (await isStaffAddress(deps.db, emailKey)) {
    throw new Conflict(`${emailKey} belongs to a staff account, not to a contact; staff accounts are removed on the desk's staff page (nothing was changed).`);
  }
  const addressHash = erasedAddressHash(deps.erasureKey, emailKey);
  const erasedAt = await findErasure(deps.db, addressHash);
  if (erasedAt) throw new Conflict(`This address was already erased on ${erasedAt.slice(0, 10)}; nothing is left to erase (nothing was changed).`);
  return { emailKey, contactId: await findContactIdByKey(deps.db, emailKey), addressHash };
}

/** The normalised address of a contact, for the desk (which names contacts by id). */
export async function addressOfContact(db: Executor, contactId: number): Promise<string> {
  const key = await findContactKeyById(db, contactId);
  if (!key) throw new NotFound(`There is no contact #${contactId}; it may have been erased already.`);
  return key;
}

function isTable(entry: (typeof PERSONAL_DATA)[number]): entry is TableEntry {
  return entry.kind === 'table';
}

/** How many rows of each registry entry concern the person (what a dry run prints). */
async function countEverything(deps: PrivacyDeps, subject: DataSubject): Promise<EntryCount[]> {
  const counts: EntryCount[] = [];
  for (const entry of PERSONAL_DATA) {
    const count = isTable(entry) ? await countLocated(deps.db, entry, subject) : outboxFilesOf(deps.outboxDir, subject.emailKey).length;
    counts.push({ entry: isTable(entry) ? entry.table : entry.name, action: entry.erasure.action, count });
  }
  return counts;
}

/**
 * Erases everything the registry holds about the address (or, with `dryRun`, only counts it).
 * Throws `Invalid` for something that is not an address, `Conflict` for a staff address or one
 * erased already, `NotFound` when nothing is held about it; each changes nothing.
 */
export async function eraseAddress(deps: PrivacyDeps, email: string, actor: Actor, options: { dryRun?: boolean } = {}): Promise<ErasureReport> {
  const subject = await subjectOf(deps, email);
  const counts = await countEverything(deps, subject);
  if (subject.contactId === null && counts.every((count) => count.action === 'keep' || count.count === 0)) {
    throw new NotFound(`Nothing is stored about ${subject.emailKey}: no contact, registration, inquiry or message has this address (nothing was changed).`);
  }
  if (options.dryRun) return { dryRun: true, contactId: subject.contactId, counts };

  const files = outboxFilesOf(deps.outboxDir, subject.emailKey);
  const now = deps.clock.now().toISOString();
  const done: EntryCount[] = [];
  await deps.db.transaction().execute(async (trx) => {
    await enableSecureDelete(trx);
    for (const entry of PERSONAL_DATA) {
      if (!isTable(entry)) {
        done.push({ entry: entry.name, action: entry.erasure.action, count: files.length });
        continue;
      }
      const rule = entry.erasure;
      const count =
        rule.action === 'delete' ? await deleteLocated(trx, entry, subject)
        : rule.action === 'anonymise' ? await anonymiseLocated(trx, entry, rule.set, subject)
        : await countLocated(trx, entry, subject);
      done.push({ entry: entry.table, action: rule.action, count });
    }
    await insertErasure(trx, subject.addressHash, subject.contactId, now);
    // The audit entry names no address: the contact's former id only.
    const label = subject.contactId === null ? 'an address without a contact' : `contact #${subject.contactId}`;
    await recordActivity(trx, deps.clock, actor, 'contact.erase', { type: 'contact', id: subject.contactId, label }, `erased ${label}`);
    // Files cannot join the transaction: they go last before it commits, so a failure before
    // that leaves everything as it was, and one after it at worst lost copies of sent mail.
    removeFiles(files);
  });
  await checkpointWal(deps.db);
  return { dryRun: false, contactId: subject.contactId, counts: done };
}

/** One line of an erasures file: `<hash>` or `<hash>|<erased_at>` (tab or `|` separated). */
const HASH_LINE = /^([0-9a-f]{64})(?:[|\t](\S+))?$/;

/**
 * Re-applies erasures after a backup was restored (docs/operations.md): erases every address the
 * database holds whose keyed hash is in `lines`, then records every hash, so the import refuses
 * them again. Returns how many addresses were erased and how many hashes were new.
 */
export async function reapplyErasures(deps: PrivacyDeps, lines: readonly string[], actor: Actor): Promise<{ erased: number; recorded: number }> {
  const hashes = new Map<string, string>();
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const match = HASH_LINE.exec(trimmed);
    if (!match) throw new Invalid(`line ${index + 1} is not an erasure hash (64 hex digits, optionally "|" and the time); nothing was changed.`);
    hashes.set(match[1]!, match[2] ?? deps.clock.now().toISOString());
  });
  const columns = PERSONAL_TABLES.flatMap((entry) => entry.locate.flatMap((locator) => (locator.by === 'address' ? [{ table: entry.table, column: locator.column }] : [])));
  const held = await listHeldAddresses(deps.db, columns);
  let erased = 0;
  for (const address of held) {
    const hash = erasedAddressHash(deps.erasureKey, address);
    if (!hashes.has(hash) || (await isStaffAddress(deps.db, address)) || (await findErasure(deps.db, hash))) continue;
    await eraseAddress(deps, address, actor);
    erased++;
  }
  let recorded = 0;
  for (const [hash, at] of hashes) if (await insertErasureIfNew(deps.db, hash, at)) recorded++;
  return { erased, recorded };
}
