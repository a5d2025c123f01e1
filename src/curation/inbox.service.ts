import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { Executor } from '../db/database.js';
import { Conflict, Invalid, NotFound } from '../lib/errors.js';
import { FetchFailed } from '../lib/safe-fetch.js';
import { SLUG } from '../lib/slug.js';
import { readArticleMeta } from './article-meta.js';
import { canonicalUrl } from './canonical-url.js';
import { RULE_ACTIONS, type CurationItem, type CurationRule, type InboxEntry, type InboxFilter, type RuleAction } from './curation.js';
import {
  claimPromotion, deleteRule, findClusterItems, findInboxLeads, findItem, findItemsOfStory, findKnownIdentities, findOpenItems, findRules, insertRule, updateItems, type ItemChange,
} from './curation.queries.js';
import { languageOf, validDate } from './feed-parse.js';
import { applyRules, identityOf, joinTags, storeItems } from './ingest.js';
import { plainText } from './item-html.js';
import type { CurationDeps } from './sources.service.js';

// The inbox: entries (a cluster's lead with every item of the cluster), what editors do to them
// (read, star, dismiss, assign, note, put on an issue's board), the rules, and articles added by
// hand. What an editor does to an entry is done to the lead, which holds the entry's state.

/** One page of inbox entries and how many match. */
export async function listInbox(db: Executor, filter: InboxFilter, page: { limit: number; offset: number }): Promise<{ entries: InboxEntry[]; total: number }> {
  const { leads, total } = await findInboxLeads(db, filter, page);
  const members = await findClusterItems(db, leads.map((lead) => lead.clusterId));
  const entries = leads.map((lead) => ({ lead, items: [lead, ...members.filter((item) => item.clusterId === lead.clusterId && item.id !== lead.id)] }));
  return { entries, total };
}

/** The entry an item belongs to (its cluster, led by the cluster's first item). */
export async function getEntry(db: Executor, itemId: number): Promise<InboxEntry> {
  const item = await findItem(db, itemId);
  if (!item) throw new NotFound(`There is no inbox item #${itemId}.`);
  const items = await findClusterItems(db, [item.clusterId]);
  const lead = items.find((each) => each.id === item.clusterId) ?? item;
  return { lead, items: [lead, ...items.filter((each) => each.id !== lead.id)] };
}

/** What an editor can do to an entry. */
export type EntryAction =
  | { readonly kind: 'read' | 'unread' | 'star' | 'unstar' | 'dismiss' | 'restore' }
  | { readonly kind: 'assign'; readonly staffId: number | null }
  | { readonly kind: 'note'; readonly note: string }
  | { readonly kind: 'board'; readonly issueId: number | null };

/** The longest note kept. */
export const NOTE_LIMIT = 4000;

function changeOf(action: EntryAction, now: string): ItemChange {
  switch (action.kind) {
    case 'read': return { read_at: now };
    case 'unread': return { read_at: null };
    case 'star': return { starred: 1 };
    case 'unstar': return { starred: 0 };
    case 'dismiss': return { dismissed: 1, read_at: now };
    case 'restore': return { dismissed: 0 };
    case 'assign': return { assignee_id: action.staffId };
    case 'note': return { note: action.note };
    case 'board': return { board_issue_id: action.issueId };
  }
}

/**
 * Applies an editor's action to the entry of `itemId` (its lead). The caller checks that an
 * assignee is a staff member and a board's issue is upcoming. Writes the activity log.
 */
export async function actOnEntry(deps: Pick<CurationDeps, 'db' | 'clock'>, actor: Actor, itemId: number, action: EntryAction): Promise<InboxEntry> {
  if (action.kind === 'note' && action.note.length > NOTE_LIMIT) throw new Invalid('The note was not saved.', [{ where: 'note', message: `must be at most ${NOTE_LIMIT} characters` }]);
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const entry = await getEntry(trx, itemId);
    await updateItems(trx, [entry.lead.id], changeOf(action, now), now);
    // Reading is not worth a line in the activity log; every other change is.
    if (action.kind !== 'read' && action.kind !== 'unread') {
      await recordActivity(trx, deps.clock, actor, `curation.${action.kind}`, { type: 'curation_item', id: entry.lead.id, label: entry.lead.title.slice(0, 200) });
    }
    return getEntry(trx, entry.lead.id);
  });
}

/** Every rule, by phrase. */
export function listRules(db: Executor): Promise<CurationRule[]> {
  return findRules(db);
}

/** What the rule form sends. */
export interface RuleDraft {
  readonly phrase: string;
  readonly action: string;
  readonly value: string;
}

/**
 * Adds a rule (topic and sector values are checked against `known` slugs) and applies it to the
 * open entries at once; returns how many it changed. `Invalid` names each field to fix.
 */
export async function addRule(deps: Pick<CurationDeps, 'db' | 'clock'>, actor: Actor, draft: RuleDraft, known: { topics: ReadonlySet<string>; sectors: ReadonlySet<string> }): Promise<number> {
  // Matching ignores case, so the rule is kept in lower case (and the same rule typed twice is one).
  const phrase = draft.phrase.trim().replace(/\s+/g, ' ').toLowerCase();
  const problems = [];
  if (phrase.length < 2 || phrase.length > 200) problems.push({ where: 'phrase', message: 'must be a word or phrase of 2 to 200 characters' });
  const action = (RULE_ACTIONS as readonly string[]).includes(draft.action) ? (draft.action as RuleAction) : undefined;
  if (!action) problems.push({ where: 'action', message: `choose one of ${RULE_ACTIONS.join(', ')}` });
  const value = action === 'topic' || action === 'sector' ? draft.value.trim() : '';
  if (action === 'topic' && !(SLUG.test(value) && known.topics.has(value))) problems.push({ where: 'value', message: 'choose a topic' });
  if (action === 'sector' && !(SLUG.test(value) && known.sectors.has(value))) problems.push({ where: 'value', message: 'choose a sector' });
  if (problems.length > 0 || !action) throw new Invalid('The rule was not saved.', problems);
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const id = await insertRule(trx, phrase, action, value, now);
    if (id === undefined) throw new Conflict('That rule exists already.');
    const rule: CurationRule = { id, phrase, action, value, createdAt: now };
    let changed = 0;
    for (const item of await findOpenItems(trx, 5000)) {
      const tags = applyRules([rule], `${item.title} ${item.summary}`);
      const change: ItemChange = {};
      if (tags.topics.length > 0 && !item.topics.includes(`,${value},`)) change.topics = joinTags([...item.topics.split(',').filter(Boolean), value]);
      if (tags.sectors.length > 0 && !item.sectors.includes(`,${value},`)) change.sectors = joinTags([...item.sectors.split(',').filter(Boolean), value]);
      if (tags.star) change.starred = 1;
      if (tags.dismiss) change.dismissed = 1;
      if (Object.keys(change).length === 0) continue;
      await updateItems(trx, [item.id], change, now);
      changed++;
    }
    await recordActivity(trx, deps.clock, actor, 'curation.rule.add', { type: 'curation_rule', id, label: phrase }, `${action}${value ? ` ${value}` : ''}`);
    return changed;
  });
}

/** Deletes a rule (what it did to items stays). */
export async function removeRule(deps: Pick<CurationDeps, 'db' | 'clock'>, actor: Actor, ruleId: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await deleteRule(trx, ruleId))) throw new NotFound(`There is no rule #${ruleId}.`);
    await recordActivity(trx, deps.clock, actor, 'curation.rule.remove', { type: 'curation_rule', id: ruleId, label: `#${ruleId}` });
  });
}

/** The largest article page read for its metadata. */
const MAX_PAGE_BYTES = 3 * 1024 * 1024;

function cleanAuthor(author: string | undefined): string | undefined {
  if (!author || /^https?:\/\//i.test(author)) return undefined;
  return plainText(author).slice(0, 200) || undefined;
}

/**
 * Adds an article by its address: the page is fetched (guarded) and its title, author, outlet,
 * date and summary read from its Open Graph / JSON-LD metadata; redirects are followed once and
 * the canonical address kept. `Invalid` (field `url`) when it cannot be read; `Conflict` when the
 * article is in the inbox already. Returns the new item's id.
 */
export async function addArticle(deps: CurationDeps, actor: Actor, address: string): Promise<number> {
  const problem = (message: string) => new Invalid('The article was not added.', [{ where: 'url', message }]);
  const requested = canonicalUrl(address);
  if (!requested || address.trim().length > 2000) throw problem('must be an http:// or https:// address of an article');
  let answer;
  try {
    answer = await deps.fetcher.fetch(requested, { accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1', maxBytes: MAX_PAGE_BYTES, timeoutMs: 20_000 });
  } catch (error) {
    const reason = error instanceof FetchFailed ? error.reason : 'network';
    throw problem(reason === 'address' ? 'is a private or local address, which is not fetched' : reason === 'timeout' ? 'did not answer in time' : reason === 'too_large' ? 'is too large a page' : 'could not be fetched');
  }
  if (answer.status < 200 || answer.status > 299) throw problem(`could not be fetched: the server answered ${answer.status}`);
  const meta = readArticleMeta(answer.body.toString('utf8'));
  const finalUrl = canonicalUrl(answer.finalUrl) ?? requested;
  const declared = meta.canonicalUrl ? canonicalUrl(new URL(meta.canonicalUrl, answer.finalUrl).href) : undefined;
  const title = meta.title?.slice(0, 500);
  if (!title) throw problem('has no title in its page (no Open Graph, JSON-LD or <title>)');
  const summary = (meta.summary ?? '').slice(0, 2000);
  const item = {
    sourceId: null, guid: undefined, url: answer.finalUrl, canonicalUrl: declared ?? finalUrl, title, author: cleanAuthor(meta.author),
    outlet: (meta.outlet ?? new URL(answer.finalUrl).hostname.replace(/^www\./, '')).slice(0, 200), publishedAt: validDate(meta.publishedAt),
    language: languageOf(meta.language), summary, contentHtml: '',
  };
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    if ((await findKnownIdentities(trx, [identityOf(item)])).size > 0) throw new Conflict(`The article ${item.canonicalUrl} is in the inbox already.`);
    const [id] = await storeItems(trx, [item], await findRules(trx), now);
    if (id === undefined) throw new Conflict(`The article ${item.canonicalUrl} is in the inbox already.`);
    await recordActivity(trx, deps.clock, actor, 'curation.article.add', { type: 'curation_item', id, label: title.slice(0, 200) }, item.canonicalUrl);
    return id;
  });
}

/**
 * Marks every item of an entry as promoted into `storyId` (inside the promotion's transaction);
 * `Conflict` naming nothing new when the entry's lead became a story already.
 */
export async function markEntryPromoted(trx: Executor, entry: InboxEntry, storyId: number, now: string): Promise<void> {
  const claimed = await claimPromotion(trx, [entry.lead.id], storyId, now);
  if (claimed === 0) throw new Conflict('This entry became a story already.');
  await claimPromotion(trx, entry.items.map((item) => item.id), storyId, now);
}

/** The inbox items a story was promoted from (the story's link back). */
export function getItemsOfStory(db: Executor, storyId: number): Promise<CurationItem[]> {
  return findItemsOfStory(db, storyId);
}

