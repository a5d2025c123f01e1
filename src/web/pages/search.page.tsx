import { formatInteger } from '../../i18n/format.js';
import { LANGUAGE_NAMES, languageTag } from '../../i18n/languages.js';
import type { MessageKey } from '../../i18n/messages.js';
import { MAX_QUERY_LENGTH, type FacetCount, type SearchHit, type SearchKind, type SearchOutcome } from '../../search/search.js';
import { Layout, type Site } from '../layout.js';
import { pathIn, useLocale } from '../locale.js';

// `/search`: the search box, the outcome (a message, or hits with facets and pages). Snippets are
// plain text parts: JSX escapes them, and only the parts the search marked go into <mark>.

/** The validated query of `/search`. */
export interface SearchParams {
  readonly q: string;
  readonly kind?: SearchKind | undefined;
  readonly topic?: string | undefined;
  readonly sector?: string | undefined;
  readonly year?: number | undefined;
  readonly quarter?: number | undefined;
  readonly language?: 'en' | 'de' | 'zh' | undefined;
  readonly page: number;
}

type FilterName = 'kind' | 'topic' | 'sector' | 'year' | 'quarter' | 'language';

/** `/search?…` for a query, its filters and a page; empty values are left out. */
export function searchHref(params: SearchParams, change: Partial<Record<FilterName | 'page', string | number | undefined>> = {}): string {
  const query = new URLSearchParams();
  query.set('q', params.q);
  const merged: Record<string, string | number | undefined> = { kind: params.kind, topic: params.topic, sector: params.sector, year: params.year, quarter: params.quarter, language: params.language, ...change };
  for (const name of ['kind', 'topic', 'sector', 'year', 'quarter', 'language'] as const) {
    const value = merged[name];
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const page = change.page ?? (Object.keys(change).length > 0 ? 1 : params.page);
  if (Number(page) > 1) query.set('page', String(page));
  return `/search?${query.toString()}`;
}

const HIT_PATHS: Readonly<Record<SearchKind, ((slug: string) => string) | undefined>> = {
  story: (slug) => `/stories/${slug}`,
  issue: (slug) => `/issues/${slug}`,
  event: (slug) => `/events/${slug}`,
  program: (slug) => `/programs/${slug}`,
  // A report has no page of its own: it is read inside the issues that list it.
  report: undefined,
  innovator: (slug) => `/innovators/${slug}`,
};

function Hit({ hit }: { hit: SearchHit }) {
  const { t } = useLocale();
  const path = HIT_PATHS[hit.kind]?.(hit.slug);
  const lang = languageTag(hit.language);
  return (
    <li class="search-hit">
      <p class="search-hit__kind">{t(`search.kind.${hit.kind}` as MessageKey)}</p>
      <h3 class="search-hit__title" lang={lang}>
        {path ? <a href={pathIn(hit.language, path)}>{hit.title}</a> : hit.title}
      </h3>
      <p class="search-hit__snippet" lang={lang}>
        {hit.snippet.map((part) => (part.mark ? <mark>{part.text}</mark> : part.text))}
      </p>
    </li>
  );
}

function Facet<V extends string | number>({ name, label, values, current, params, show, approximate }: {
  name: FilterName; label: string; values: readonly FacetCount<V>[]; current: string | number | undefined; params: SearchParams; show: (value: V) => string;
  /** The counts are of the most recent hits only: the values are shown without them. */
  approximate: boolean;
}) {
  const { t, language, path } = useLocale();
  if (values.length === 0 && current === undefined) return null;
  return (
    <section class="search-facet" aria-labelledby={`facet-${name}`}>
      <h3 id={`facet-${name}`}>{label}</h3>
      <ul>
        {current !== undefined ? (
          <li>
            <a href={path(searchHref(params, { [name]: undefined }))}>{t('search.facet.all')}</a>
          </li>
        ) : null}
        {values.map((facet) => (
          <li>
            <a href={path(searchHref(params, { [name]: name === 'quarter' ? String(facet.value).slice(-1) : facet.value, ...(name === 'quarter' ? { year: String(facet.value).slice(0, 4) } : {}) }))}
              aria-current={String(current) === String(name === 'quarter' ? String(facet.value).slice(-1) : facet.value) ? 'true' : undefined}>
              {approximate ? show(facet.value) : t('search.facet.count', { value: show(facet.value), count: formatInteger(language, facet.count) })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The search page for a query's outcome; `members` says whether members-only text was searched. */
/** The topics' and sectors' names by slug, for the facets (a slug without a name, of a term since removed, shows as itself). */
export interface TermNames {
  readonly topic: ReadonlyMap<string, string>;
  readonly sector: ReadonlyMap<string, string>;
}

export function SearchPage({ site, params, outcome, members, names }: { site: Site; params: SearchParams; outcome: SearchOutcome; members: boolean; names: TermNames }) {
  const locale = useLocale();
  const { t, language } = locale;
  const shownQuery = params.q.length > MAX_QUERY_LENGTH ? `${params.q.slice(0, 60)}…` : params.q;
  return (
    <Layout
      site={site}
      meta={{ title: params.q.trim() ? t('search.titleFor', { q: shownQuery }) : t('search.title'), description: t('search.description'), path: params.q ? searchHref(params) : '/search', current: null, noindex: true, searchBox: false }}
    >
      <header class="page-header">
        <h1>{t('search.title')}</h1>
        <form method="get" action={locale.path('/search')} role="search" class="search-form">
          <label for="search-q">{t('search.label')}</label>
          <input type="search" id="search-q" name="q" value={shownQuery} maxLength={MAX_QUERY_LENGTH} />
          <button type="submit" class="button">{t('search.submit')}</button>
        </form>
      </header>
      {outcome.status === 'empty' ? <p class="search-message">{t('search.empty')}</p> : null}
      {outcome.status === 'too-long' ? <p class="search-message" role="alert">{t('search.tooLong', { max: formatInteger(language, MAX_QUERY_LENGTH) })}</p> : null}
      {outcome.status === 'no-words' ? (
        <p class="search-message" role="alert">{t('search.noWords')}{outcome.hadOperators ? ` ${t('search.operators')}` : ''}</p>
      ) : null}
      {outcome.status === 'results' ? (
        <>
          <p class="search-count" role="status">{outcome.approximate ? t('search.countAbout', { count: outcome.total, q: shownQuery }) : t('search.count', { count: outcome.total, q: shownQuery })}</p>
          {outcome.hadOperators ? <p class="search-message">{t('search.operators')}</p> : null}
          {members ? null : <p class="search-note">{t('search.publicOnly')}</p>}
          <nav class="search-facets" aria-labelledby="search-filters">
            <h2 id="search-filters">{t('search.filters')}</h2>
            {outcome.approximate ? <p class="search-note">{t('search.facetsAbout', { counted: formatInteger(language, outcome.counted) })}</p> : null}
            <Facet name="kind" label={t('search.facet.kind')} values={outcome.facets.kind} current={params.kind} params={params} show={(kind) => t(`search.kind.${kind}` as MessageKey)} approximate={outcome.approximate} />
            <Facet name="language" label={t('search.facet.language')} values={outcome.facets.language} current={params.language} params={params} show={(value) => LANGUAGE_NAMES[value]} approximate={outcome.approximate} />
            <Facet name="topic" label={t('search.facet.topic')} values={outcome.facets.topic} current={params.topic} params={params} show={(value) => names.topic.get(value) ?? value} approximate={outcome.approximate} />
            <Facet name="sector" label={t('search.facet.sector')} values={outcome.facets.sector} current={params.sector} params={params} show={(value) => names.sector.get(value) ?? value} approximate={outcome.approximate} />
            <Facet name="year" label={t('search.facet.year')} values={outcome.facets.year} current={params.year} params={params} show={(value) => String(value)} approximate={outcome.approximate} />
            <Facet name="quarter" label={t('search.facet.quarter')} values={outcome.facets.quarter} current={params.quarter} params={params} show={(value) => t('search.facet.quarterValue', { year: value.slice(0, 4), quarter: value.slice(-1) })} approximate={outcome.approximate} />
          </nav>
          {outcome.hits.length > 0 ? (
            <section aria-labelledby="search-results">
              <h2 id="search-results">{t('search.results')}</h2>
              <ol class="search-hits">
                {outcome.hits.map((hit) => (
                  <Hit hit={hit} />
                ))}
              </ol>
            </section>
          ) : null}
          {outcome.pages > 1 || outcome.hasNext ? (
            <nav class="search-pager" aria-label={t('search.pager')}>
              {outcome.page > 1 ? <a href={locale.path(searchHref(params, { page: outcome.page - 1 }))} rel="prev">{t('search.previous')}</a> : null}
              <span>{t(outcome.approximate ? 'search.pageOfAbout' : 'search.pageOf', { page: formatInteger(language, outcome.page), pages: formatInteger(language, outcome.pages) })}</span>
              {outcome.hasNext ? <a href={locale.path(searchHref(params, { page: outcome.page + 1 }))} rel="next">{t('search.next')}</a> : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}
