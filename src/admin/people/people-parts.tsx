import { z } from 'zod';
import type { Paged } from '../../members/members.js';

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

/** The options of a yes/no filter select. */
export const YES_NO_OPTIONS = [
  { value: '', label: 'Either' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;

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
export function Pager({ paged, path, filters, noun }: { paged: Paged<unknown>; path: string; filters: Readonly<Record<string, string | number | undefined>>; noun: string }) {
  const first = (paged.page - 1) * paged.pageSize + 1;
  const last = first + paged.items.length - 1;
  if (paged.total > 0 && paged.items.length === 0) {
    return (
      <nav class="actions" aria-label="Pages">
        <span>{`Page ${paged.page} is past the last page (${paged.pages}).`}</span>
        <a href={pageHref(path, filters, 1)}>First page</a>
      </nav>
    );
  }
  return (
    <nav class="actions" aria-label="Pages">
      <span>
        {paged.total === 0 ? `No ${noun}` : `Showing ${first}–${last} of ${paged.total.toLocaleString('en')} ${noun}`}
        {paged.pages > 1 ? ` (page ${paged.page} of ${paged.pages})` : ''}
      </span>
      {paged.page > 1 ? (
        <a href={pageHref(path, filters, paged.page - 1)} rel="prev">
          ← Previous
        </a>
      ) : null}
      {paged.page < paged.pages ? (
        <a href={pageHref(path, filters, paged.page + 1)} rel="next">
          Next →
        </a>
      ) : null}
    </nav>
  );
}

