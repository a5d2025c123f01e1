import { Layout, MembersNotice, Prose, type Site } from '../layout.js';
import type { IssueSummaryView, StoryView } from '../views.js';
import { SourcesLine } from './items.js';

/** `/stories/<slug>`: one story, with where it appeared. */
export function StoryPage({
  site,
  story,
  issues,
  description,
}: {
  site: Site;
  story: StoryView;
  issues: readonly IssueSummaryView[];
  description: string;
}) {
  const tags = [...story.topics, ...story.sectors];
  return (
    <Layout site={site} meta={{ title: story.title, description, path: `/stories/${story.slug}`, ogType: 'article' }}>
      <article class="story">
        <header class="page-header">
          {story.kicker ? <p class="eyebrow">{story.kicker}</p> : null}
          <h1>{story.title}</h1>
          {issues.length > 0 ? (
            <p class="story__issues">
              In{' '}
              {issues.map((issue, index) => (
                <>
                  {index > 0 ? ', ' : null}
                  <a href={`/issues/${issue.slug}`}>{issue.title}</a>
                </>
              ))}
            </p>
          ) : null}
        </header>
        <Prose html={story.body.html} class="story__body" />
        <SourcesLine story={story} />
        {story.body.withheld ? <MembersNotice what="story" /> : null}
        {tags.length > 0 || story.organizations.length > 0 ? (
          <dl class="facts facts--tags">
            {story.topics.length > 0 ? (
              <div>
                <dt>Topics</dt>
                <dd>{story.topics.join(', ')}</dd>
              </div>
            ) : null}
            {story.sectors.length > 0 ? (
              <div>
                <dt>Sectors</dt>
                <dd>{story.sectors.join(', ')}</dd>
              </div>
            ) : null}
            {story.organizations.length > 0 ? (
              <div>
                <dt>Organizations</dt>
                <dd>{story.organizations.join(', ')}</dd>
              </div>
            ) : null}
          </dl>
        ) : null}
      </article>
    </Layout>
  );
}
