import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import { lineText, plainText, sanitiseItemHtml } from './item-html.js';

// A fetched feed body → the entries we keep. The library only parses here: we fetched the body
// ourselves (lib/safe-fetch.ts) and hand it the text. A body that is not a feed throws
// `NotAFeed` with the reason, and nothing of it is kept.

/** The body is not a feed we can read (broken XML, an HTML page, unknown JSON). */
export class NotAFeed extends Error {}

/** One entry as the feed gives it, with the HTML already sanitised. */
export interface FeedEntryIn {
  /** The entry's own id (RSS guid, Atom id, JSON Feed id), when the feed gives one. */
  readonly guid: string | undefined;
  readonly url: string | undefined;
  readonly title: string;
  readonly author: string | undefined;
  readonly publishedAt: string | undefined;
  readonly summary: string;
  readonly contentHtml: string;
  readonly language: string | undefined;
}

/** A parsed feed: its own title, home page, language, format and entries. */
export interface ParsedFeed {
  readonly format: 'rss' | 'atom' | 'json';
  readonly title: string;
  readonly siteUrl: string | undefined;
  readonly language: string | undefined;
  readonly entries: readonly FeedEntryIn[];
}

/** At most this many entries of one feed are read per poll (feeds carry their newest first). */
export const MAX_ENTRIES = 200;

function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || undefined;
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return textOf(record['#text'] ?? record.name ?? record._text ?? record._cdata ?? record.$t ?? record['@_href']);
  }
  return undefined;
}

function authorOf(raw: Record<string, unknown>): string | undefined {
  const candidates = [raw['dc:creator'], raw.author, raw.authors, raw['itunes:author']];
  for (const candidate of candidates) {
    const list = Array.isArray(candidate) ? candidate : [candidate];
    const names = list.map(textOf).filter((name): name is string => Boolean(name));
    // RSS <author> is "mail@example.org (Name)": keep the name, never the address.
    const cleaned = names.map((name) => /\(([^)]+)\)/.exec(name)?.[1]?.trim() ?? name).filter((name) => !/^\S+@\S+$/.test(name));
    if (cleaned.length > 0) return cleaned.join(', ').slice(0, 200);
  }
  return undefined;
}

function rawExtras(raw: Record<string, unknown>): Record<string, unknown> {
  const content = raw['content:encoded'] ?? raw.content_html ?? raw.content ?? raw.summary ?? raw.description ?? raw.content_text ?? '';
  return {
    rawGuid: textOf(raw.guid) ?? textOf(raw.id),
    rawAuthor: authorOf(raw),
    rawContent: typeof content === 'string' ? content : textOf(content) ?? '',
    rawSummary: textOf(raw.summary) ?? textOf(raw.description) ?? textOf(raw.content_text),
    rawLanguage: textOf(raw.language) ?? textOf(raw['@_xml:lang']),
  };
}

function formatOf(body: string): 'json' | 'xml' {
  return /^\s*[{[]/.test(body) ? 'json' : 'xml';
}

/** Parses a feed body (RSS 2.0, Atom, RDF, JSON Feed); `baseUrl` makes relative links absolute. */
export function parseFeed(body: string, baseUrl: string): ParsedFeed {
  const options = { descriptionMaxLen: 0, baseUrl, getExtraEntryFields: rawExtras, getExtraFeedFields: (raw: Record<string, unknown>) => ({ rawLanguage: textOf(raw.language) ?? textOf(raw['@_xml:lang']) }) };
  let data: ReturnType<typeof extractFromXml>;
  let format: ParsedFeed['format'];
  if (formatOf(body) === 'json') {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new NotAFeed('the JSON is not well-formed');
    }
    if (!json || typeof json !== 'object' || !String((json as { version?: unknown }).version ?? '').includes('jsonfeed.org')) throw new NotAFeed('the JSON is not a JSON Feed (no jsonfeed.org version)');
    data = extractFromJson(json as Record<string, unknown>, options);
    format = 'json';
  } else {
    if (/^\s*<!doctype html|^\s*<html/i.test(body)) throw new NotAFeed('the address serves a web page, not a feed');
    try {
      data = extractFromXml(body, options);
    } catch (error) {
      throw new NotAFeed(error instanceof Error && /well-formed/.test(error.message) ? 'the XML is not well-formed' : 'the XML is not an RSS, Atom or RDF feed');
    }
    format = /<feed[\s>]/.test(body.slice(0, 5000)) ? 'atom' : 'rss';
  }
  const entries = (data.entries ?? []).slice(0, MAX_ENTRIES).map((entry): FeedEntryIn => {
    const contentHtml = sanitiseItemHtml(String(entry.rawContent ?? ''));
    const summary = plainText(String(entry.rawSummary ?? entry.description ?? contentHtml)).slice(0, 2000);
    return {
      guid: typeof entry.rawGuid === 'string' ? entry.rawGuid.slice(0, 500) : undefined,
      url: typeof entry.link === 'string' && entry.link ? entry.link : undefined,
      title: lineText(String(entry.title ?? '')).slice(0, 500),
      author: typeof entry.rawAuthor === 'string' ? lineText(entry.rawAuthor) || undefined : undefined,
      publishedAt: validDate(entry.published),
      summary,
      contentHtml,
      language: typeof entry.rawLanguage === 'string' ? entry.rawLanguage : undefined,
    };
  });
  return {
    format,
    title: lineText(String(data.title ?? '')).slice(0, 300),
    siteUrl: typeof data.link === 'string' && data.link ? data.link : undefined,
    language: typeof data.rawLanguage === 'string' ? data.rawLanguage : typeof data.language === 'string' && data.language ? data.language : undefined,
    entries,
  };
}

/** An ISO timestamp, or undefined when the feed's date does not parse. */
export function validDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

/** The two-letter language of a tag (`en-US` → `en`, `zh-Hans` → `zh`), or undefined. */
export function languageOf(tag: string | undefined): string | undefined {
  const match = /^([a-z]{2,3})(?:[-_]|$)/i.exec(tag?.trim() ?? '');
  return match ? match[1]!.toLowerCase() : undefined;
}
