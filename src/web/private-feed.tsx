import { render } from 'preact-render-to-string';
import type { Language } from '../i18n/languages.js';
import { translator } from '../i18n/messages.js';
import type { IssueView } from '../issues/issue-view.js';
import { renderAtom, type FeedEntry, type FeedInfo, type FeedPaging } from './feed.js';
import { Prose } from './layout.js';
import { LocaleContext, localeOf, pathIn } from './locale.js';
import { Item } from './pages/items.js';

// THE ONE EXCEPTION to "members-only text never on a public surface" (docs/feeds.md, "Private
// feed"): a member's full-text Atom feed, opened by the token of their feed link alone. Its
// entries are the issues as the web edition shows them to a member (intro, sections, every item
// with its members-only part), rendered by the issue page's own item components. Only the
// private feed route calls this, after members/private-feeds.service.ts accepted the token; the
// public feeds (feed.ts) are built from public views only.

/** The address of a private feed in a language, with its token: what the account page shows once. */
export function privateFeedPath(language: Language, token: string): string {
  return pathIn(language, `/feeds/private/${token}.xml`);
}

/** What the private feed is: its title, its own path (with the token: its self and paging links) and the archive it follows. */
export function privateFeedInfo(site: { name: string }, language: Language, token: string): FeedInfo {
  const t = translator(language);
  return { title: t('privateFeed.feed.title', { site: site.name }), subtitle: t('privateFeed.feed.subtitle'), path: `/feeds/private/${token}`, home: '/issues' };
}

/** An issue as seen by a member, as HTML with absolute links (feed readers differ in honouring xml:base). */
function fullIssueHtml(site: { url: string }, issue: IssueView, language: Language): string {
  const html = render(
    <LocaleContext.Provider value={localeOf(language)}>
      <Prose html={issue.intro.html} />
      {issue.sections.map((section) => (
        <section>
          <h2>{section.heading}</h2>
          {section.items.map((item) => (
            <Item item={item} />
          ))}
        </section>
      ))}
    </LocaleContext.Provider>,
  );
  return html.replace(/(\s(?:href|src)=")\/(?!\/)/g, `$1${site.url}/`);
}

/** An issue, as a member reads it, as a feed entry. The view must be the member's (`viewIssue(…, 'member', …)`). */
function fullIssueEntry(site: { url: string }, issue: IssueView, language: Language): FeedEntry {
  return {
    url: `${site.url}${pathIn(language, `/issues/${issue.slug}`)}`,
    title: issue.title,
    summary: issue.summary,
    html: fullIssueHtml(site, issue, language),
    published: issue.publishedAt,
    updated: issue.publishedAt,
  };
}

/** The private feed: one page of issues, newest first, each with its full text. */
export function renderPrivateAtomFeed(site: { name: string; url: string }, issues: readonly IssueView[], language: Language, paging: FeedPaging, token: string): string {
  return renderAtom(site, issues.map((issue) => fullIssueEntry(site, issue, language)), new Date(0).toISOString(), language, paging, privateFeedInfo(site, language, token));
}
