import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../db/tables/members.js';
import type { SearchOutcome } from '../../search/search.js';
import { LocaleContext, localeOf } from '../locale.js';
import { SearchPage } from './search.page.js';

// The search page's figures: exact counts as numbers, a capped count as "about" with the facet
// values listed without numbers (src/search: COUNT_CAP), in every language.

const site = { name: 'Innovation Insights', url: 'https://insights.example.org', stylesheet: '/assets/site.css', contactEmail: null };
const names = { topic: new Map<string, string>(), sector: new Map<string, string>() };

function outcome(approximate: boolean): SearchOutcome {
  return {
    status: 'results', hadOperators: false, total: approximate ? 57_000 : 3, approximate, counted: approximate ? 5_000 : 3, page: 1,
    pages: approximate ? 2_850 : 1, hasNext: approximate,
    hits: [],
    facets: { kind: [{ value: 'story', count: approximate ? 4_200 : 3 }], language: [], topic: [], sector: [], year: [], quarter: [] },
  };
}

const text = (language: Language, approximate: boolean) => render(
  <LocaleContext.Provider value={localeOf(language)}>
    <SearchPage site={site} params={{ q: 'innov', page: 1 }} outcome={outcome(approximate)} members={false} names={names} />
  </LocaleContext.Provider>,
).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the search page\'s figures', () => {
  it('shows exact counts as numbers', () => {
    const page = text('en', false);
    expect(page).toContain('3 results for “innov”.');
    expect(page).toContain('Story (3)');
    expect(page).not.toContain('About');
  });

  it('shows a capped count as "about", the facets without numbers, and the next page', () => {
    const en = text('en', true);
    expect(en).toContain('About 57,000 results for “innov”.');
    expect(en).toContain('the newest 5,000 of them');
    expect(en).toContain('Page 1 of about 2,850');
    expect(en).toContain('More results');
    expect(en).not.toContain('(4,200)');
    expect(en).toMatch(/ Story /);
    expect(text('de', true)).toContain('Etwa 57.000 Treffer für „innov“.');
    expect(text('de', true)).toContain('Seite 1 von etwa 2.850');
    expect(text('zh', true)).toContain('找到约 57,000 条与“innov”相关的结果。');
  });
});
