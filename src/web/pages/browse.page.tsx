import { formatInteger } from '../../i18n/format.js';
import { Layout, TitleText, type Site } from '../layout.js';
import { useLocale } from '../locale.js';
import { Pager, pageHref } from './pager.js';
import { sentence } from './sentence.js';

/** A story as a browse list shows it: its title, kicker and public summary. */
export interface StoryListItem {
  readonly slug: string;
  readonly title: string;
  readonly kicker: string | null;
  readonly summary: string;
  readonly untranslated: boolean;
}

/** A list of stories as browse pages and profiles show them: kicker, title (marked when untranslated), public summary. */
export function StoryList({ stories }: { stories: readonly StoryListItem[] }) {
  const { path } = useLocale();
  return (
    <ol class="archive">
      {stories.map((story) => (
        <li class="archive__item">
          {story.kicker ? <p class="eyebrow">{story.kicker}</p> : null}
          <h3 class="archive__title">
            <a href={path(`/stories/${story.slug}`)}>
              <TitleText title={story.title} untranslated={story.untranslated} />
            </a>
          </h3>
          <p class="archive__summary">{story.summary}</p>
        </li>
      ))}
    </ol>
  );
}

/** The subject of a browse page: a topic, a sector or an organisation. */
export interface BrowseSubject {
  readonly kind: 'topic' | 'sector' | 'organization';
  readonly slug: string;
  readonly name: string;
  readonly description: string;
}

const PLURALS = { topic: 'topics', sector: 'sectors', organization: 'organizations' } as const;
const KICKERS = { topic: 'browse.topic.kicker', sector: 'browse.sector.kicker', organization: 'browse.organization.kicker' } as const;

/** The path of a topic's, sector's or organisation's page, without the language prefix. */
export function subjectPath(subject: Pick<BrowseSubject, 'kind' | 'slug'>): string {
  return `/${PLURALS[subject.kind]}/${subject.slug}`;
}

/** `/topics/<slug>`, `/sectors/<slug>`, `/organizations/<slug>`: the public stories on one subject, newest first, a page at a time, with the subject's feeds. */
export function BrowsePage({ site, subject, stories, page, pages }: { site: Site; subject: BrowseSubject; stories: readonly StoryListItem[]; page: number; pages: number }) {
  const { t, path, language } = useLocale();
  const base = subjectPath(subject);
  const title = page > 1 ? t('browse.term.titlePage', { name: subject.name, page: formatInteger(language, page), pages: formatInteger(language, pages) }) : subject.name;
  return (
    <Layout site={site} meta={{ title, description: subject.description || t(subject.kind === 'organization' ? 'browse.organization.description' : 'browse.term.description', { name: subject.name, site: site.name }), path: pageHref(base, page) }}>
      <header class="page-header">
        <p class="eyebrow">{t(KICKERS[subject.kind])}</p>
        <h1>{subject.name}</h1>
        {subject.description ? <p class="lede">{subject.description}</p> : null}
        <p class="event-subscribe">
          {sentence(t, subject.kind === 'organization' ? 'browse.organization.follow' : 'browse.term.follow', {
            atom: <a href={path(`${base}/feed.xml`)} type="application/atom+xml">{t('browse.feed.atom')}</a>,
            json: <a href={path(`${base}/feed.json`)} type="application/feed+json">{t('browse.feed.json')}</a>,
          }, { name: subject.name })}
        </p>
      </header>
      <section aria-labelledby="stories-heading">
        <h2 id="stories-heading">{t('browse.term.stories')}</h2>
        {stories.length === 0 ? (
          <p>{t('browse.term.empty')}</p>
        ) : (
          <StoryList stories={stories} />
        )}
      </section>
      <Pager path={base} page={page} pages={pages} />
    </Layout>
  );
}

/** An organisation as `/organizations` lists it. */
export interface OrganizationEntry {
  readonly slug: string;
  readonly name: string;
  readonly stories: number;
  readonly inDirectory: boolean;
}

/** `/organizations`: every organisation published stories mention, by slug, with its count of stories, a page at a time. */
export function OrganizationsPage({ site, organizations, page, pages }: { site: Site; organizations: readonly OrganizationEntry[]; page: number; pages: number }) {
  const { t, path, language } = useLocale();
  const title = page > 1 ? t('browse.organizations.titlePage', { page: formatInteger(language, page), pages: formatInteger(language, pages) }) : t('browse.organizations.title');
  return (
    <Layout site={site} meta={{ title, description: t('browse.organizations.description', { site: site.name }), path: pageHref('/organizations', page) }}>
      <header class="page-header">
        <h1>{t('browse.organizations.title')}</h1>
        <p class="lede">{t('browse.organizations.lede')}</p>
      </header>
      {organizations.length === 0 ? (
        <p>{t('browse.organizations.empty')}</p>
      ) : (
        <ul class="term-index">
          {organizations.map((organization) => (
            <li>
              <a href={path(organization.inDirectory ? `/innovators/${organization.slug}` : subjectPath({ kind: 'organization', slug: organization.slug }))}>{organization.name}</a>{' '}
              <span class="term-index__count">{t('browse.organizations.stories', { count: organization.stories })}</span>
            </li>
          ))}
        </ul>
      )}
      <Pager path="/organizations" page={page} pages={pages} />
    </Layout>
  );
}
