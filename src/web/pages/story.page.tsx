import { Layout, MembersNotice, Prose, type Site, TitleText } from '../layout.js';
import { useLocale } from '../locale.js';
import type { IssueSummaryView } from '../../issues/issue-view.js';
import type { StoryView } from '../../stories/story-view.js';
import { Fact, SourcesLine } from './items.js';
import { sentence } from './sentence.js';
import { LeadFigure } from './lead-figure.js';

/** `/stories/<slug>`: one story, with where it appeared. */
export function StoryPage({
  site,
  story,
  issues,
  description,
  untranslated = false,
}: {
  site: Site;
  story: StoryView;
  issues: readonly IssueSummaryView[];
  description: string;
  untranslated?: boolean;
}) {
  const { t, path } = useLocale();
  const tags = [...story.topics, ...story.sectors];
  const separator = t('reading.listSeparator');
  return (
    <Layout site={site} meta={{ title: story.title, description, path: `/stories/${story.slug}`, ogType: 'article', image: story.leadImage ? { src: story.leadImage.emailSrc, alt: story.leadImage.alt } : null }}>
      <article class="story">
        <header class="page-header">
          {story.kicker ? <p class="eyebrow">{story.kicker}</p> : null}
          <h1>
            <TitleText title={story.title} untranslated={untranslated} />
          </h1>
          {issues.length > 0 ? (
            <p class="story__issues">
              {sentence(t, 'reading.story.in', {
                issues: issues.map((issue, index) => (
                  <>
                    {index > 0 ? separator : null}
                    <a href={path(`/issues/${issue.slug}`)}>{issue.title}</a>
                  </>
                )),
              })}
            </p>
          ) : null}
        </header>
        <LeadFigure image={story.leadImage} />
        <Prose html={story.body.html} class="story__body" />
        <SourcesLine story={story} />
        {story.body.withheld ? <MembersNotice what="story" contactEmail={site.contactEmail} /> : null}
        {tags.length > 0 || story.organizations.length > 0 ? (
          <dl class="facts facts--tags">
            <Fact term={t('reading.story.topics')}>{story.topicTerms.length > 0 ? <TermLinks terms={story.topicTerms} href={(term) => `/topics/${term.slug}`} /> : null}</Fact>
            <Fact term={t('reading.story.sectors')}>{story.sectorTerms.length > 0 ? <TermLinks terms={story.sectorTerms} href={(term) => `/sectors/${term.slug}`} /> : null}</Fact>
            <Fact term={t('reading.story.organizations')}>{story.organizationTerms.length > 0 ? <TermLinks terms={story.organizationTerms} href={(term) => `${term.inDirectory ? '/innovators' : '/organizations'}/${term.slug}`} /> : null}</Fact>
          </dl>
        ) : null}
      </article>
    </Layout>
  );
}

/** Links to the pages of a story's topics, sectors or organisations (an innovator's profile for one in the directory), in the reader's language. */
function TermLinks<T extends StoryView['topicTerms'][number]>({ terms, href }: { terms: readonly T[]; href: (term: T) => string }) {
  const { t, path } = useLocale();
  const separator = t('reading.listSeparator');
  return (
    <>
      {terms.map((term, index) => (
        <>
          {index > 0 ? separator : null}
          <a href={path(href(term))}>{term.name}</a>
        </>
      ))}
    </>
  );
}

