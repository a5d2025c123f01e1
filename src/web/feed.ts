import { LANGUAGES, languageTag, type Language } from '../i18n/languages.js';
import { translator } from '../i18n/messages.js';
import { pathIn } from './locale.js';
import type { IssueView } from '../issues/issue-view.js';

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

/** The Atom feed of the public edition in `language`, newest issue first. */
export function renderAtomFeed(site: { name: string; url: string }, issues: readonly IssueView[], fallbackUpdated: string, language: Language): string {
  const updated = issues[0]?.publishedAt ?? fallbackUpdated;
  const entries = issues.map((issue) => renderEntry(site, issue, language)).join('');
  const home = `${site.url}${pathIn(language, '/')}`;
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="${xmlEscape(`${site.url}/`)}" xml:lang="${languageTag(language)}">` +
    `<title>${xmlEscape(site.name)}</title>` +
    `<subtitle>${xmlEscape(translator(language)('reading.feed.subtitle'))}</subtitle>` +
    `<id>${xmlEscape(language === 'en' ? `${site.url}/` : `${home}/`)}</id>` +
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(`${site.url}${pathIn(language, '/feed.xml')}`)}"/>` +
    `<link rel="alternate" type="text/html" href="${xmlEscape(language === 'en' ? `${site.url}/` : home)}"/>` +
    `<updated>${xmlEscape(updated)}</updated>` +
    `<author><name>${xmlEscape(site.name)}</name></author>` +
    entries +
    `</feed>\n`
  );
}

function renderEntry(site: { url: string }, issue: IssueView, language: Language): string {
  const url = `${site.url}${pathIn(language, `/issues/${issue.slug}`)}`;
  const stories = issue.sections.flatMap((section) =>
    section.items.flatMap((item) => (item.type === 'story' && item.story.kind !== 'announcement' ? [item.story] : [])),
  );
  const html =
    issue.intro.html +
    (stories.length > 0
      ? `<ul>${stories
          .map((story) => `<li><a href="${xmlEscape(`${site.url}${pathIn(language, `/stories/${story.slug}`)}`)}">${xmlEscape(story.title)}</a></li>`)
          .join('')}</ul>`
      : '') +
    (issue.withheld ? `<p>${xmlEscape(translator(language)('reading.feed.shortened'))}</p>` : '');
  return (
    `<entry>` +
    `<title>${xmlEscape(issue.title)}</title>` +
    `<id>${xmlEscape(url)}</id>` +
    `<link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>` +
    `<published>${xmlEscape(issue.publishedAt ?? '')}</published>` +
    `<updated>${xmlEscape(issue.publishedAt ?? '')}</updated>` +
    `<summary>${xmlEscape(issue.summary)}</summary>` +
    `<content type="html">${xmlEscape(html)}</content>` +
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
