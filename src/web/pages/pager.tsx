import { formatInteger } from '../../i18n/format.js';
import { useLocale } from '../locale.js';

/** The address of page `page` of a paged list at `path`, which may carry a filter's query (page 1 adds nothing). */
export function pageHref(path: string, page: number): string {
  return page > 1 ? `${path}${path.includes('?') ? '&' : '?'}page=${page}` : path;
}

/** Which page numbers the pager links: the first, the last and two either side of the current one (at most 7, whatever the number of pages). */
export function pagerNumbers(page: number, pages: number): number[] {
  const numbers = new Set([1, pages]);
  for (let n = page - 2; n <= page + 2; n++) if (n >= 1 && n <= pages) numbers.add(n);
  return [...numbers].sort((a, b) => a - b);
}

/** Links to the newer and older pages of a list and to a few pages by number; nothing when there is one page. */
export function Pager({ path, page, pages }: { path: string; page: number; pages: number }) {
  const { t, language, path: inLanguage } = useLocale();
  if (pages <= 1) return null;
  const numbers = pagerNumbers(page, pages);
  return (
    <nav class="event-pager pager" aria-label={t('browse.pager.label')}>
      {page > 1 ? <a href={inLanguage(pageHref(path, page - 1))} rel="prev">{t('browse.pager.newer')}</a> : null}
      <span>{t('browse.pager.pageOf', { page: formatInteger(language, page), pages: formatInteger(language, pages) })}</span>
      <ul class="pager__pages">
        {numbers.map((n) => (
          <li>
            {n === page ? (
              <span aria-current="page">{formatInteger(language, n)}</span>
            ) : (
              <a href={inLanguage(pageHref(path, n))} aria-label={t('browse.pager.page', { page: formatInteger(language, n) })}>{formatInteger(language, n)}</a>
            )}
          </li>
        ))}
      </ul>
      {page < pages ? <a href={inLanguage(pageHref(path, page + 1))} rel="next">{t('browse.pager.older')}</a> : null}
    </nav>
  );
}
