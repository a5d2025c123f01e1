import { describe, expect, it } from 'vitest';
import { suggestInnovators } from './suggestions.js';

// Suggestion scores, checked by hand: sector share × 3, topic share × 2, technology share × 2 and
// a shared city × 1, in points.

const none = { sectors: [], topics: [], technologies: [], cities: [], asked: [] };
const battery = { slug: 'batteries', name: 'Batteries' };
const evtol = { slug: 'evtol', name: 'eVTOL' };
const candidates = [
  { slug: 'byd', name: 'BYD', sectors: [{ slug: 'automotive', name: 'Automotive' }, { slug: 'energy', name: 'Energy' }], technologies: [battery, { slug: 'electric-vehicles', name: 'Electric vehicles' }], city: 'Shenzhen', storyTopics: [{ slug: 'technology-trends', name: 'Technology trends' }] },
  { slug: 'catl', name: 'CATL', sectors: [{ slug: 'energy', name: 'Energy' }], technologies: [battery], city: 'Ningde', storyTopics: [] },
  { slug: 'ispace', name: 'iSpace', sectors: [{ slug: 'space', name: 'Space' }], technologies: [], city: 'Beijing', storyTopics: [{ slug: 'startup-ecosystem', name: 'Startup ecosystem' }] },
  { slug: 'ehang', name: 'EHang', sectors: [{ slug: 'aviation', name: 'Aviation' }], technologies: [evtol], city: 'Guangzhou', storyTopics: [] },
];

describe('suggestInnovators', () => {
  it('scores sector and topic as share × weight and says why, best first', () => {
    const suggestions = suggestInnovators({ ...none, sectors: ['energy'], topics: ['technology-trends', 'startup-ecosystem'] }, candidates);
    expect(suggestions.map((s) => [s.slug, s.points])).toEqual([['catl', 300], ['byd', 250], ['ispace', 100]]);
    expect(suggestions[1]!.parts).toEqual([
      { key: 'sector', share: 0.5, points: 150, names: ['Energy'] },
      { key: 'topic', share: 0.5, points: 100, names: ['Technology trends'] },
    ]);
  });

  it('weighs technologies and cities of the innovators already asked for, and never suggests those again', () => {
    // The company asked to meet CATL (batteries, Ningde) and EHang (eVTOL, Guangzhou).
    const interests = { ...none, technologies: ['batteries', 'evtol'], cities: ['ningde', ' GUANGZHOU '], asked: ['catl', 'ehang'] };
    const suggestions = suggestInnovators(interests, [...candidates, { slug: 'xpeng-aeroht', name: 'XPeng AeroHT', sectors: [], technologies: [evtol], city: 'Guangzhou', storyTopics: [] }]);
    expect(suggestions.map((s) => [s.slug, s.points])).toEqual([['xpeng-aeroht', 300], ['byd', 100]]);
    expect(suggestions[0]!.parts).toEqual([
      { key: 'technology', share: 1, points: 200, names: ['eVTOL'] },
      { key: 'city', share: 1, points: 100, names: ['Guangzhou'] },
    ]);
    expect(suggestions[1]!.parts).toEqual([{ key: 'technology', share: 0.5, points: 100, names: ['Batteries'] }]);
  });

  it('suggests nobody without a shared interest, and keeps to the limit', () => {
    expect(suggestInnovators(none, candidates)).toEqual([]);
    expect(suggestInnovators({ ...none, sectors: ['energy'] }, candidates, 1).map((s) => s.slug)).toEqual(['catl']);
  });
});

describe('suggestInnovators and what a company read', () => {
  it('weighs innovators named by stories the company’s consenting contacts clicked (read × 2), with the stories as why', () => {
    const read = new Map([['ispace', ['Space startups take off']]]);
    const suggestions = suggestInnovators({ ...none, topics: ['startup-ecosystem'], read }, candidates);
    expect(suggestions.map((s) => [s.slug, s.points])).toEqual([['ispace', 400]]);
    expect(suggestions[0]!.parts).toEqual([
      { key: 'topic', share: 1, points: 200, names: ['Startup ecosystem'] },
      { key: 'read', share: 1, points: 200, names: ['Space startups take off'] },
    ]);
    // Read alone is enough to suggest; without clicks nothing changes.
    expect(suggestInnovators({ ...none, read: new Map([['ehang', ['Flying taxis']]]) }, candidates).map((s) => [s.slug, s.points])).toEqual([['ehang', 200]]);
    expect(suggestInnovators({ ...none, topics: ['startup-ecosystem'] }, candidates).map((s) => [s.slug, s.points])).toEqual([['ispace', 200]]);
  });
});
