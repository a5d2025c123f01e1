import { Layout, MembersNotice, Prose, Time, type Site } from '../layout.js';
import type { IssueView } from '../../issues/issue-view.js';
import { Item } from './items.js';

/** One issue as the web edition shows it; also the home page (the latest issue). */
export function IssuePage({ site, issue, path, isLatest }: { site: Site; issue: IssueView; path: string; isLatest: boolean }) {
  return (
    <Layout
      site={site}
      meta={{
        title: path === '/' ? site.name : issue.title,
        description: issue.summary,
        path,
        ogType: 'article',
        current: path === '/' ? 'latest' : null,
      }}
    >
      <article class="issue">
        <header class="issue__header">
          <p class="eyebrow">{isLatest ? 'Latest issue' : 'From the archive'}</p>
          <h1>{issue.title}</h1>
          {issue.publishedAt && issue.publishedOn ? (
            <p class="issue__meta">
              Published <Time datetime={issue.publishedAt}>{issue.publishedOn}</Time>
            </p>
          ) : null}
        </header>
        <Prose html={issue.intro.html} class="issue__intro" />
        {issue.withheld ? <MembersNotice what="issue" contactEmail={site.contactEmail} /> : null}
        {issue.sections.length > 1 ? (
          <nav class="toc" aria-label="In this issue">
            <h2 class="toc__heading">In this issue</h2>
            <ol>
              {issue.sections.map((section) => (
                <li>
                  <a href={`#${section.anchor}`}>{section.heading}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        {issue.sections.map((section) => (
          <section class={`section section--${section.kind}`} id={section.anchor} aria-labelledby={`${section.anchor}-heading`}>
            <h2 id={`${section.anchor}-heading`}>{section.heading}</h2>
            {section.items.map((item) => (
              <Item item={item} />
            ))}
          </section>
        ))}
        {issue.withheld ? (
          <p class="issue__footer-note">Members can find the full version of this issue in their inbox.</p>
        ) : null}
      </article>
    </Layout>
  );
}

/** The home page before anything is published. */
export function EmptyHomePage({ site }: { site: Site }) {
  return (
    <Layout site={site} meta={{ title: site.name, description: `${site.name}: no issue published yet.`, path: '/', current: 'latest' }}>
      <h1>{site.name}</h1>
      <p>No issue has been published yet. Subscribe to hear when the first one is out.</p>
    </Layout>
  );
}
