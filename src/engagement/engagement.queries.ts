import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Language } from '../i18n/languages.js';
import { MACHINE_REASONS, type ContactClick, type EditionLink, type LinkFigure, type MachineReason, type StorySendFigure } from './engagement.js';

// The SQL of engagement: numbered links, click counts without a contact, consenting contacts'
// clicks, click guards (keyed hashes only) and the tracking key.

export async function findKey(db: Executor, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('engagement_keys').select('secret').where('name', '=', name).executeTakeFirst();
  return row?.secret;
}

export async function insertKey(db: Executor, name: string, secret: string, now: string): Promise<void> {
  await db.insertInto('engagement_keys').values({ name, secret, created_at: now }).onConflict((oc) => oc.column('name').doNothing()).execute();
}

export async function insertLinks(db: Executor, deliveryId: number, language: Language, links: readonly EditionLink[]): Promise<void> {
  for (let i = 0; i < links.length; i += 200) {
    const chunk = links.slice(i, i + 200).map((link) => ({ delivery_id: deliveryId, language, link_index: link.index, url: link.url, item_kind: link.itemKind, item_slug: link.itemSlug, label: link.label }));
    await db.insertInto('delivery_links').values(chunk).onConflict((oc) => oc.columns(['delivery_id', 'language', 'link_index']).doNothing()).execute();
  }
}

/** The link a token points to, with its delivery's issue (for the 410 page when the link is gone). */
export async function findLink(db: Executor, deliveryId: number, language: Language, index: number): Promise<{ url: string } | undefined> {
  return db.selectFrom('delivery_links').select('url').where('delivery_id', '=', deliveryId).where('language', '=', language).where('link_index', '=', index).executeTakeFirst();
}

export async function findDeliveryIssue(db: Executor, deliveryId: number): Promise<{ slug: string; status: string } | undefined> {
  return db.selectFrom('deliveries').innerJoin('issues', 'issues.id', 'deliveries.issue_id').select(['issues.slug as slug', 'issues.status as status']).where('deliveries.id', '=', deliveryId).executeTakeFirst();
}

export async function findRecipient(db: Executor, deliveryId: number, recipientId: number): Promise<{ language: Language; contactId: number | null; sentAt: string | null } | undefined> {
  const row = await db.selectFrom('delivery_recipients').select(['language', 'contact_id', 'sent_at']).where('id', '=', recipientId).where('delivery_id', '=', deliveryId).executeTakeFirst();
  return row && { language: row.language, contactId: row.contact_id, sentAt: row.sent_at };
}

export async function countGuards(db: Executor, column: 'source_hash' | 'token_hash', value: string, since: string): Promise<number> {
  const row = await db.selectFrom('click_guards').select((eb) => eb.fn.countAll<number>().as('n')).where(column, '=', value).where('at', '>=', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countSourceLinks(db: Executor, sourceHash: string, since: string): Promise<number> {
  const row = await db.selectFrom('click_guards').select(sql<number>`count(distinct token_hash)`.as('n')).where('source_hash', '=', sourceHash).where('at', '>=', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findGuard(db: Executor, guardKey: string): Promise<{ at: string } | undefined> {
  return db.selectFrom('click_guards').select('at').where('guard_key', '=', guardKey).executeTakeFirst();
}

export async function deleteGuard(db: Executor, guardKey: string): Promise<void> {
  await db.deleteFrom('click_guards').where('guard_key', '=', guardKey).execute();
}

/** Inserts a guard; false when another request holds the same key (a duplicate). */
export async function insertGuard(db: Executor, row: { guardKey: string; sourceHash: string; tokenHash: string; at: string }): Promise<boolean> {
  const result = await db
    .insertInto('click_guards')
    .values({ guard_key: row.guardKey, source_hash: row.sourceHash, token_hash: row.tokenHash, click_id: null, contact_click_id: null, at: row.at })
    .onConflict((oc) => oc.column('guard_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setGuardClicks(db: Executor, guardKey: string, clickId: number, contactClickId: number | null): Promise<void> {
  await db.updateTable('click_guards').set({ click_id: clickId, contact_click_id: contactClickId }).where('guard_key', '=', guardKey).execute();
}

export async function insertLinkClick(db: Executor, row: { deliveryId: number; language: Language; index: number; at: string; reason: MachineReason | null }): Promise<number> {
  const inserted = await db
    .insertInto('link_clicks')
    .values({ delivery_id: row.deliveryId, language: row.language, link_index: row.index, clicked_at: row.at, human: row.reason === null ? 1 : 0, machine_reason: row.reason })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function insertContactClick(db: Executor, row: { contactId: number; deliveryId: number; language: Language; index: number; at: string }): Promise<number> {
  const inserted = await db
    .insertInto('contact_clicks')
    .values({ contact_id: row.contactId, delivery_id: row.deliveryId, language: row.language, link_index: row.index, clicked_at: row.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** A burst found late: the source's earlier human clicks in the window become machine ones, and their per-contact rows go. */
export async function reclassifyBurst(db: Executor, sourceHash: string, since: string): Promise<void> {
  const guards = await db.selectFrom('click_guards').select(['click_id', 'contact_click_id']).where('source_hash', '=', sourceHash).where('at', '>=', since).execute();
  const clickIds = guards.map((g) => g.click_id).filter((id): id is number => id !== null);
  const contactIds = guards.map((g) => g.contact_click_id).filter((id): id is number => id !== null);
  if (clickIds.length > 0) await db.updateTable('link_clicks').set({ human: 0, machine_reason: 'burst' }).where('id', 'in', clickIds).where('human', '=', 1).execute();
  if (contactIds.length > 0) await db.deleteFrom('contact_clicks').where('id', 'in', contactIds).execute();
  await db.updateTable('click_guards').set({ contact_click_id: null }).where('source_hash', '=', sourceHash).where('at', '>=', since).execute();
}

export async function deleteContactEngagement(db: Executor, contactId: number): Promise<void> {
  await db.deleteFrom('contact_clicks').where('contact_id', '=', contactId).execute();
  await db.deleteFrom('contact_opens').where('contact_id', '=', contactId).execute();
}

export async function countDeliveryLinks(db: Executor, deliveryId: number): Promise<number> {
  const row = await db.selectFrom('delivery_links').select((eb) => eb.fn.countAll<number>().as('n')).where('delivery_id', '=', deliveryId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every link of a delivery with its human and machine clicks. */
export async function linkFigures(db: Executor, deliveryId: number): Promise<LinkFigure[]> {
  const rows = await db
    .selectFrom('delivery_links as dl')
    .leftJoin('link_clicks as lc', (join) => join.onRef('lc.delivery_id', '=', 'dl.delivery_id').onRef('lc.language', '=', 'dl.language').onRef('lc.link_index', '=', 'dl.link_index'))
    .select(['dl.language', 'dl.link_index', 'dl.url', 'dl.item_kind', 'dl.item_slug', 'dl.label'])
    .select(sql<number>`coalesce(sum(lc.human), 0)`.as('human'))
    .select(sql<number>`count(lc.id) - coalesce(sum(lc.human), 0)`.as('machine'))
    .where('dl.delivery_id', '=', deliveryId)
    .groupBy(['dl.language', 'dl.link_index', 'dl.url', 'dl.item_kind', 'dl.item_slug', 'dl.label'])
    .orderBy('dl.language')
    .orderBy('dl.link_index')
    .execute();
  return rows.map((r) => ({ language: r.language, index: r.link_index, url: r.url, itemKind: r.item_kind, itemSlug: r.item_slug, label: r.label, human: Number(r.human), machine: Number(r.machine) }));
}

export async function machineByReason(db: Executor, deliveryId: number): Promise<Record<MachineReason, number>> {
  const rows = await db.selectFrom('link_clicks').select(['machine_reason']).select((eb) => eb.fn.countAll<number>().as('n')).where('delivery_id', '=', deliveryId).where('human', '=', 0).groupBy('machine_reason').execute();
  const out = Object.fromEntries(MACHINE_REASONS.map((reason) => [reason, 0])) as Record<MachineReason, number>;
  for (const row of rows) if (row.machine_reason) out[row.machine_reason] = Number(row.n);
  return out;
}

/** Clicks per hour (`YYYY-MM-DDTHH`). */
export async function clickSeries(db: Executor, deliveryId: number): Promise<{ hour: string; human: number; machine: number }[]> {
  const rows = await db
    .selectFrom('link_clicks')
    .select(sql<string>`substr(clicked_at, 1, 13)`.as('hour'))
    .select(sql<number>`sum(human)`.as('human'))
    .select(sql<number>`count(*) - sum(human)`.as('machine'))
    .where('delivery_id', '=', deliveryId)
    .groupBy(sql`substr(clicked_at, 1, 13)`)
    .orderBy(sql`substr(clicked_at, 1, 13)`)
    .execute();
  return rows.map((r) => ({ hour: r.hour, human: Number(r.human), machine: Number(r.machine) }));
}

/** A story's clicks in every send that had it. */
export async function storySends(db: Executor, slug: string): Promise<StorySendFigure[]> {
  const rows = await db
    .selectFrom('delivery_links as dl')
    .innerJoin('deliveries as d', 'd.id', 'dl.delivery_id')
    .innerJoin('issues as i', 'i.id', 'd.issue_id')
    .leftJoin('link_clicks as lc', (join) => join.onRef('lc.delivery_id', '=', 'dl.delivery_id').onRef('lc.language', '=', 'dl.language').onRef('lc.link_index', '=', 'dl.link_index'))
    .select(['d.id as delivery_id', 'i.slug as issue_slug', 'i.title as issue_title', 'd.edition', 'dl.language'])
    .select(sql<number>`coalesce(sum(lc.human), 0)`.as('human'))
    .select(sql<number>`count(lc.id) - coalesce(sum(lc.human), 0)`.as('machine'))
    .where('dl.item_kind', '=', 'story')
    .where('dl.item_slug', '=', slug)
    .where('d.kind', '=', 'send')
    .groupBy(['d.id', 'i.slug', 'i.title', 'd.edition', 'dl.language'])
    .orderBy('d.id')
    .orderBy('dl.language')
    .execute();
  return rows.map((r) => ({ deliveryId: r.delivery_id, issueSlug: r.issue_slug, issueTitle: r.issue_title, edition: r.edition, language: r.language, human: Number(r.human), machine: Number(r.machine) }));
}

/** A consenting contact's clicks, newest first. */
export async function contactClicks(db: Executor, contactId: number, limit = 200): Promise<ContactClick[]> {
  const rows = await db
    .selectFrom('contact_clicks as cc')
    .innerJoin('deliveries as d', 'd.id', 'cc.delivery_id')
    .innerJoin('issues as i', 'i.id', 'd.issue_id')
    .leftJoin('delivery_links as dl', (join) => join.onRef('dl.delivery_id', '=', 'cc.delivery_id').onRef('dl.language', '=', 'cc.language').onRef('dl.link_index', '=', 'cc.link_index'))
    .select(['cc.clicked_at', 'cc.delivery_id', 'i.title as issue_title', 'dl.url', 'dl.label', 'dl.item_slug', 'dl.item_kind'])
    .where('cc.contact_id', '=', contactId)
    .orderBy('cc.clicked_at', 'desc')
    .orderBy('cc.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ clickedAt: r.clicked_at, deliveryId: r.delivery_id, issueTitle: r.issue_title, url: r.url ?? '', label: r.label ?? '', itemSlug: r.item_kind === 'story' ? r.item_slug : null }));
}

/** Human clicks per story slug, of sends between two times (the impact page). */
export async function humanClicksPerStory(db: Executor, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('link_clicks as lc')
    .innerJoin('delivery_links as dl', (join) => join.onRef('lc.delivery_id', '=', 'dl.delivery_id').onRef('lc.language', '=', 'dl.language').onRef('lc.link_index', '=', 'dl.link_index'))
    .innerJoin('deliveries as d', 'd.id', 'lc.delivery_id')
    .select(['dl.item_slug'])
    .select(sql<number>`sum(lc.human)`.as('human'))
    .where('dl.item_kind', '=', 'story')
    .where('d.kind', '=', 'send')
    .where('lc.clicked_at', '>=', from)
    .where('lc.clicked_at', '<', to)
    .groupBy('dl.item_slug')
    .execute();
  return new Map(rows.filter((r) => r.item_slug !== null).map((r) => [r.item_slug!, Number(r.human)]));
}

/** Organisations named by stories a company's consenting contacts clicked: organisation slug and story title. */
export async function organizationsOfClickedStories(db: Executor, companyId: number): Promise<{ organization: string; title: string }[]> {
  return db
    .selectFrom('contact_clicks as cc')
    .innerJoin('contacts as c', 'c.id', 'cc.contact_id')
    .innerJoin('delivery_links as dl', (join) => join.onRef('dl.delivery_id', '=', 'cc.delivery_id').onRef('dl.language', '=', 'cc.language').onRef('dl.link_index', '=', 'cc.link_index'))
    .innerJoin('stories as st', 'st.slug', 'dl.item_slug')
    .innerJoin('story_organizations as so', 'so.story_id', 'st.id')
    .innerJoin('organizations as o', 'o.id', 'so.organization_id')
    .select(['o.slug as organization', 'st.title as title'])
    .distinct()
    .where('c.company_id', '=', companyId)
    .where('dl.item_kind', '=', 'story')
    .execute();
}

/** Counts an open of one delivery and ledger row (its guard holds a keyed hash only); false when it was counted before. */
export async function insertDeliveryOpen(db: Executor, row: { openKey: string; deliveryId: number; at: string }): Promise<boolean> {
  const result = await db.insertInto('open_guards').values({ open_key: row.openKey, at: row.at }).onConflict((oc) => oc.column('open_key').doNothing()).executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await db
    .insertInto('delivery_open_counts')
    .values({ delivery_id: row.deliveryId, opens: 1 })
    .onConflict((oc) => oc.column('delivery_id').doUpdateSet({ opens: sql`delivery_open_counts.opens + 1` }))
    .execute();
  return true;
}

export async function insertContactOpen(db: Executor, row: { contactId: number; deliveryId: number; at: string }): Promise<void> {
  await db.insertInto('contact_opens').values({ contact_id: row.contactId, delivery_id: row.deliveryId, opened_at: row.at }).onConflict((oc) => oc.columns(['contact_id', 'delivery_id']).doNothing()).execute();
}

export async function countDeliveryOpens(db: Executor, deliveryId: number): Promise<number> {
  const row = await db.selectFrom('delivery_open_counts').select('opens').where('delivery_id', '=', deliveryId).executeTakeFirst();
  return Number(row?.opens ?? 0);
}
