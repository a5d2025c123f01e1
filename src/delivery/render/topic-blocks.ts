// Topic choices (issue 20): an edition is compiled ONCE per delivery and language with markers
// around its blocks (each story's full block and its title line, each section, the "your topics"
// section); a recipient's variant is assembled from those blocks, never compiled again. The
// markers use the placeholder delimiters (stripped from all content first), so no story text can
// forge one. A variant key names the mode and the topics a contact follows:
// `first:ai,energy` or `only:ai`; null means today's issue, unchanged.

import { TOPIC_MODES, type TopicMode } from '../../db/tables/members.js';
import type { EditionTemplate } from '../delivery.js';
import { prepareEdition, type PreparedEdition } from './placeholders.js';

const OPEN = '\uE000';
const CLOSE = '\uE001';

/** A block marker (`#name` or `#name:arg`) inside a compiled template. */
export function blockMark(name: 'fy' | '/fy' | 'slot' | 'only' | '/only' | 'sec' | '/sec' | 'item' | 'alt' | '/item', arg?: string): string {
  return `${OPEN}#${name}${arg === undefined ? '' : `:${arg}`}${CLOSE}`;
}

/** What a recipient's variant shows: the mode and the topics (slugs) followed. */
export interface TopicChoice {
  readonly mode: TopicMode;
  readonly topics: readonly string[];
}

/**
 * The variant key of a contact's choices: null (today's issue, unchanged) for one who follows
 * no topic or every topic; otherwise the mode and the sorted slugs.
 */
export function variantKey(mode: TopicMode, followed: readonly string[], allTopics: number): string | null {
  const topics = [...new Set(followed)].sort();
  if (topics.length === 0 || topics.length >= allTopics) return null;
  return `${mode}:${topics.join(',')}`;
}

/** Reads a variant key back (null: unchanged, also for a key that does not parse). */
export function parseVariantKey(key: string | null): TopicChoice | null {
  if (!key) return null;
  const colon = key.indexOf(':');
  const mode = key.slice(0, colon) as TopicMode;
  if (colon < 0 || !TOPIC_MODES.includes(mode)) return null;
  const topics = key.slice(colon + 1).split(',').filter(Boolean);
  return topics.length === 0 ? null : { mode, topics };
}

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'item'; readonly topics: readonly string[]; readonly full: string; readonly title: string }
  | { readonly kind: 'sec'; readonly parts: readonly Part[] };

/** A compiled part (HTML or text) split at its block markers once, ready to assemble variants. */
export interface BlockTemplate {
  /** Whether the part had blocks at all (one compiled before topic choices has none). */
  readonly hasBlocks: boolean;
  assemble(choice: TopicChoice | null): string;
}

// A marker takes its line break with it (the text part has each on a line of its own).
const MARK = /\uE000#([a-z/]+)(?::([^\uE000\uE001]*))?\uE001\n?/g;

/** Splits a compiled part at its markers. */
export function parseBlocks(template: string): BlockTemplate {
  const tokens: Array<{ name: string; arg: string; at: number; end: number }> = [];
  for (const match of template.matchAll(MARK)) tokens.push({ name: match[1]!, arg: match[2] ?? '', at: match.index, end: match.index + match[0].length });
  if (tokens.length === 0) return { hasBlocks: false, assemble: () => template };
  const top: Part[] = [];
  let fyBefore = '';
  let fyAfter = '';
  let onlyNote = '';
  let fyAt = -1;
  let section: Part[] | null = null;
  let item: { topics: string[]; fullFrom: number; altAt: number; titleFrom: number } | null = null;
  let last = 0;
  const push = (part: Part) => (section ?? top).push(part);
  const text = (to: number) => {
    if (to > last) push({ kind: 'text', text: template.slice(last, to) });
  };
  for (const token of tokens) {
    switch (token.name) {
      case 'fy':
        text(token.at);
        fyAt = top.length;
        break;
      case 'slot':
        fyBefore = template.slice(last, token.at);
        break;
      case 'only':
        fyAfter = template.slice(last, token.at);
        break;
      case '/only':
        onlyNote = template.slice(last, token.at);
        break;
      case '/fy':
        fyAfter += template.slice(last, token.at);
        break;
      case 'sec':
        text(token.at);
        section = [];
        break;
      case '/sec':
        text(token.at);
        top.push({ kind: 'sec', parts: section ?? [] });
        section = null;
        break;
      case 'item':
        text(token.at);
        item = { topics: token.arg.split(',').filter(Boolean), fullFrom: token.end, altAt: -1, titleFrom: -1 };
        break;
      case 'alt':
        if (item) {
          item.altAt = token.at;
          item.titleFrom = token.end;
        }
        break;
      case '/item':
        if (item) push({ kind: 'item', topics: item.topics, full: template.slice(item.fullFrom, item.altAt), title: template.slice(item.titleFrom, token.at) });
        item = null;
        break;
    }
    last = token.end;
  }
  text(template.length);

  const fullOf = (parts: readonly Part[]): string => parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'item' ? p.full : fullOf(p.parts))).join('');
  const followedIn = (parts: readonly Part[], wanted: ReadonlySet<string>): Part[] =>
    parts.flatMap((p) => (p.kind === 'item' ? (p.topics.some((topic) => wanted.has(topic)) ? [p] : []) : p.kind === 'sec' ? followedIn(p.parts, wanted) : []));

  /** An item that is not a story (an event, a programme, a report): `*`, always in full where it is. */
  const always = (p: Part) => p.kind === 'item' && p.topics.includes('*');
  return {
    hasBlocks: true,
    assemble(choice) {
      if (!choice) return fullOf(top);
      const wanted = new Set(choice.topics);
      const isFollowed = (p: Part) => p.kind === 'item' && !always(p) && p.topics.some((topic) => wanted.has(topic));
      const chosen = followedIn(top, wanted).filter((p) => !always(p)) as Array<Extract<Part, { kind: 'item' }>>;
      const forYou = () => (chosen.length > 0 ? fyBefore + chosen.map((p) => p.full).join('') + (choice.mode === 'only' ? onlyNote : '') + fyAfter : '');
      const itemOf = (p: Extract<Part, { kind: 'item' }>) => (always(p) ? p.full : isFollowed(p) ? '' : choice.mode === 'first' ? p.title : '');
      let out = '';
      top.forEach((part, index) => {
        if (index === fyAt) out += forYou();
        if (part.kind === 'text') out += part.text;
        else if (part.kind === 'item') out += itemOf(part);
        else {
          // A section: its followed stories moved up, the others as titles ('first') or left out
          // ('only'); a section of stories left with none is left out, heading and all.
          const items = part.parts.filter((p): p is Extract<Part, { kind: 'item' }> => p.kind === 'item');
          if (items.length > 0 && items.every((p) => itemOf(p) === '')) return;
          out += part.parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'item' ? itemOf(p) : fullOf(p.parts))).join('');
        }
      });
      if (fyAt === top.length) out += forYou();
      return out;
    },
  };
}

/** A plain-text part as sent: at most two empty lines in a row. */
export function tidyText(text: string): string {
  return text.replace(/\n{4,}/g, '\n\n\n');
}

/** How many variants were assembled (observable by tests and the bench): once per language, variant and run, never per recipient. */
export const assemblyCount = { variants: 0 };

/** A stored edition (with block markers) and its variants, each assembled and prepared once, on first use. */
export interface EditionVariants {
  /** The issue unchanged (key null) or a topic variant, prepared for personalising. */
  variant(key: string | null): PreparedEdition;
}

/** Splits a stored edition into blocks once; variants are assembled from them and cached by key. */
export function editionVariants(template: EditionTemplate): EditionVariants {
  const html = parseBlocks(template.html);
  const text = parseBlocks(template.text);
  const cache = new Map<string, PreparedEdition>();
  const build = (choice: TopicChoice | null): PreparedEdition => {
    assemblyCount.variants++;
    return prepareEdition({ subject: template.subject, html: html.assemble(choice), text: tidyText(text.assemble(choice)), ...(template.images ? { images: template.images } : {}) });
  };
  return {
    variant(key) {
      const choice = html.hasBlocks ? parseVariantKey(key) : null;
      const id = choice ? `${choice.mode}:${choice.topics.join(',')}` : '';
      let prepared = cache.get(id);
      if (!prepared) cache.set(id, (prepared = build(choice)));
      return prepared;
    },
  };
}
