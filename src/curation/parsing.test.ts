import { describe, expect, it } from 'vitest';
import { readArticleMeta } from './article-meta.js';
import { canonicalUrl } from './canonical-url.js';
import { languageOf, NotAFeed, parseFeed } from './feed-parse.js';
import { applyRules, identityOf } from './ingest.js';
import { lineText, plainText, sanitiseItemHtml } from './item-html.js';
import { bandsOf, hammingDistance, simhash } from './simhash.js';

// The curation inbox's pure parts, with hand-checked inputs.

describe('canonicalUrl', () => {
  it('strips tracking parameters, the fragment and a trailing slash, and orders the rest', () => {
    expect(canonicalUrl('HTTPS://Example.ORG:443/News/a/?utm_source=rss&b=2&fbclid=x&a=1#top')).toBe('https://example.org/News/a?a=1&b=2');
    expect(canonicalUrl('https://example.org/a/')).toBe('https://example.org/a');
    expect(canonicalUrl('https://example.org/')).toBe('https://example.org/');
    expect(canonicalUrl('https://example.org/p?id=7&mc_cid=1&_hsenc=2')).toBe('https://example.org/p?id=7');
    expect(canonicalUrl('javascript:alert(1)')).toBeUndefined();
    expect(canonicalUrl('no url')).toBeUndefined();
  });
});

describe('simhash', () => {
  const a = "BYD overtakes Tesla as the world's largest EV maker in the fourth quarter, selling 526,000 battery electric vehicles";
  const b = "BYD overtakes Tesla as world's largest EV maker in fourth quarter, sells 526,000 battery electric vehicles";
  const c = 'SpaceX launches another batch of Starlink satellites from Florida on Tuesday';

  it('keeps near-duplicates within a few bits and unrelated texts far apart', () => {
    expect(simhash(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash(a)).toBe(simhash(a.toUpperCase()));
    expect(hammingDistance(simhash(a), simhash(b))).toBeLessThanOrEqual(3);
    expect(hammingDistance(simhash(a), simhash(c))).toBeGreaterThan(10);
  });

  it('counts bits and splits bands by hand-checked values', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('0000000000000001', '0000000100000000')).toBe(2);
    expect(bandsOf('0001000200030004')).toEqual([1, 2, 3, 4]);
  });
});

describe('identity and rules', () => {
  it('is the GUID of its source, else the canonical URL, else the text', () => {
    expect(identityOf({ sourceId: 3, guid: 'g1', canonicalUrl: 'https://x.org/a', title: 't', summary: 's' })).toBe('guid:3:g1');
    expect(identityOf({ sourceId: null, guid: 'g1', canonicalUrl: 'https://x.org/a', title: 't', summary: 's' })).toBe('url:https://x.org/a');
    expect(identityOf({ sourceId: 3, guid: undefined, canonicalUrl: undefined, title: 't', summary: 's' })).toMatch(/^hash:[0-9a-f]{64}$/);
  });

  it('matches whole words and phrases, whatever the case and accents', () => {
    const rules = [
      { id: 1, phrase: 'humanoid robots', action: 'sector' as const, value: 'robotics', createdAt: '' },
      { id: 2, phrase: 'münchen', action: 'star' as const, value: '', createdAt: '' },
      { id: 3, phrase: 'ai', action: 'topic' as const, value: 'technology-trends', createdAt: '' },
    ];
    expect(applyRules(rules, 'Humanoid Robots arrive in Munchen')).toEqual({ topics: [], sectors: ['robotics'], star: true, dismiss: false });
    // "ai" is not inside "said" or "Shanghai".
    expect(applyRules(rules, 'Shanghai said so').topics).toEqual([]);
    expect(applyRules(rules, 'An AI lab').topics).toEqual(['technology-trends']);
  });
});

describe('item HTML', () => {
  it('keeps text and safe links, drops scripts, handlers, images and javascript: links', () => {
    const html = '<p onclick="x()">Hi <b>there</b> <a href="https://x.org" target="_blank">x</a><a href="javascript:alert(1)">y</a></p><script>alert(1)</script><img src=x onerror=alert(2)><iframe src="https://evil"></iframe>';
    const clean = sanitiseItemHtml(html);
    expect(clean).toBe('<p>Hi <b>there</b> <a href="https://x.org" rel="noopener noreferrer nofollow">x</a><a rel="noopener noreferrer nofollow">y</a></p>');
    expect(plainText('<p>R&amp;D &#8211; <b>up</b></p>\n<script>x</script>')).toBe('R&D – up');
  });
});

describe('lineText', () => {
  it('is the plain text of a title, or the title as text when an unclosed tag swallowed it', () => {
    expect(lineText('<b>Robots</b> &amp; cars')).toBe('Robots & cars');
    expect(plainText('<img src=x onerror=alert(1)// Index 7')).toBe('');
    expect(lineText('<img src=x onerror=alert(1)// Index 7')).toBe('<img src=x onerror=alert(1)// Index 7');
    expect(lineText('<style>x</style>')).toBe('<style>x</style>');
  });
});

describe('parseFeed', () => {
  it('refuses what is not a feed, with the reason', () => {
    expect(() => parseFeed('<rss><channel><item>', 'https://x.org')).toThrow(NotAFeed);
    expect(() => parseFeed('<!doctype html><html></html>', 'https://x.org')).toThrow(/web page/);
    expect(() => parseFeed('{"items": []}', 'https://x.org')).toThrow(/JSON Feed/);
    expect(() => parseFeed('{broken', 'https://x.org')).toThrow(/not well-formed/);
  });

  it('keeps the name of an RSS author, never the address', () => {
    const feed = parseFeed('<rss version="2.0"><channel><title>T</title><item><title>A</title><author>jane@x.org (Jane Doe)</author><guid>1</guid></item><item><title>B</title><author>john@x.org</author><guid>2</guid></item></channel></rss>', 'https://x.org/');
    expect(feed.entries.map((entry) => entry.author)).toEqual(['Jane Doe', undefined]);
  });

  it('reads two-letter languages', () => {
    expect([languageOf('en-US'), languageOf('zh_CN'), languageOf('de'), languageOf(''), languageOf('x')]).toEqual(['en', 'zh', 'de', undefined, undefined]);
  });
});

describe('readArticleMeta', () => {
  it('prefers JSON-LD, then Open Graph, then the title tag', () => {
    const html = `<html lang="de-DE"><head><title>Fallback</title><meta content="OG title" property="og:title"><meta name="description" content="Desc &amp; more">
      <link rel="canonical" href="https://x.org/c"><script type="application/ld+json">{"@graph":[{"@type":"WebPage","name":"Page"},{"@type":"NewsArticle","headline":"LD headline","author":{"name":"Li Wei"},"publisher":{"name":"Caixin"},"datePublished":"2024-03-01"}]}</script></head></html>`;
    expect(readArticleMeta(html)).toEqual({
      title: 'LD headline', author: 'Li Wei', outlet: 'Caixin', publishedAt: '2024-03-01', summary: 'Desc & more', canonicalUrl: 'https://x.org/c', language: 'de-DE',
    });
    expect(readArticleMeta('<title>Only &lt;this&gt;</title>').title).toBe('Only <this>');
    expect(readArticleMeta('<script type="application/ld+json">{broken</script><meta property="og:title" content="OG">').title).toBe('OG');
  });
});
