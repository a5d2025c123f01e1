import type { Actor } from '../activity/activity.js';
import { recordActivity } from '../activity/activity.service.js';
import { consentWording, wordingId, type ConsentSource } from '../consent/consent.js';
import { recordConsent } from '../consent/consent.service.js';
import type { Database, Executor } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { pathIn, type Language } from '../i18n/languages.js';
import type { Clock } from '../lib/clock.js';
import { Invalid, NotFound } from '../lib/errors.js';
import { hashToken, newToken } from '../lib/tokens.js';
import { enqueueEmail } from '../mail/email.js';
import { isMember, type ContactIdentity } from '../members/members.js';
import type { ContactPerson } from '../organizations/contact-persons.js';
import { getContactPerson, listContactPersons, optOutContactPerson } from '../organizations/contact-persons.service.js';
import { inDirectory } from '../organizations/organizations.js';
import { getOrganizationProfile } from '../organizations/organizations.service.js';
import { withFooter, type SettingsSource } from '../settings/settings.service.js';
import { listStaff } from '../staff/staff.service.js';
import * as introducedEmail from './emails/introduced.email.js';
import * as requestEmail from './emails/introduction-request.email.js';
import {
  checkIntroductionDraft, DESK_STATE_CHANGES, figureCount, INTRODUCTION_STATES, OPEN_STATES, quarterOf, refusal,
  type DeskIntroduction, type InnovatorView, type IntroductionDraft, type IntroductionFilter, type IntroductionOrganization, type IntroductionState,
  type OwnIntroduction, type QuarterFigures, type SampleIntroduction,
} from './introductions.js';
import {
  claimDecision, claimIntroduced, claimSend, countIntroductionsByState, countSendsTo, findByDecisionToken, findByOptOutToken, findDeskIntroduction,
  findFigureRows, findLatestOwnIntroduction, findOrganizationsAskedByCompany, findParties, hasDeclinedIntroduction, hasSampleIntroductions, insertIntroduction, insertSampleIntroduction, listDeskIntroductions, moveIntroductionState,
  updateIntroductionTriage, type LinkTarget,
} from './introductions.queries.js';

/** What the emails link to and are signed with. */
export interface IntroductionSite extends SettingsSource {
  readonly name: string;
  readonly url: string;
  readonly contactEmail: string | null;
}

/** At most this many requests on one desk list page. */
export const LIST_LIMIT = 200;

/** The organisation a request may be made for: profiled and in the directory; a clear refusal otherwise. */
export async function introductionOrganization(db: Executor, slug: string): Promise<IntroductionOrganization> {
  const profile = await getOrganizationProfile(db, slug);
  if (!profile) throw refusal('unknown-organization');
  if (!inDirectory(profile.country)) throw refusal('not-in-directory');
  return { id: profile.id, slug: profile.slug, name: profile.name };
}

/** The contact's latest request for the organisation (what the profile shows them), or null. */
export async function ownIntroduction(db: Executor, contactId: number, organizationId: number): Promise<OwnIntroduction | null> {
  return (await findLatestOwnIntroduction(db, contactId, organizationId)) ?? null;
}

/**
 * A member's request (their yes, with the consent sentence in the ledger). Idempotent: an open or
 * accepted request of the contact for the organisation is returned as it is (`created: false`).
 * Refused, with nothing written, for a non-member, after a decline, and for bad fields.
 */
export async function requestIntroduction(
  db: Database,
  clock: Clock,
  site: Pick<IntroductionSite, 'name'>,
  organization: IntroductionOrganization,
  contact: ContactIdentity,
  draft: IntroductionDraft,
  consent: ConsentSource,
): Promise<{ introduction: OwnIntroduction; created: boolean }> {
  if (!isMember(contact)) throw refusal('not-member');
  const existing = await findLatestOwnIntroduction(db, contact.id, organization.id);
  if (existing && existing.state !== 'closed' && existing.state !== 'declined') return { introduction: existing, created: false };
  if (await hasDeclinedIntroduction(db, contact.id, organization.id)) throw refusal('declined-before');
  const input = checkIntroductionDraft(draft);
  const wording = consent.wording ?? consentWording('innovator_introduction', contact.language, site.name);
  const now = clock.now().toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      const id = await insertIntroduction(trx, { ...input, contactId: contact.id, organizationId: organization.id, consentedAt: now, consentWordingId: wordingId(wording) }, now);
      await recordConsent(trx, clock, { ...consent, wording, contactId: contact.id, purpose: 'innovator_introduction', action: 'confirmed', subjectRef: `introduction:${id}` });
      await recordActivity(trx, clock, { type: 'member', id: contact.id, label: contact.email }, 'introduction.request', { type: 'introduction', id, label: organization.name }, input.purpose);
    });
  } catch (error) {
    // Two submits at once: the partial unique index let one in; the other answers with it.
    if (!isUniqueViolation(error)) throw error;
  }
  const introduction = await findLatestOwnIntroduction(db, contact.id, organization.id);
  if (!introduction) throw new Error('the request was not stored');
  return { introduction, created: !existing || introduction.id !== existing.id };
}

/** The desk's list: newest first, of one state or all, with counts per state. */
export async function listIntroductions(db: Executor, filter: IntroductionFilter): Promise<{ introductions: DeskIntroduction[]; counts: Record<IntroductionState, number> }> {
  return { introductions: await listDeskIntroductions(db, filter, LIST_LIMIT), counts: await countIntroductionsByState(db) };
}

/** One request for the desk; NotFound otherwise. */
export async function getIntroduction(db: Executor, id: number): Promise<DeskIntroduction> {
  const introduction = await findDeskIntroduction(db, id);
  if (!introduction) throw new NotFound('There is no such introduction request.');
  return introduction;
}

/** The contact persons staff may send a request to (opted-out ones are listed, marked, and refused). */
export function innovatorContactsOf(db: Executor, organizationId: number): Promise<ContactPerson[]> {
  return listContactPersons(db, organizationId);
}

/** The staff who may be assigned (active ones). */
export async function assigneeChoices(db: Executor): Promise<{ id: number; label: string }[]> {
  return (await listStaff(db)).filter((staff) => staff.active).map((staff) => ({ id: staff.id, label: staff.name || staff.email }));
}

/** Saves the notes and the assignee. */
export async function saveTriage(db: Database, clock: Clock, actor: Actor, id: number, values: { notes: string; assigneeId: number | null }): Promise<DeskIntroduction> {
  const notes = values.notes.replace(/\r\n?/g, '\n').trim();
  if (notes.length > 10_000) throw new Invalid('The notes are too long.', [{ where: 'notes', message: 'keep the notes under 10,000 characters' }]);
  if (values.assigneeId !== null && !(await assigneeChoices(db)).some((staff) => staff.id === values.assigneeId)) {
    throw new Invalid('Choose an assignee from the list.', [{ where: 'assignee', message: 'choose an active staff member' }]);
  }
  return db.transaction().execute(async (trx) => {
    const before = await getIntroduction(trx, id);
    await updateIntroductionTriage(trx, id, { notes, assigneeId: values.assigneeId }, clock.now().toISOString());
    const detail = before.assignee?.id === values.assigneeId ? 'notes' : `assignee ${values.assigneeId ?? 'none'}`;
    await recordActivity(trx, clock, actor, 'introduction.triage', { type: 'introduction', id, label: before.organization.name }, detail);
    return getIntroduction(trx, id);
  });
}

/** A state change by staff (`DESK_STATE_CHANGES`): closing, or recording a decline heard elsewhere. */
export async function changeIntroductionState(db: Database, clock: Clock, actor: Actor, id: number, state: string): Promise<DeskIntroduction> {
  if (!(INTRODUCTION_STATES as readonly string[]).includes(state)) throw new Invalid('Choose a state from the list.', [{ where: 'state', message: 'choose a state from the list' }]);
  const to = state as IntroductionState;
  return db.transaction().execute(async (trx) => {
    const before = await getIntroduction(trx, id);
    const from = (INTRODUCTION_STATES as readonly IntroductionState[]).filter((one) => DESK_STATE_CHANGES[one].includes(to) && one === before.state);
    if (!(await moveIntroductionState(trx, id, from, to, clock.now().toISOString()))) throw refusal('state-change');
    await recordActivity(trx, clock, actor, 'introduction.state', { type: 'introduction', id, label: before.organization.name }, `${before.state} → ${to}`);
    return getIntroduction(trx, id);
  });
}

function linkUrl(site: IntroductionSite, language: Language, path: string): string {
  return `${site.url}${pathIn(language, path)}`;
}

/**
 * Sends a `new` request to one of the organisation's contact persons: the claim, the request
 * email (in their language, with the accept and decline page and an opt-out) and the activity
 * entry in one transaction. The first email to a person also says where we have their address
 * from and why we write. Refused for an opted-out person, another organisation's, or a request
 * sent already.
 */
export async function sendIntroductionRequest(db: Database, clock: Clock, site: IntroductionSite, actor: Actor, id: number, innovatorContactId: number): Promise<DeskIntroduction> {
  return db.transaction().execute(async (trx) => {
    const introduction = await getIntroduction(trx, id);
    if (introduction.sentAt !== null || introduction.state !== 'new') throw refusal('already-sent');
    const person = await getContactPerson(trx, innovatorContactId);
    if (!person || person.organizationId !== introduction.organization.id) throw refusal('no-such-contact');
    if (person.optedOutAt !== null) throw refusal('opted-out');
    const decision = newToken();
    const optOut = newToken();
    const now = clock.now().toISOString();
    if (!(await claimSend(trx, id, { innovatorContactId: person.id, decisionTokenHash: hashToken(decision), optOutTokenHash: hashToken(optOut) }, now))) throw refusal('already-sent');
    const first = (await countSendsTo(trx, person.id, id)) === 0;
    const decideUrl = linkUrl(site, person.language, `/introductions/${decision}`);
    await enqueueEmail(trx, clock, requestEmail, person.email, {
      name: person.name, organizationName: introduction.organization.name, memberCompany: introduction.member.company ?? '', purpose: introduction.purpose,
      message: introduction.message, decideUrl, acceptUrl: `${decideUrl}?decision=accept`, declineUrl: `${decideUrl}?decision=decline`,
      optOutUrl: linkUrl(site, person.language, `/introductions/opt-out/${optOut}`), firstContact: first ? { source: person.source } : null, siteName: site.name,
    }, await withFooter(trx, site, person.language));
    await recordActivity(trx, clock, actor, 'introduction.send', { type: 'introduction', id, label: introduction.organization.name }, `to contact person #${person.id}${first ? ' (first email)' : ''}`);
    return getIntroduction(trx, id);
  });
}

async function linkTarget(db: Executor, token: string, find: (db: Executor, hash: string) => Promise<LinkTarget | undefined>): Promise<LinkTarget> {
  const target = token.length > 0 && token.length <= 100 ? await find(db, hashToken(token)) : undefined;
  if (!target) throw refusal('link-unknown');
  return target;
}

function viewOf(target: LinkTarget): InnovatorView {
  return { organizationName: target.organizationName, memberCompany: target.memberCompany ?? '', purpose: target.purpose, message: target.message, state: target.state, language: target.language ?? 'en' };
}

/** What the decision page shows for a token (the member's company, purpose and message; never their name or address); a used link is refused. */
export async function introductionForDecision(db: Executor, token: string): Promise<InnovatorView> {
  const target = await linkTarget(db, token, findByDecisionToken);
  if (target.decidedAt !== null || target.state !== 'contacted') throw refusal('link-used');
  return viewOf(target);
}

/**
 * The innovator's answer, once: the claim moves a `contacted` request to `accepted` or
 * `declined`. On accept, the introduction emails' claim and their two enqueues follow in the same
 * transaction: each side gets the other's name, company, role and address exactly once. A used
 * link (a second click, the other button) changes nothing and is refused.
 */
export async function decideIntroduction(db: Database, clock: Clock, site: IntroductionSite, token: string, decision: 'accept' | 'decline'): Promise<InnovatorView> {
  return db.transaction().execute(async (trx) => {
    const target = await linkTarget(trx, token, findByDecisionToken);
    const now = clock.now().toISOString();
    const state = decision === 'accept' ? 'accepted' : 'declined';
    if (!(await claimDecision(trx, target.id, state, now))) throw refusal('link-used');
    const actor: Actor = { type: 'system', id: null, label: `innovator contact #${target.innovatorContactId ?? '?'}` };
    await recordActivity(trx, clock, actor, `introduction.${state}`, { type: 'introduction', id: target.id, label: target.organizationName }, null);
    if (state === 'accepted') await introduceBothSides(trx, clock, site, target.id);
    return { ...viewOf(target), state };
  });
}

/** The two introduction emails, behind their claim (nothing when claimed before). */
async function introduceBothSides(trx: Executor, clock: Clock, site: IntroductionSite, id: number): Promise<void> {
  if (!(await claimIntroduced(trx, id, clock.now().toISOString()))) return;
  const parties = await findParties(trx, id);
  // The contact person was erased meanwhile: nobody to introduce; the claim stays, so nothing goes later either.
  if (!parties) return;
  const common = { purpose: parties.purpose, organizationName: parties.organization_name, siteName: site.name, contactEmail: site.contactEmail };
  await enqueueEmail(trx, clock, introducedEmail, parties.member_email, {
    ...common, side: 'member', name: parties.member_name,
    other: { name: parties.innovator_name, company: parties.organization_name, role: parties.innovator_role, email: parties.innovator_email },
  }, await withFooter(trx, site, parties.member_language));
  await enqueueEmail(trx, clock, introducedEmail, parties.innovator_email, {
    ...common, side: 'innovator', name: parties.innovator_name,
    other: { name: parties.member_name || parties.member_email, company: parties.member_company ?? '', role: parties.member_role || null, email: parties.member_email },
  }, await withFooter(trx, site, parties.innovator_language));
  await recordActivity(trx, clock, { type: 'system', id: null, label: 'introductions' }, 'introduction.introduced', { type: 'introduction', id, label: parties.organization_name }, 'both sides mailed');
}

/** The opt-out page's check: which organisation the link is about and the contact person's language. */
export async function optOutTarget(db: Executor, token: string): Promise<InnovatorView> {
  return viewOf(await linkTarget(db, token, findByOptOutToken));
}

/** Opts the link's contact person out of further requests (again: no change). The open request stays as it is. */
export async function optOutWithToken(db: Database, clock: Clock, token: string): Promise<InnovatorView> {
  return db.transaction().execute(async (trx) => {
    const target = await linkTarget(trx, token, findByOptOutToken);
    if (target.innovatorContactId !== null) {
      await optOutContactPerson(trx, target.innovatorContactId, clock.now().toISOString());
      await recordActivity(trx, clock, { type: 'system', id: null, label: `innovator contact #${target.innovatorContactId}` }, 'introduction.opt-out', { type: 'introduction', id: target.id, label: target.organizationName }, null);
    }
    return viewOf(target);
  });
}

/** Slugs of the innovators a company's contacts asked to meet (any state, samples left out): what suggestions learn from. */
export function innovatorsAskedByCompany(db: Executor, companyId: number): Promise<string[]> {
  return findOrganizationsAskedByCompany(db, companyId);
}

/**
 * Per quarter, newest first: requests made in it, introductions made (accepted) and declined in
 * it, and the sectors of its requests. Every count below 3 is "fewer than 3".
 */
export async function introductionFigures(db: Executor): Promise<QuarterFigures[]> {
  const rows = await findFigureRows(db);
  const quarters = new Map<string, { requested: number; made: number; declined: number; sectors: Map<string, { name: string; count: number }> }>();
  const of = (quarter: string) => {
    let entry = quarters.get(quarter);
    if (!entry) quarters.set(quarter, (entry = { requested: 0, made: 0, declined: 0, sectors: new Map() }));
    return entry;
  };
  for (const row of rows) {
    const asked = of(quarterOf(row.createdAt));
    asked.requested++;
    for (const sector of row.sectors) {
      const seen = asked.sectors.get(sector.slug) ?? { name: sector.name, count: 0 };
      asked.sectors.set(sector.slug, { ...seen, count: seen.count + 1 });
    }
    if (row.decidedAt && row.state === 'accepted') of(quarterOf(row.decidedAt)).made++;
    // A decline is counted in its quarter (recorded by the innovator's link, or by staff at the state change).
    if (row.state === 'declined') of(quarterOf(row.decidedAt ?? row.createdAt)).declined++;
  }
  return [...quarters.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([quarter, entry]) => ({
      quarter,
      requested: figureCount(entry.requested),
      made: figureCount(entry.made),
      declined: figureCount(entry.declined),
      sectors: [...entry.sectors.entries()].sort(([, a], [, b]) => b.count - a.count || a.name.localeCompare(b.name)).map(([slug, sector]) => ({ slug, name: sector.name, count: figureCount(sector.count) })),
    }));
}

const DAY_MS = 86_400_000;

/**
 * Stores the demo's sample requests (content-folder/demo-introductions.ts) as they are, once: no
 * mail, no links, `sample` set (the desk marks them, the figures leave them out). Each has its
 * consent row in the ledger, recorded as imported from the demo. Returns how many were stored.
 */
export async function storeSampleIntroductions(db: Database, clock: Clock, siteName: string, samples: readonly SampleIntroduction[]): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (await hasSampleIntroductions(trx)) return 0;
    const wording = consentWording('innovator_introduction', 'en', siteName);
    for (const sample of samples) {
      const day = (days: number) => new Date(Date.parse(sample.createdAt) + days * DAY_MS).toISOString();
      const sent = sample.state === 'contacted' || sample.state === 'accepted' || sample.state === 'declined';
      const decided = sample.state === 'accepted' || sample.state === 'declined';
      const id = await insertSampleIntroduction(trx, {
        ...sample, consentWordingId: wordingId(wording), sentAt: sent ? day(1) : null, decidedAt: decided ? day(3) : null, introducedAt: sample.state === 'accepted' ? day(3) : null,
      });
      await recordConsent(trx, clock, {
        contactId: sample.contactId, purpose: 'innovator_introduction', action: 'confirmed', kind: 'import', source: 'demo: sample introduction requests',
        wording, subjectRef: `introduction:${id}`, occurredAt: sample.createdAt,
      });
    }
    return samples.length;
  });
}
