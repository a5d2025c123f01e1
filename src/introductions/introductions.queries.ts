import type { Executor } from '../db/database.js';
import type { DeskIntroduction, IntroductionFilter, IntroductionInput, IntroductionState, OwnIntroduction, SampleIntroduction } from './introductions.js';

// SQL of innovator introductions. The claims (`claimSend`, `claimDecision`, `claimIntroduced`)
// are one conditional UPDATE each: of two racing requests exactly one sees a row changed, and only
// that one enqueues mail, in the same transaction.

function changed(result: { numUpdatedRows: bigint } | undefined): boolean {
  return (result?.numUpdatedRows ?? 0n) > 0n;
}

/** Stores a new request (state `new`); the partial unique index refuses a second open one. */
export async function insertIntroduction(
  db: Executor,
  values: IntroductionInput & { contactId: number; organizationId: number; consentedAt: string; consentWordingId: string },
  now: string,
): Promise<number> {
  const { id } = await db
    .insertInto('innovator_introductions')
    .values({
      contact_id: values.contactId, organization_id: values.organizationId, purpose: values.purpose, message: values.message,
      consented_at: values.consentedAt, consent_wording_id: values.consentWordingId, assignee_id: null, innovator_contact_id: null,
      sent_at: null, decision_token_hash: null, opt_out_token_hash: null, decided_at: null, introduced_at: null, created_at: now, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A contact's latest request for an organisation, or undefined. */
export async function findLatestOwnIntroduction(db: Executor, contactId: number, organizationId: number): Promise<OwnIntroduction | undefined> {
  const row = await db
    .selectFrom('innovator_introductions')
    .select(['id', 'state', 'purpose', 'created_at'])
    .where('contact_id', '=', contactId)
    .where('organization_id', '=', organizationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row && { id: row.id, state: row.state, purpose: row.purpose, createdAt: row.created_at };
}

/** Whether the contact has a declined request for the organisation. */
export async function hasDeclinedIntroduction(db: Executor, contactId: number, organizationId: number): Promise<boolean> {
  const row = await db
    .selectFrom('innovator_introductions')
    .select('id')
    .where('contact_id', '=', contactId)
    .where('organization_id', '=', organizationId)
    .where('state', '=', 'declined')
    .executeTakeFirst();
  return row !== undefined;
}

function deskQuery(db: Executor) {
  return db
    .selectFrom('innovator_introductions as i')
    .innerJoin('organizations as o', 'o.id', 'i.organization_id')
    .innerJoin('contacts as c', 'c.id', 'i.contact_id')
    .leftJoin('companies as co', 'co.id', 'c.company_id')
    .leftJoin('staff as s', 's.id', 'i.assignee_id')
    .leftJoin('consent_wordings as w', 'w.id', 'i.consent_wording_id')
    .select([
      'i.id', 'i.purpose', 'i.message', 'i.state', 'i.notes', 'i.assignee_id', 'i.innovator_contact_id', 'i.consented_at', 'i.sent_at',
      'i.decided_at', 'i.introduced_at', 'i.sample', 'i.created_at', 'i.updated_at', 'o.id as organization_id', 'o.slug as organization_slug',
      'o.name as organization_name', 'c.id as contact_id', 'c.name as contact_name', 'c.email as contact_email', 'c.language as contact_language',
      'co.name as company_name', 's.name as staff_name', 's.email as staff_email', 'w.text as wording',
    ]);
}

type DeskRow = Awaited<ReturnType<ReturnType<typeof deskQuery>['executeTakeFirstOrThrow']>>;

function toDeskIntroduction(row: DeskRow): DeskIntroduction {
  return {
    id: row.id,
    organization: { id: row.organization_id, slug: row.organization_slug, name: row.organization_name },
    member: { id: row.contact_id, name: row.contact_name, email: row.contact_email, company: row.company_name, language: row.contact_language },
    purpose: row.purpose, message: row.message, state: row.state, notes: row.notes,
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, label: row.staff_name || row.staff_email || `#${row.assignee_id}` },
    innovatorContactId: row.innovator_contact_id, consentedAt: row.consented_at, consentWording: row.wording,
    sentAt: row.sent_at, decidedAt: row.decided_at, introducedAt: row.introduced_at, sample: row.sample === 1, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** One request with both sides, for the desk. */
export async function findDeskIntroduction(db: Executor, id: number): Promise<DeskIntroduction | undefined> {
  const row = await deskQuery(db).where('i.id', '=', id).executeTakeFirst();
  return row && toDeskIntroduction(row);
}

/** Requests newest first, optionally of one state; at most `limit`. */
export async function listDeskIntroductions(db: Executor, filter: IntroductionFilter, limit: number): Promise<DeskIntroduction[]> {
  let query = deskQuery(db);
  if (filter.state) query = query.where('i.state', '=', filter.state);
  const rows = await query.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(limit).execute();
  return rows.map(toDeskIntroduction);
}

/** How many requests are in each state. */
export async function countIntroductionsByState(db: Executor): Promise<Record<IntroductionState, number>> {
  const rows = await db.selectFrom('innovator_introductions').select(['state', (eb) => eb.fn.countAll<number | string>().as('count')]).groupBy('state').execute();
  const counts: Record<IntroductionState, number> = { new: 0, contacted: 0, accepted: 0, declined: 0, closed: 0 };
  for (const row of rows) counts[row.state] = Number(row.count);
  return counts;
}

/** Sets the staff notes and the assignee. */
export async function updateIntroductionTriage(db: Executor, id: number, values: { notes: string; assigneeId: number | null }, now: string): Promise<void> {
  await db.updateTable('innovator_introductions').set({ notes: values.notes, assignee_id: values.assigneeId, updated_at: now }).where('id', '=', id).execute();
}

/** Moves a request from one of `from` to `to`; false when it was in none of them (someone else changed it). */
export async function moveIntroductionState(db: Executor, id: number, from: readonly IntroductionState[], to: IntroductionState, now: string): Promise<boolean> {
  if (from.length === 0) return false;
  // A decline recorded by staff is decided now: the innovator's link, if any, is used up with it.
  const decided = to === 'declined' ? { decided_at: now } : {};
  const result = await db.updateTable('innovator_introductions').set({ state: to, updated_at: now, ...decided }).where('id', '=', id).where('state', 'in', from).executeTakeFirst();
  return changed(result);
}

/**
 * The request email's claim: a `new` request not sent yet becomes `contacted`, with the contact
 * person and the links' token hashes. False when it was sent already (a second click).
 */
export async function claimSend(db: Executor, id: number, values: { innovatorContactId: number; decisionTokenHash: string; optOutTokenHash: string }, now: string): Promise<boolean> {
  const result = await db
    .updateTable('innovator_introductions')
    .set({ state: 'contacted', innovator_contact_id: values.innovatorContactId, decision_token_hash: values.decisionTokenHash, opt_out_token_hash: values.optOutTokenHash, sent_at: now, updated_at: now })
    .where('id', '=', id)
    .where('state', '=', 'new')
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return changed(result);
}

/** How many requests other than `exceptId` were sent to a contact person before: none means this is the first email to them. */
export async function countSendsTo(db: Executor, innovatorContactId: number, exceptId: number): Promise<number> {
  const row = await db
    .selectFrom('innovator_introductions')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('innovator_contact_id', '=', innovatorContactId)
    .where('sent_at', 'is not', null)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** What a decision or opt-out link's token leads to. */
export interface LinkTarget {
  readonly id: number;
  readonly state: IntroductionState;
  readonly decidedAt: string | null;
  readonly innovatorContactId: number | null;
  readonly organizationName: string;
  readonly memberCompany: string | null;
  readonly purpose: DeskIntroduction['purpose'];
  readonly message: string;
  readonly language: 'en' | 'de' | 'zh' | null;
}

async function findLinkTarget(db: Executor, column: 'decision_token_hash' | 'opt_out_token_hash', hash: string): Promise<LinkTarget | undefined> {
  const row = await db
    .selectFrom('innovator_introductions as i')
    .innerJoin('organizations as o', 'o.id', 'i.organization_id')
    .innerJoin('contacts as c', 'c.id', 'i.contact_id')
    .leftJoin('companies as co', 'co.id', 'c.company_id')
    .leftJoin('organization_contacts as p', 'p.id', 'i.innovator_contact_id')
    .select(['i.id', 'i.state', 'i.decided_at', 'i.innovator_contact_id', 'o.name as organization_name', 'co.name as company_name', 'i.purpose', 'i.message', 'p.language'])
    .where(`i.${column}`, '=', hash)
    .executeTakeFirst();
  return row && {
    id: row.id, state: row.state, decidedAt: row.decided_at, innovatorContactId: row.innovator_contact_id, organizationName: row.organization_name,
    memberCompany: row.company_name, purpose: row.purpose, message: row.message, language: row.language,
  };
}

/** The request a decision link's token hash belongs to. */
export function findByDecisionToken(db: Executor, hash: string): Promise<LinkTarget | undefined> {
  return findLinkTarget(db, 'decision_token_hash', hash);
}

/** The request an opt-out link's token hash belongs to. */
export function findByOptOutToken(db: Executor, hash: string): Promise<LinkTarget | undefined> {
  return findLinkTarget(db, 'opt_out_token_hash', hash);
}

/** The decision's claim: a `contacted` request whose link was not used becomes `accepted` or `declined`; false for a used link. */
export async function claimDecision(db: Executor, id: number, decision: 'accepted' | 'declined', now: string): Promise<boolean> {
  const result = await db
    .updateTable('innovator_introductions')
    .set({ state: decision, decided_at: now, updated_at: now })
    .where('id', '=', id)
    .where('state', '=', 'contacted')
    .where('decided_at', 'is', null)
    .executeTakeFirst();
  return changed(result);
}

/** The introduction emails' claim: true once, for an accepted request. */
export async function claimIntroduced(db: Executor, id: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('innovator_introductions')
    .set({ introduced_at: now, updated_at: now })
    .where('id', '=', id)
    .where('state', '=', 'accepted')
    .where('introduced_at', 'is', null)
    .executeTakeFirst();
  return changed(result);
}

/** Both sides of a request, for the introduction emails (only after both said yes). */
export async function findParties(db: Executor, id: number) {
  return db
    .selectFrom('innovator_introductions as i')
    .innerJoin('organizations as o', 'o.id', 'i.organization_id')
    .innerJoin('contacts as c', 'c.id', 'i.contact_id')
    .leftJoin('companies as co', 'co.id', 'c.company_id')
    .innerJoin('organization_contacts as p', 'p.id', 'i.innovator_contact_id')
    .select([
      'i.purpose', 'o.name as organization_name', 'c.name as member_name', 'c.role as member_role', 'c.email as member_email', 'c.language as member_language',
      'co.name as member_company', 'p.name as innovator_name', 'p.role as innovator_role', 'p.email as innovator_email', 'p.language as innovator_language',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
}

/** Slugs of the organisations the contacts of a company asked to be introduced to (any state; samples left out). */
export async function findOrganizationsAskedByCompany(db: Executor, companyId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('innovator_introductions as i')
    .innerJoin('contacts as c', 'c.id', 'i.contact_id')
    .innerJoin('organizations as o', 'o.id', 'i.organization_id')
    .select('o.slug')
    .distinct()
    .where('c.company_id', '=', companyId)
    .where('i.sample', '=', 0)
    .orderBy('o.slug')
    .execute();
  return rows.map((row) => row.slug);
}

/** Every request's (samples left out) times, state and organisation, with the organisation's sectors: the figures are counted from these. */
export async function findFigureRows(db: Executor): Promise<{ id: number; createdAt: string; decidedAt: string | null; state: IntroductionState; sectors: { slug: string; name: string }[] }[]> {
  const rows = await db.selectFrom('innovator_introductions').select(['id', 'created_at', 'decided_at', 'state', 'organization_id']).where('sample', '=', 0).execute();
  const sectorRows = rows.length === 0 ? [] : await db
    .selectFrom('organization_sectors as os')
    .innerJoin('sectors as s', 's.id', 'os.sector_id')
    .select(['os.organization_id', 's.slug', 's.name'])
    .where('os.organization_id', 'in', [...new Set(rows.map((row) => row.organization_id))])
    .orderBy('os.position')
    .execute();
  return rows.map((row) => ({
    id: row.id, createdAt: row.created_at, decidedAt: row.decided_at, state: row.state,
    sectors: sectorRows.filter((sector) => sector.organization_id === row.organization_id).map((sector) => ({ slug: sector.slug, name: sector.name })),
  }));
}

/** Stores a demo sample as it is (state and times given); returns its id. */
export async function insertSampleIntroduction(db: Executor, sample: SampleIntroduction & { consentWordingId: string; sentAt: string | null; decidedAt: string | null; introducedAt: string | null }): Promise<number> {
  const { id } = await db
    .insertInto('innovator_introductions')
    .values({
      contact_id: sample.contactId, organization_id: sample.organizationId, purpose: sample.purpose, message: sample.message, consented_at: sample.createdAt,
      consent_wording_id: sample.consentWordingId, state: sample.state, assignee_id: null, innovator_contact_id: sample.innovatorContactId, sent_at: sample.sentAt,
      decision_token_hash: null, opt_out_token_hash: null, decided_at: sample.decidedAt, introduced_at: sample.introducedAt, sample: 1,
      created_at: sample.createdAt, updated_at: sample.introducedAt ?? sample.decidedAt ?? sample.sentAt ?? sample.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Whether any demo sample is stored. */
export async function hasSampleIntroductions(db: Executor): Promise<boolean> {
  return (await db.selectFrom('innovator_introductions').select('id').where('sample', '=', 1).executeTakeFirst()) !== undefined;
}
