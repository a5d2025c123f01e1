import { decodeEntities, plainText } from './item-html.js';

// What an article page says about itself: Open Graph / article meta tags and schema.org JSON-LD
// (NewsArticle and friends), read from the HTML we fetched. JSON-LD wins where both speak (it
// names the author as a person); the <title> and the host name are the last resort.

/** An article's citation as its page declares it. */
export interface ArticleMeta {
  readonly title: string | undefined;
  readonly author: string | undefined;
  readonly outlet: string | undefined;
  /** ISO 8601, as the page gives it. */
  readonly publishedAt: string | undefined;
  readonly summary: string | undefined;
  readonly canonicalUrl: string | undefined;
  readonly language: string | undefined;
}

function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(/([a-zA-Z_:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    attributes.set(match[1]!.toLowerCase(), decodeEntities(match[2] ?? match[3] ?? match[4] ?? '').trim());
  }
  return attributes;
}

const ARTICLE_TYPES = /^(NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|WebPage|Report|ScholarlyArticle|TechArticle|PressRelease)$/;

type Json = unknown;

function nameOf(value: Json): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((name): name is string => Boolean(name));
    return names.length > 0 ? names.join(', ') : undefined;
  }
  if (value && typeof value === 'object' && 'name' in value) return nameOf((value as { name: Json }).name);
  return undefined;
}

function jsonLdArticles(html: string): Record<string, Json>[] {
  const found: Record<string, Json>[] = [];
  for (const match of html.matchAll(/<script\b[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script>/gi)) {
    let data: Json;
    try {
      data = JSON.parse(match[1]!);
    } catch {
      continue;
    }
    const queue: Json[] = [data];
    while (queue.length > 0 && found.length < 20) {
      const node = queue.shift();
      if (Array.isArray(node)) queue.push(...node);
      else if (node && typeof node === 'object') {
        const record = node as Record<string, Json>;
        if (Array.isArray(record['@graph'])) queue.push(...(record['@graph'] as Json[]));
        const types = ([] as Json[]).concat(record['@type'] ?? []);
        if (types.some((type) => typeof type === 'string' && ARTICLE_TYPES.test(type))) found.push(record);
      }
    }
  }
  // An article type before a generic WebPage.
  return found.sort((a, b) => Number(String(a['@type']).includes('WebPage')) - Number(String(b['@type']).includes('WebPage')));
}

function text(value: Json): string | undefined {
  return typeof value === 'string' && value.trim() ? plainText(value) : undefined;
}

/** Reads an article page's citation from its HTML (at most the first 2 MB are read). */
export function readArticleMeta(source: string): ArticleMeta {
  const html = source.slice(0, 2_000_000);
  const meta = new Map<string, string>();
  for (const match of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attributes = attributesOf(match[0]);
    const key = (attributes.get('property') ?? attributes.get('name') ?? attributes.get('itemprop'))?.toLowerCase();
    const content = attributes.get('content');
    if (key && content && !meta.has(key)) meta.set(key, content);
  }
  let canonical: string | undefined;
  for (const match of html.matchAll(/<link\b[^>]*>/gi)) {
    const attributes = attributesOf(match[0]);
    if (attributes.get('rel')?.toLowerCase().split(/\s+/).includes('canonical') && attributes.get('href')) canonical = attributes.get('href');
  }
  const titleTag = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const language = /<html\b[^>]*\blang\s*=\s*["']?([a-zA-Z-]+)/i.exec(html)?.[1];
  const article = jsonLdArticles(html)[0] ?? {};
  const publisher = nameOf(article.publisher);
  return {
    title: text(article.headline) ?? text(article.name) ?? meta.get('og:title') ?? meta.get('twitter:title') ?? (titleTag ? plainText(titleTag) || undefined : undefined),
    author: nameOf(article.author) ?? meta.get('author') ?? meta.get('article:author') ?? meta.get('parsely-author') ?? meta.get('dc.creator'),
    outlet: publisher ?? meta.get('og:site_name') ?? meta.get('application-name'),
    publishedAt: text(article.datePublished) ?? meta.get('article:published_time') ?? meta.get('og:published_time') ?? meta.get('date') ?? meta.get('dc.date') ?? text(article.dateCreated),
    summary: text(article.description) ?? meta.get('og:description') ?? meta.get('description') ?? meta.get('twitter:description'),
    canonicalUrl: meta.get('og:url') ?? canonical ?? text(article.url),
    language: language ?? meta.get('og:locale')?.replace('_', '-') ?? text(article.inLanguage),
  };
}
