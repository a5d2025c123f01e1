import { Layout, TitleText, Time, type Site } from '../layout.js';
import { useLocale } from '../locale.js';
import type { IssueSummaryView } from '../../issues/issue-view.js';
import { formatInteger } from '../../i18n/format.js';
import { Pager, pageHref } from './pager.js';

/** `/issues`: the published issues, newest first, a page at a time; in German and Chinese an issue without a translation is marked as English. */
export function ArchivePage({
  site, issues, page = 1, pages = 1,
}: { site: Site; issues: readonly (IssueSummaryView & { readonly untranslated?: boolean })[]; page?: number; pages?: number }) {
  const { t, path, language } = useLocale();
  return (
    <Layout
      site={site}
      meta={{
        title: page > 1 ? t('browse.archive.titlePage', { page: formatInteger(language, page), pages: formatInteger(language, pages) }) : t('reading.archive.title'),
        description: t('reading.archive.description', { site: site.name }),
        path: pageHref('/issues', page),
        current: 'archive',
      }}
    >
      <header class="page-header">
        <h1>{t('reading.archive.title')}</h1>
        <p class="lede">{t('reading.archive.lede')}</p>
      </header>
      {issues.length === 0 ? (
        <p>{t('reading.archive.empty')}</p>
      ) : (
        <ol class="archive">
          {issues.map((issue) => (
            <li class="archive__item">
              <h2 class="archive__title">
                <a href={path(`/issues/${issue.slug}`)}>
                  <TitleText title={issue.title} untranslated={issue.untranslated} />
                </a>
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
      <Pager path="/issues" page={page} pages={pages} />
    </Layout>
  );
}
