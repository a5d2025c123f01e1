import { LANGUAGES, languageTag, type Language } from '../i18n/languages.js';
import { translator } from '../i18n/messages.js';
import { pathIn } from './locale.js';
import type { IssueView } from '../issues/issue-view.js';
import type { StoryView } from '../stories/story-view.js';

// Atom (RFC 4287) of the public web edition: one entry per issue, whose content is the issue's
// teaser and the teasers of its stories. Built from public views only; each language has its
// feed (`/feed.xml`, `/de/feed.xml`, `/zh/feed.xml`) linking to the pages in that language.

/** Escapes text for XML element content and attribute values. */
export function xmlEscape(text: string): string {
  return text
    .toWellFormed()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Characters XML 1.0 forbids.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** How many entries a feed page carries (RFC 5005 paged feeds: older entries are on `?page=2`, …). */
export const FEED_PAGE_SIZE = 50;

/** Which page of a paged feed this is (from 1), of how many. */
export interface FeedPaging {
  readonly page: number;
  readonly pages: number;
}

/** The address of page `page` of the feed at `path` (page 1 has no query). */
export function feedPageUrl(site: { url: string }, language: Language, path: string, page: number): string {
  return `${site.url}${pathIn(language, path)}${page > 1 ? `?page=${page}` : ''}`;
}

/** RFC 5005 section 3 (paged feeds): first, last, previous (newer) and next (older) pages. */
function pagingLinks(site: { url: string }, language: Language, path: string, paging: FeedPaging): { rel: string; href: string }[] {
  const at = (page: number) => feedPageUrl(site, language, path, page);
  if (paging.pages <= 1) return [];
  return [
    { rel: 'first', href: at(1) },
    ...(paging.page > 1 ? [{ rel: 'previous', href: at(paging.page - 1) }] : []),
    ...(paging.page < paging.pages ? [{ rel: 'next', href: at(paging.page + 1) }] : []),
    { rel: 'last', href: at(paging.pages) },
  ];
}

/** What a feed of issues is about: its title, its own path (`/feed.xml`) and the page it mirrors. */
export interface FeedInfo {
  readonly title: string;
  readonly subtitle: string;
  /** The feed's path without the language prefix and without the extension: `/feed`, `/topics/ai/feed`. */
  readonly path: string;
  /** The HTML page the feed follows, without the language prefix: `/`, `/topics/ai`. */
  readonly home: string;
}

/** The feed of the public edition's issues. */
export function issueFeedInfo(site: { name: string }, language: Language): FeedInfo {
  return { title: site.name, subtitle: translator(language)('reading.feed.subtitle'), path: '/feed', home: '/' };
}

/** One entry of a feed, from a public view: an issue or a story. */
export interface FeedEntry {
  /** Absolute URL of the entry's page, also its id. */
  readonly url: string;
  readonly title: string;
  readonly summary: string;
  /** The entry's public content as HTML. */
  readonly html: string;
  readonly published: string | null;
  readonly updated: string | null;
}

/** An issue as a feed entry: its public intro and links to its stories. */
export function issueEntry(site: { url: string }, issue: IssueView, language: Language): FeedEntry {
  return {
    url: `${site.url}${pathIn(language, `/issues/${issue.slug}`)}`,
    title: issue.title,
    summary: issue.summary,
    html: entryHtml(site, issue, language),
    published: issue.publishedAt,
    updated: issue.publishedAt,
  };
}

/** A story as a feed entry: its public text only (the view given must be the public one). */
export function storyEntry(site: { url: string }, story: StoryView, summary: string, updated: string, language: Language): FeedEntry {
  return {
    url: `${site.url}${pathIn(language, `/stories/${story.slug}`)}`,
    title: story.title,
    summary,
    html: story.body.html + (story.body.withheld ? `<p>${xmlEscape(translator(language)('reading.feed.shortened'))}</p>` : ''),
    published: null,
    updated,
  };
}

/** The Atom feed of the public edition in `language`, newest issue first: one page of at most FEED_PAGE_SIZE entries. */
export function renderAtomFeed(
  site: { name: string; url: string }, issues: readonly IssueView[], fallbackUpdated: string, language: Language,
  paging: FeedPaging = { page: 1, pages: 1 }, info: FeedInfo = issueFeedInfo(site, language),
): string {
  return renderAtom(site, issues.map((issue) => issueEntry(site, issue, language)), fallbackUpdated, language, paging, info);
}

/** An Atom feed (RFC 4287) of `entries`, with RFC 5005 paging links. */
export function renderAtom(
  site: { name: string; url: string }, entries: readonly FeedEntry[], fallbackUpdated: string, language: Language, paging: FeedPaging, info: FeedInfo,
): string {
  const updated = entries.map((entry) => entry.updated ?? '').reduce((a, b) => (b > a ? b : a), '') || fallbackUpdated;
  const homeUrl = `${site.url}${pathIn(language, info.home)}`;
  // The feed's id names the feed, whichever page: the page it mirrors (as before paging).
  const id = info.home === '/' ? (language === 'en' ? `${site.url}/` : `${homeUrl}/`) : homeUrl;
  const links = pagingLinks(site, language, `${info.path}.xml`, paging)
    .map((link) => `<link rel="${link.rel}" type="application/atom+xml" href="${xmlEscape(link.href)}"/>`)
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="${xmlEscape(`${site.url}/`)}" xml:lang="${languageTag(language)}">` +
    `<title>${xmlEscape(info.title)}</title>` +
    `<subtitle>${xmlEscape(info.subtitle)}</subtitle>` +
    `<id>${xmlEscape(id)}</id>` +
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(feedPageUrl(site, language, `${info.path}.xml`, paging.page))}"/>` +
    `<link rel="alternate" type="text/html" href="${xmlEscape(info.home === '/' && language === 'en' ? `${site.url}/` : homeUrl)}"/>` +
    links +
    `<updated>${xmlEscape(updated)}</updated>` +
    `<author><name>${xmlEscape(site.name)}</name></author>` +
    entries.map(renderEntry).join('') +
    `</feed>\n`
  );
}

/** The same issues as JSON Feed 1.1 (https://jsonfeed.org/version/1.1); `next_url` points at the older page. */
export function renderJsonFeed(
  site: { name: string; url: string }, issues: readonly IssueView[], language: Language,
  paging: FeedPaging = { page: 1, pages: 1 }, info: FeedInfo = issueFeedInfo(site, language),
): string {
  return renderJson(site, issues.map((issue) => issueEntry(site, issue, language)), language, paging, info);
}

/** A JSON Feed 1.1 of `entries`; `next_url` points at the older page. */
export function renderJson(site: { name: string; url: string }, entries: readonly FeedEntry[], language: Language, paging: FeedPaging, info: FeedInfo): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: info.title,
    description: info.subtitle,
    home_page_url: `${site.url}${pathIn(language, info.home)}`,
    feed_url: feedPageUrl(site, language, `${info.path}.json`, paging.page),
    ...(paging.page < paging.pages ? { next_url: feedPageUrl(site, language, `${info.path}.json`, paging.page + 1) } : {}),
    language: languageTag(language),
    authors: [{ name: site.name }],
    items: entries.map((entry) => ({
      id: entry.url,
      url: entry.url,
      title: entry.title,
      summary: entry.summary,
      content_html: entry.html,
      ...(entry.published ? { date_published: entry.published } : {}),
      ...(entry.updated ? { date_modified: entry.updated } : {}),
      language: languageTag(language),
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

/** An entry's content: the issue's public intro and links to its stories. */
function entryHtml(site: { url: string }, issue: IssueView, language: Language): string {
  const stories = issue.sections.flatMap((section) =>
    section.items.flatMap((item) => (item.type === 'story' && item.story.kind !== 'announcement' ? [item.story] : [])),
  );
  return (
    issue.intro.html +
    (stories.length > 0
      ? `<ul>${stories
          .map((story) => `<li><a href="${xmlEscape(`${site.url}${pathIn(language, `/stories/${story.slug}`)}`)}">${xmlEscape(story.title)}</a></li>`)
          .join('')}</ul>`
      : '') +
    (issue.withheld ? `<p>${xmlEscape(translator(language)('reading.feed.shortened'))}</p>` : '')
  );
}

function renderEntry(entry: FeedEntry): string {
  return (
    `<entry>` +
    `<title>${xmlEscape(entry.title)}</title>` +
    `<id>${xmlEscape(entry.url)}</id>` +
    `<link rel="alternate" type="text/html" href="${xmlEscape(entry.url)}"/>` +
    (entry.published !== null || entry.updated === null ? `<published>${xmlEscape(entry.published ?? '')}</published>` : '') +
    `<updated>${xmlEscape(entry.updated ?? '')}</updated>` +
    `<summary>${xmlEscape(entry.summary)}</summary>` +
    `<content type="html">${xmlEscape(entry.html)}</content>` +
    `</entry>`
  );
}

/** A sitemap (sitemaps.org 0.9) of every public URL. */
export function renderSitemap(site: { url: string }, entries: readonly { path: string; lastmod?: string | null }[]): string {
  const urls = entries
    .flatMap((entry) => {
      const lastmod = entry.lastmod ? `<lastmod>${xmlEscape(entry.lastmod.slice(0, 10))}</lastmod>` : '';
      // Every language version is listed, each naming all versions and the default (Google's hreflang in sitemaps).
      const alternates =
        LANGUAGES.map((language) => `<xhtml:link rel="alternate" hreflang="${languageTag(language)}" href="${xmlEscape(`${site.url}${pathIn(language, entry.path)}`)}"/>`).join('') +
        `<xhtml:link rel="alternate" hreflang="x-default" href="${xmlEscape(`${site.url}${entry.path}`)}"/>`;
      return LANGUAGES.map((language) => `<url><loc>${xmlEscape(`${site.url}${pathIn(language, entry.path)}`)}</loc>${lastmod}${alternates}</url>`);
    })
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${urls}</urlset>\n`;
}
