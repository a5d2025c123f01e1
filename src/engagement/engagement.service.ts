import { randomBytes } from 'node:crypto';
import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { pathIn, type Language } from '../i18n/languages.js';
import { consentInForce, recordConsent } from '../consent/consent.service.js';
import type { ConsentSource } from '../consent/consent.js';
import { getSiteSettings, type SettingsSource } from '../settings/settings.service.js';
import {
  BURST_LINKS, BURST_SECONDS, DEDUPE_SECONDS, SOURCE_LIMIT, TOKEN_LIMIT, clickToken, guardHash, machineReason, openToken, readClickToken, readOpenToken,
  type ContactClick, type DeliveryEngagement, type EditionLink, type MachineReason, type StorySendFigure,
} from './engagement.js';
import {
  clickSeries, contactClicks, countDeliveryLinks, countDeliveryOpens, insertContactOpen, insertDeliveryOpen, countGuards, countSourceLinks, deleteContactEngagement, deleteGuard, findDeliveryIssue, findGuard, findKey, findLink, findRecipient,
  insertContactClick, insertGuard, insertKey, insertLinkClick, insertLinks, linkFigures, machineByReason, reclassifyBurst, setGuardClicks, storySends, organizationsOfClickedStories,
} from './engagement.queries.js';

// Engagement (README.md): the tracking key, the links a compiled edition numbered, what a
// click on `/r/<token>` records, and the reports. Clicks are counted per link and delivery
// without a contact; a contact's own clicks only when they gave the consent purpose
// `engagement_tracking` and the site's per-person tracking switch is on.

const keys = new WeakMap<object, Promise<string>>();

/** The key click tokens are signed with: TRACKING_KEY when set, else one generated once and kept in the database. Never logged. */
export function trackingKey(db: Database, configured: string | undefined, clock: Clock): Promise<string> {
  if (configured) return Promise.resolve(configured);
  let known = keys.get(db);
  if (!known) {
    known = (async () => {
      const stored = await findKey(db, 'click');
      if (stored) return stored;
      await insertKey(db, 'click', randomBytes(32).toString('base64url'), clock.now().toISOString());
      return (await findKey(db, 'click'))!;
    })();
    keys.set(db, known);
    known.catch(() => keys.delete(db));
  }
  return known;
}

/** Whether newsletter links go through `/r/` (the site's switch, on by default). */
export async function clickTrackingOn(db: Executor, source: SettingsSource): Promise<boolean> {
  return (await getSiteSettings(db, source)).values.clickTracking;
}

/** Stores the links each language's compiled edition numbered (in the caller's transaction, with the edition). */
export async function storeEditionLinks(db: Executor, deliveryId: number, editions: Iterable<readonly [Language, { readonly links?: readonly EditionLink[] }]>): Promise<void> {
  for (const [language, template] of editions) if (template.links && template.links.length > 0) await insertLinks(db, deliveryId, language, template.links);
}

/** Makes each recipient's link addresses: `<site>/r/<token>` (in the recipient's language's site, which the redirect does not need). */
export function linkAddresses(key: string, siteUrl: string, deliveryId: number): (recipientId: number, language: Language) => (index: number) => string {
  return (recipientId, language) => {
    const base = `${siteUrl}${pathIn(language, '/r/')}`;
    return (index) => base + clickToken(key, { deliveryId, recipientId, index });
  };
}

/** Makes each recipient's open pixel address: `<site>/o/<token>` (no language prefix: the pixel has no page). */
export function openAddresses(key: string, siteUrl: string, deliveryId: number): (recipientId: number) => string {
  return (recipientId) => `${siteUrl}/o/${openToken(key, { deliveryId, recipientId })}`;
}

/**
 * Records a load of the open pixel `/o/<token>`: one count per delivery and ledger row, kept
 * without a contact (a keyed hash of the two), and a `contact_opens` row only for a contact whose
 * consent `engagement_tracking` is in force while the per-person switch is on. A forged token, a
 * gone ledger row, the switches off or a second load write nothing. The caller answers the same
 * GIF whatever this returns; the result is for tests.
 */
export async function recordOpen(db: Database, clock: Clock, env: { readonly trackingKey: string | undefined; readonly site: SettingsSource }, tokenText: string): Promise<'forged' | 'gone' | 'off' | 'counted' | 'not counted'> {
  const key = await trackingKey(db, env.trackingKey, clock);
  const token = readOpenToken(key, tokenText);
  if (!token) return 'forged';
  const settings = await getSiteSettings(db, env.site);
  if (!settings.values.clickTracking || !settings.values.openTracking) return 'off';
  const recipient = await findRecipient(db, token.deliveryId, token.recipientId);
  if (!recipient) return 'gone';
  const at = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    if (!(await insertDeliveryOpen(trx, { openKey: guardHash(key, 'open', `${token.deliveryId}:${token.recipientId}`), deliveryId: token.deliveryId, at }))) return 'not counted';
    if (recipient.contactId !== null && settings.tracking && (await consentInForce(trx, recipient.contactId, 'engagement_tracking'))) {
      await insertContactOpen(trx, { contactId: recipient.contactId, deliveryId: token.deliveryId, at });
    }
    return 'counted';
  });
}

/** A delivery's opens (the pixel's count, unreliable), and whether the desk shows them: the setting is on, or opens were counted. */
export async function deliveryOpens(db: Executor, source: SettingsSource, deliveryId: number): Promise<{ shown: boolean; opens: number }> {
  const [opens, settings] = await Promise.all([countDeliveryOpens(db, deliveryId), getSiteSettings(db, source)]);
  return { shown: opens > 0 || (settings.values.openTracking && settings.values.clickTracking), opens };
}

/** What a request to `/r/<token>` saw. */
export interface ClickRequest {
  readonly token: string;
  readonly method: string;
  readonly userAgent: string | null;
  /** The client's address; only a keyed hash of it is stored, and only for a day. */
  readonly ip: string;
}

/** What the redirect does: forged → 404; gone → 410 with the issue; else a redirect to `url`. */
export type ClickOutcome =
  | { readonly kind: 'forged' }
  | { readonly kind: 'gone'; readonly issueSlug: string | null }
  | { readonly kind: 'redirect'; readonly url: string; readonly counted: 'human' | MachineReason | 'not counted' };

/**
 * Checks a click token and records the click. Bounded: one counted click per token and client
 * address in DEDUPE_SECONDS, at most SOURCE_LIMIT per address in ten minutes and TOKEN_LIMIT per
 * token in an hour; past those, the redirect works and nothing is written.
 */
export async function recordClick(db: Database, clock: Clock, env: { readonly trackingKey: string | undefined; readonly site: SettingsSource }, request: ClickRequest): Promise<ClickOutcome> {
  const key = await trackingKey(db, env.trackingKey, clock);
  const token = readClickToken(key, request.token);
  if (!token) return { kind: 'forged' };
  const recipient = await findRecipient(db, token.deliveryId, token.recipientId);
  const link = recipient && (await findLink(db, token.deliveryId, recipient.language, token.index));
  if (!recipient || !link) {
    const issue = await findDeliveryIssue(db, token.deliveryId);
    return { kind: 'gone', issueSlug: issue && issue.status !== 'draft' ? issue.slug : null };
  }
  const settings = await getSiteSettings(db, env.site);
  if (!settings.values.clickTracking) return { kind: 'redirect', url: link.url, counted: 'not counted' };
  const now = clock.now();
  const at = now.toISOString();
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
  const sourceHash = guardHash(key, 'source', request.ip);
  const tokenHash = guardHash(key, 'token', request.token);
  const guardKey = guardHash(key, 'guard', `${request.ip}\n${request.token}`);
  const counted = await db.transaction().execute(async (trx): Promise<'human' | MachineReason | 'not counted'> => {
    const seen = await findGuard(trx, guardKey);
    if (seen && seen.at >= ago(DEDUPE_SECONDS)) return 'not counted';
    if ((await countGuards(trx, 'source_hash', sourceHash, ago(600))) >= SOURCE_LIMIT) return 'not counted';
    if ((await countGuards(trx, 'token_hash', tokenHash, ago(3600))) >= TOKEN_LIMIT) return 'not counted';
    if (seen) await deleteGuard(trx, guardKey);
    if (!(await insertGuard(trx, { guardKey, sourceHash, tokenHash, at }))) return 'not counted';
    let reason = machineReason({ method: request.method, userAgent: request.userAgent, sentAt: recipient.sentAt, now });
    const burst = reason === null && (await countSourceLinks(trx, sourceHash, ago(BURST_SECONDS))) >= BURST_LINKS;
    if (burst) reason = 'burst';
    const clickId = await insertLinkClick(trx, { deliveryId: token.deliveryId, language: recipient.language, index: token.index, at, reason });
    let contactClickId: number | null = null;
    if (reason === null && recipient.contactId !== null && settings.tracking && (await consentInForce(trx, recipient.contactId, 'engagement_tracking'))) {
      contactClickId = await insertContactClick(trx, { contactId: recipient.contactId, deliveryId: token.deliveryId, language: recipient.language, index: token.index, at });
    }
    await setGuardClicks(trx, guardKey, clickId, contactClickId);
    if (burst) await reclassifyBurst(trx, sourceHash, ago(BURST_SECONDS));
    return reason ?? 'human';
  });
  return { kind: 'redirect', url: link.url, counted };
}

/** A delivery's click report. */
export async function deliveryEngagement(db: Executor, deliveryId: number): Promise<DeliveryEngagement> {
  const [links, reasons, series, numbered] = await Promise.all([linkFigures(db, deliveryId), machineByReason(db, deliveryId), clickSeries(db, deliveryId), countDeliveryLinks(db, deliveryId)]);
  const items = new Map<string, { itemKind: NonNullable<EditionLink['itemKind']>; itemSlug: string; label: string; language: Language; human: number }>();
  for (const link of links) {
    if (!link.itemKind || !link.itemSlug) continue;
    const id = `${link.itemKind}:${link.itemSlug}:${link.language}`;
    const known = items.get(id) ?? { itemKind: link.itemKind, itemSlug: link.itemSlug, label: '', language: link.language, human: 0 };
    items.set(id, { ...known, label: known.label || link.label, human: known.human + link.human });
  }
  return {
    tracked: numbered > 0,
    human: links.reduce((sum, link) => sum + link.human, 0),
    machine: links.reduce((sum, link) => sum + link.machine, 0),
    machineByReason: reasons,
    links,
    items: [...items.values()].sort((a, b) => b.human - a.human || a.label.localeCompare(b.label)),
    series,
  };
}

/** A story's clicks across sends. */
export function storyEngagement(db: Executor, slug: string): Promise<StorySendFigure[]> {
  return storySends(db, slug);
}

/** What a consenting contact clicked (desk, `manage_people`). */
export function clicksOfContact(db: Executor, contactId: number): Promise<ContactClick[]> {
  return contactClicks(db, contactId);
}

/** A withdrawal of `engagement_tracking`: the contact's own clicks and opens go at once (the counts without a contact stay). */
export function forgetContactEngagement(db: Executor, contactId: number): Promise<void> {
  return deleteContactEngagement(db, contactId);
}

/** A contact's desk view: whether engagement tracking is in force for them, and what they clicked (none without consent). */
export async function contactEngagement(db: Executor, contactId: number): Promise<{ consented: boolean; clicks: ContactClick[] }> {
  const consented = await consentInForce(db, contactId, 'engagement_tracking');
  return { consented, clicks: consented ? await contactClicks(db, contactId) : [] };
}

/** A contact gives or withdraws `engagement_tracking` (the account page): the ledger row, and on withdrawal their own clicks and opens go, in one transaction. */
export async function setEngagementConsent(db: Database, clock: Clock, contactId: number, give: boolean, source: ConsentSource): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await recordConsent(trx, clock, { ...source, contactId, purpose: 'engagement_tracking', action: give ? 'confirmed' : 'withdrawn' });
    if (!give) await deleteContactEngagement(trx, contactId);
  });
}

/** What the account page shows: whether the contact's consent is in force, and whether the site records clicks per person at all. */
export async function engagementChoiceOf(db: Executor, source: SettingsSource, contactId: number): Promise<{ consented: boolean; siteRecords: boolean }> {
  const settings = await getSiteSettings(db, source);
  return { consented: await consentInForce(db, contactId, 'engagement_tracking'), siteRecords: settings.tracking && settings.values.clickTracking };
}

/** Innovators named by stories a company's consenting contacts clicked: organisation slug → story titles (organisation suggestions). */
export async function organizationsReadByCompany(db: Executor, companyId: number): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const row of await organizationsOfClickedStories(db, companyId)) out.set(row.organization, [...(out.get(row.organization) ?? []), row.title]);
  return out;
}
