import type { ComponentChildren, VNode } from 'preact';
import { useLocale } from '../web/locale.js';
import { withElements } from '../web/pages/sentence.js';

// Markup the desk's list and edit pages share (events, programs, reports, companies, contacts):
// the heading under a link back to the list, a list's filter form, and a table or its empty state.

/** The top of a page below a list: a link back to that list, then the page's title. */
export function PageHeading({ back, title }: { back: { readonly href: string; readonly label: string }; title: string }) {
  return (
    <>
      <p>
        <a href={back.href}>← {back.label}</a>
      </p>
      <h1>{title}</h1>
    </>
  );
}

/** A list's filters: a GET form to the list's own address, with a Filter button after the fields. */
export function FilterForm({ action, children }: { action: string; children: ComponentChildren }) {
  const { t } = useLocale();
  return (
    <form method="get" action={action} class="filters" role="search">
      {children}
      <button type="submit" class="button button--quiet">
        {t('desk.forms.filter')}
      </button>
    </form>
  );
}

/** A labelled select among a list's filters; `value` is the option now chosen. */
export function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string; options: readonly { value: string; label: string }[] }) {
  return (
    <label>
      {label}
      <select name={name}>
        {options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A list as a table, a row per item under a row of column headings; `empty` says so when there are no items. */
export function ListTable<T>({ headings, items, empty, row }: { headings: readonly string[]; items: readonly T[]; empty: string; row: (item: T, index: number) => VNode }) {
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <table class="table">
      <thead>
        <tr>
          {headings.map((heading) => (
            <th key={heading} scope="col">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{items.map((item, index) => row(item, index))}</tbody>
    </table>
  );
}

/**
 * A message with elements in it (a link, `<code>`): each element's placeholder is filled with a
 * marker, and the formatted text is split around the markers, so translations may move them.
 */
export function TextWith({ text, elements }: { text: (markers: Record<string, string>) => string; elements: Readonly<Record<string, VNode>> }) {
  return <>{withElements(text, elements)}</>;
}

/** A UTC timestamp as the desk shows it: `2026-11-28 12:00`. */
export function shortTime(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}

/** The same with its zone named: `2026-11-28 12:00 UTC`. */
export function utcTime(iso: string): string {
  return `${shortTime(iso)} UTC`;
}
