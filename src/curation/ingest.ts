import { createHash } from 'node:crypto';
import type { Executor } from '../db/database.js';
import type { CurationRule } from './curation.js';
import { findClusterCandidates, findKnownIdentities, insertItem, type NewItemRow } from './curation.queries.js';
import { bandsOf, hammingDistance, NEAR_BITS, normalisedWords, simhash } from './simhash.js';

// Storing arriving items, whichever way they came (a feed poll, an article added by hand): the
// identity (GUID, else canonical URL, else a hash of the text), the rules, the cluster. Callers
// run this inside their transaction, so a poll stores all its new items or none.

/** How far back a near-duplicate is looked for. */
export const CLUSTER_WINDOW_DAYS = 30;

/** An item ready to store, before identity and clustering. */
export interface ArrivingItem {
  readonly sourceId: number | null;
  readonly guid: string | undefined;
  readonly url: string | undefined;
  readonly canonicalUrl: string | undefined;
  readonly title: string;
  readonly author: string | undefined;
  readonly outlet: string;
  readonly publishedAt: string | undefined;
  readonly language: string | undefined;
  readonly summary: string;
  readonly contentHtml: string;
}

/** The identity that makes an item arrive once: GUID (per source), else canonical URL, else the text's hash. */
export function identityOf(item: Pick<ArrivingItem, 'sourceId' | 'guid' | 'canonicalUrl' | 'title' | 'summary'>): string {
  if (item.guid && item.sourceId !== null) return `guid:${item.sourceId}:${item.guid}`;
  if (item.canonicalUrl) return `url:${item.canonicalUrl}`;
  return `hash:${createHash('sha256').update(`${item.title}\n${item.summary}`).digest('hex')}`;
}

/** What the rules do to an item's text: the topics and sectors it gets, whether it is starred or dismissed. */
export function applyRules(rules: readonly CurationRule[], text: string): { topics: string[]; sectors: string[]; star: boolean; dismiss: boolean } {
  const haystack = ` ${normalisedWords(text).join(' ')} `;
  const out = { topics: [] as string[], sectors: [] as string[], star: false, dismiss: false };
  for (const rule of rules) {
    const needle = normalisedWords(rule.phrase).join(' ');
    if (!needle || !haystack.includes(` ${needle} `)) continue;
    if (rule.action === 'topic' && !out.topics.includes(rule.value)) out.topics.push(rule.value);
    else if (rule.action === 'sector' && !out.sectors.includes(rule.value)) out.sectors.push(rule.value);
    else if (rule.action === 'star') out.star = true;
    else if (rule.action === 'dismiss') out.dismiss = true;
  }
  return out;
}

/** `,a,b,` for the LIKE filters, or '' for none. */
export function joinTags(tags: readonly string[]): string {
  return tags.length > 0 ? `,${tags.join(',')},` : '';
}

/**
 * Stores the items not stored yet (by identity), each with its rules applied and joined to the
 * cluster of its nearest earlier near-duplicate. Returns the ids of the new items.
 */
export async function storeItems(trx: Executor, arriving: readonly ArrivingItem[], rules: readonly CurationRule[], now: Date): Promise<number[]> {
  const withIdentity = arriving.map((item) => ({ item, identity: identityOf(item) }));
  const known = await findKnownIdentities(trx, withIdentity.map((entry) => entry.identity));
  const since = new Date(now.getTime() - CLUSTER_WINDOW_DAYS * 86_400_000).toISOString();
  const at = now.toISOString();
  const added: number[] = [];
  const fresh = withIdentity.filter(({ identity }) => !known.has(identity)).map((entry) => ({ ...entry, hash: simhash(`${entry.item.title} ${entry.item.summary}`) }));
  // One query for every candidate of the batch; items stored earlier in the batch join the list.
  const candidates = await findClusterCandidates(trx, fresh.map((entry) => bandsOf(entry.hash)), since);
  for (const { item, identity, hash } of fresh) {
    if (known.has(identity)) continue;
    known.add(identity);
    const bands = bandsOf(hash);
    const near = candidates.map((c) => ({ ...c, distance: hammingDistance(hash, c.simhash) })).filter((c) => c.distance <= NEAR_BITS).sort((a, b) => a.distance - b.distance || a.id - b.id)[0];
    const tags = applyRules(rules, `${item.title} ${item.summary}`);
    const row: NewItemRow = {
      source_id: item.sourceId, identity, url: item.url ?? null, canonical_url: item.canonicalUrl ?? null, title: item.title, author: item.author ?? null, outlet: item.outlet,
      published_at: item.publishedAt ?? null, language: item.language ?? null, summary: item.summary, content_html: item.contentHtml, simhash: hash,
      band0: bands[0], band1: bands[1], band2: bands[2], band3: bands[3], cluster_id: near?.clusterId ?? null,
      topics: joinTags(tags.topics), sectors: joinTags(tags.sectors), starred: tags.star ? 1 : 0, dismissed: tags.dismiss ? 1 : 0, created_at: at, updated_at: at,
    };
    const id = await insertItem(trx, row);
    if (id === undefined) continue;
    added.push(id);
    candidates.push({ id, simhash: hash, clusterId: near?.clusterId ?? id });
  }
  return added;
}
