import { Layout, Time, type Site } from '../layout.js';
import type { IssueSummaryView } from '../../issues/issue-view.js';

/** `/issues`: every published issue, newest first. */
export function ArchivePage({ site, issues }: { site: Site; issues: readonly IssueSummaryView[] }) {
  return (
    <Layout
      site={site}
      meta={{
        title: 'Archive',
        description: `Every issue of ${site.name}, newest first.`,
        path: '/issues',
        current: 'archive',
      }}
    >
      <header class="page-header">
        <h1>Archive</h1>
        <p class="lede">Every issue so far, newest first.</p>
      </header>
      {issues.length === 0 ? (
        <p>No issue has been published yet.</p>
      ) : (
        <ol class="archive">
          {issues.map((issue) => (
            <li class="archive__item">
              <h2 class="archive__title">
                <a href={`/issues/${issue.slug}`}>{issue.title}</a>
              </h2>
              {issue.publishedAt && issue.publishedOn ? (
                <p class="archive__meta">
                  <Time datetime={issue.publishedAt}>{issue.publishedOn}</Time>
                </p>
              ) : null}
              <p class="archive__summary">{issue.summary}</p>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
