import type { ComponentChildren } from 'preact';
import type { BodyView } from '../../content/audience.js';
import type { Term } from '../../content/taxonomy.js';
import { formatInteger } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/messages.js';
import { safeHref } from '../../lib/markdown.js';
import type { DirectoryFacets, DirectoryFilter, OrganizationKind } from '../../organizations/organizations.js';
import { Layout, MembersNotice, Prose, type Site } from '../layout.js';
import { useLocale } from '../locale.js';
import { StoryList, type StoryListItem } from './browse.page.js';
import { Select } from './events.page.js';
import { Fact } from './items.js';
import { Pager, pageHref } from './pager.js';

// Organisation profiles: `/innovators/<slug>` for one in the directory and `/organizations/<slug>`
// for any other profiled organisation show the same profile (facts, text with the members-only
// split, its stories and events); `/innovators` is the directory with its filters.

/** A profile as its page shows it: the members-only part already left out for the public. */
export interface ProfileView {
  readonly slug: string;
  readonly name: string;
  readonly nameZh: string | null;
  readonly kind: OrganizationKind | null;
  readonly city: string | null;
  readonly foundedYear: number | null;
  readonly website: string | null;
  readonly sectors: readonly Term[];
  readonly technologies: readonly Term[];
  readonly body: BodyView;
  readonly inDirectory: boolean;
}

const kindLabel = (kind: OrganizationKind): MessageKey => `organizationProfile.kind.${kind}` as MessageKey;

function Links({ terms, href }: { terms: readonly Term[]; href: (term: Term) => string }) {
  const { t, path } = useLocale();
  return (
    <>
      {terms.map((term, index) => (
        <>
          {index > 0 ? t('reading.listSeparator') : null}
          <a href={path(href(term))}>{term.name}</a>
        </>
      ))}
    </>
  );
}

/** The profile's facts (kind, city, founding year, website, sectors, technologies). */
export function ProfileFacts({ profile }: { profile: ProfileView }) {
  const { t } = useLocale();
  const website = safeHref(profile.website);
  return (
    <dl class="facts">
      <Fact term={t('organizationProfile.fact.kind')}>{profile.kind ? t(kindLabel(profile.kind)) : null}</Fact>
      <Fact term={t('organizationProfile.fact.city')}>{profile.city}</Fact>
      <Fact term={t('organizationProfile.fact.founded')}>{profile.foundedYear !== null ? String(profile.foundedYear) : null}</Fact>
      <Fact term={t('organizationProfile.fact.website')}>{website ? <a href={website} rel="noopener">{website.replace(/^https?:\/\//, '').replace(/\/$/, '')}</a> : null}</Fact>
      <Fact term={t('organizationProfile.fact.sectors')}>{profile.sectors.length > 0 ? <Links terms={profile.sectors} href={(s) => (profile.inDirectory ? `/innovators?sector=${s.slug}` : `/sectors/${s.slug}`)} /> : null}</Fact>
      <Fact term={t('organizationProfile.fact.technologies')}>
        {profile.technologies.length > 0
          ? profile.inDirectory
            ? <Links terms={profile.technologies} href={(tech) => `/innovators?technology=${tech.slug}`} />
            : profile.technologies.map((tech) => tech.name).join(t('reading.listSeparator'))
          : null}
      </Fact>
    </dl>
  );
}

/**
 * `/innovators/<slug>` (in the directory) and `/organizations/<slug>` (any other profile): the
 * profile, its stories a page at a time, the events that name it, and what the page's owner adds
 * (the introduction request of issue 17 for innovators).
 */
export function ProfilePage({ site, profile, stories, page, pages, events, description, children }: {
  site: Site; profile: ProfileView; stories: readonly StoryListItem[]; page: number; pages: number; events: readonly { slug: string; title: string }[]; description: string; children?: ComponentChildren;
}) {
  const { t, path, language } = useLocale();
  const base = `${profile.inDirectory ? '/innovators' : '/organizations'}/${profile.slug}`;
  const title = page > 1 ? t('browse.term.titlePage', { name: profile.name, page: formatInteger(language, page), pages: formatInteger(language, pages) }) : profile.name;
  return (
    <Layout site={site} meta={{ title, description, path: pageHref(base, page) }}>
      <article class="profile">
        <header class="page-header">
          <p class="eyebrow">{t(profile.inDirectory ? 'innovators.kicker' : 'organizationProfile.kicker')}</p>
          <h1>{profile.name}</h1>
          {profile.nameZh ? <p class="profile__name-zh" lang="zh-Hans">{profile.nameZh}</p> : null}
        </header>
        <section aria-label={t('organizationProfile.facts', { name: profile.name })}>
          <ProfileFacts profile={profile} />
        </section>
        <Prose html={profile.body.html} class="profile__body" />
        {profile.body.withheld ? <MembersNotice what="organization" contactEmail={site.contactEmail} /> : null}
        {children}
        <section aria-labelledby="profile-stories">
          <h2 id="profile-stories">{t('organizationProfile.stories', { name: profile.name })}</h2>
          {stories.length === 0 ? <p>{t('organizationProfile.noStories', { name: profile.name })}</p> : <StoryList stories={stories} />}
          <p class="event-subscribe">
            <a href={path(`/organizations/${profile.slug}/feed.xml`)} type="application/atom+xml">{t('browse.feed.atom')}</a>
            {' · '}
            <a href={path(`/organizations/${profile.slug}/feed.json`)} type="application/feed+json">{t('browse.feed.json')}</a>
          </p>
          <Pager path={base} page={page} pages={pages} />
        </section>
        {events.length > 0 ? (
          <section aria-labelledby="profile-events">
            <h2 id="profile-events">{t('organizationProfile.events', { name: profile.name })}</h2>
            <ul>
              {events.map((event) => (
                <li>
                  <a href={path(`/events/${event.slug}`)}>{event.title}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
    </Layout>
  );
}

/** An innovator as the directory lists it. */
export interface DirectoryItemView {
  readonly slug: string;
  readonly name: string;
  readonly nameZh: string | null;
  readonly kind: OrganizationKind | null;
  readonly city: string | null;
  readonly summary: string;
  readonly sectors: readonly Term[];
  readonly technologies: readonly Term[];
}

/** `/innovators?…` for a filter and page; empty values are left out. */
export function directoryHref(filter: DirectoryFilter, page = 1): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'sector', 'technology', 'city', 'kind'] as const) if (filter[key]) params.set(key, filter[key]!);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/innovators?${query}` : '/innovators';
}

/** `/innovators`: the directory, filtered by sector, technology, city, kind and words, a page at a time. */
export function DirectoryPage({ site, items, total, filter, facets, page, pages }: {
  site: Site; items: readonly DirectoryItemView[]; total: number; filter: DirectoryFilter; facets: DirectoryFacets; page: number; pages: number;
}) {
  const { t, path, language } = useLocale();
  const filtered = Object.values(filter).some(Boolean);
  const all = { value: '', label: t('innovators.filter.all') };
  const title = page > 1 ? t('innovators.titlePage', { page: formatInteger(language, page), pages: formatInteger(language, pages) }) : t('innovators.title');
  return (
    <Layout site={site} meta={{ title, description: t('innovators.description', { site: site.name }), path: directoryHref(filter, page), noindex: filtered }}>
      <header class="page-header">
        <h1>{t('innovators.title')}</h1>
        <p class="lede">{t('innovators.lede')}</p>
      </header>
      <form method="get" action={path('/innovators')} class="event-filters" role="search" aria-label={t('innovators.filters')}>
        <div class="field">
          <label for="filter-q">{t('innovators.filter.q')}</label>
          <input type="search" id="filter-q" name="q" value={filter.q ?? ''} maxLength={200} />
        </div>
        <Select name="sector" label={t('innovators.filter.sector')} value={filter.sector ?? ''} options={[all, ...facets.sectors.map((s) => ({ value: s.slug, label: s.name }))]} />
        <Select name="technology" label={t('innovators.filter.technology')} value={filter.technology ?? ''} options={[all, ...facets.technologies.map((s) => ({ value: s.slug, label: s.name }))]} />
        <Select name="city" label={t('innovators.filter.city')} value={filter.city ?? ''} options={[all, ...facets.cities.map((c) => ({ value: c.name, label: c.name }))]} />
        <Select name="kind" label={t('innovators.filter.kind')} value={filter.kind ?? ''} options={[all, ...facets.kinds.map((k) => ({ value: k.kind, label: t(kindLabel(k.kind)) }))]} />
        <button type="submit" class="button">{t('innovators.filter.show')}</button>
        {filtered ? <a href={path('/innovators')}>{t('innovators.filter.clear')}</a> : null}
      </form>
      <p role="status">{t('innovators.count', { count: total })}</p>
      {items.length === 0 && !filtered ? <p>{t('innovators.empty')}</p> : null}
      <ul class="event-list">
        {items.map((item) => (
          <li class="event-card">
            <h2 class="event-card__title">
              <a href={path(`/innovators/${item.slug}`)}>{item.name}</a>
              {item.nameZh ? <span class="profile__name-zh" lang="zh-Hans"> {item.nameZh}</span> : null}
            </h2>
            <p class="finding__bases">{[item.kind ? t(kindLabel(item.kind)) : null, item.city, ...item.sectors.map((s) => s.name)].filter(Boolean).join(' · ')}</p>
            <p>{item.summary}</p>
          </li>
        ))}
      </ul>
      <Pager path={directoryHref(filter)} page={page} pages={pages} />
    </Layout>
  );
}
