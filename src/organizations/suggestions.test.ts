import { describe, expect, it } from 'vitest';
import { suggestInnovators } from './suggestions.js';

// Suggestion scores, checked by hand: sector share × 3 and topic share × 2, in points.

const candidates = [
  { slug: 'byd', name: 'BYD', sectors: [{ slug: 'automotive', name: 'Automotive' }, { slug: 'energy', name: 'Energy' }], storyTopics: [{ slug: 'technology-trends', name: 'Technology trends' }] },
  { slug: 'catl', name: 'CATL', sectors: [{ slug: 'energy', name: 'Energy' }], storyTopics: [] },
  { slug: 'ispace', name: 'iSpace', sectors: [{ slug: 'space', name: 'Space' }], storyTopics: [{ slug: 'startup-ecosystem', name: 'Startup ecosystem' }] },
];

describe('suggestInnovators', () => {
  it('scores each part as share × weight and says why, best first', () => {
    const suggestions = suggestInnovators({ sectors: ['energy'], topics: ['technology-trends', 'startup-ecosystem'] }, candidates);
    expect(suggestions.map((s) => [s.slug, s.points])).toEqual([['catl', 300], ['byd', 250], ['ispace', 100]]);
    expect(suggestions[1]!.parts).toEqual([
      { key: 'sector', share: 0.5, points: 150, names: ['Energy'] },
      { key: 'topic', share: 0.5, points: 100, names: ['Technology trends'] },
    ]);
  });

  it('suggests nobody without a shared interest, and keeps to the limit', () => {
    expect(suggestInnovators({ sectors: [], topics: [] }, candidates)).toEqual([]);
    expect(suggestInnovators({ sectors: ['energy'], topics: [] }, candidates, 1).map((s) => s.slug)).toEqual(['catl']);
  });
});
