import { describe, expect, it } from 'vitest';
import { compareIssuesNewestFirst, isPublic, type Season } from './issues.js';

describe('issue ordering and visibility', () => {
  it('orders newest first: by year, then winter > fall > summer > spring', () => {
    const issues: { year: number; season: Season }[] = [
      { year: 2023, season: 'spring' },
      { year: 2024, season: 'spring' },
      { year: 2023, season: 'winter' },
      { year: 2023, season: 'summer' },
      { year: 2023, season: 'fall' },
    ];
    expect(issues.sort(compareIssuesNewestFirst).map((i) => `${i.year}-${i.season}`)).toEqual([
      '2024-spring', '2023-winter', '2023-fall', '2023-summer', '2023-spring',
    ]);
  });

  it('shows published issues, scheduled ones once due, never drafts', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(isPublic({ status: 'published', publishedAt: '2024-04-29T08:00:00.000Z' }, now)).toBe(true);
    expect(isPublic({ status: 'scheduled', publishedAt: '2026-11-28T11:59:59.000Z' }, now)).toBe(true);
    expect(isPublic({ status: 'scheduled', publishedAt: '2026-11-28T12:00:01.000Z' }, now)).toBe(false);
    expect(isPublic({ status: 'draft', publishedAt: '2020-01-01T00:00:00.000Z' }, now)).toBe(false);
  });
});
