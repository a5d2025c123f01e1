import { z } from 'zod';
import { formatInteger } from '../../i18n/format.js';
import type { Translate } from '../../i18n/messages.js';
import type { Paged } from '../../members/members.js';
import { useLocale } from '../../web/locale.js';

// Pieces the companies and contacts pages share: list query parsing, the pager.

/** `?page=` of a list; anything odd means the first page. */
export const pageParam = z.coerce.number().int().positive().max(1_000_000).catch(1);
/** A list filter's text; empty means no filter. */
export const filterText = z
  .string()
  .max(200)
  .optional()
  .catch(undefined)
  .transform((value) => value?.trim() || undefined);
/** A yes/no filter; anything else means "either". */
export const yesNoFilter = z
  .enum(['yes', 'no'])
  .optional()
  .catch(undefined);

/** The options of a yes/no filter select, in the desk's language. */
export function yesNoOptions(t: Translate): readonly { value: string; label: string }[] {
  return [
    { value: '', label: t('desk.people.either') },
    { value: 'yes', label: t('desk.people.yes') },
    { value: 'no', label: t('desk.people.no') },
  ];
}

/** `yes` → true, `no` → false, nothing → undefined. */
export function yesNo(value: 'yes' | 'no' | undefined): boolean | undefined {
  return value === undefined ? undefined : value === 'yes';
}

/** A list's query string with the filters kept and another page. */
function pageHref(path: string, filters: Readonly<Record<string, string | number | undefined>>, page: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value !== undefined && value !== '') params.set(name, String(value));
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** "Showing 51–100 of 10,001" with previous and next links that keep the filters. */
export function Pager({ paged, path, filters, noun }: { paged: Paged<unknown>; path: string; filters: Readonly<Record<string, string | number | undefined>>; noun: 'companies' | 'contacts' }) {
  const { t, language } = useLocale();
  const first = (paged.page - 1) * paged.pageSize + 1;
  const last = first + paged.items.length - 1;
  if (paged.total > 0 && paged.items.length === 0) {
    return (
      <nav class="actions" aria-label={t('desk.pager.label')}>
        <span>{t('desk.pager.pastLast', { page: paged.page, pages: paged.pages })}</span>
        <a href={pageHref(path, filters, 1)}>{t('desk.pager.first')}</a>
      </nav>
    );
  }
  return (
    <nav class="actions" aria-label={t('desk.pager.label')}>
      <span>
        {paged.total === 0 ? t('desk.pager.none', { noun }) : t('desk.pager.showing', { first, last, total: formatInteger(language, paged.total), noun })}
        {paged.pages > 1 ? t('desk.pager.pageOf', { page: paged.page, pages: paged.pages }) : ''}
      </span>
      {paged.page > 1 ? (
        <a href={pageHref(path, filters, paged.page - 1)} rel="prev">
          {t('desk.pager.previous')}
        </a>
      ) : null}
      {paged.page < paged.pages ? (
        <a href={pageHref(path, filters, paged.page + 1)} rel="next">
          {t('desk.pager.next')}
        </a>
      ) : null}
    </nav>
  );
}

