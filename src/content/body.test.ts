import { describe, expect, it } from 'vitest';
import { checkBody, joinBody, publicOnlyBlocks, resolvePublicOnly, splitBody } from './body.js';

describe('the members-only line', () => {
  it('splits teaser from members-only text and joins them back canonically', () => {
    const body = 'Teaser.\n\n  <!-- members-only -->  \nSecret.\n';
    expect(splitBody(body)).toEqual({ teaser: 'Teaser.', membersOnly: 'Secret.' });
    expect(joinBody(splitBody(body))).toBe('Teaser.\n\n<!-- members-only -->\nSecret.');
    expect(splitBody('Only public.')).toEqual({ teaser: 'Only public.', membersOnly: null });
    expect(splitBody('Teaser\n<!-- members-only -->\n')).toEqual({ teaser: 'Teaser', membersOnly: null });
  });

  it('reports a second marker, a mistyped one, and any marker where bodies are public', () => {
    const body = 'a\n<!--members-only-->\nb\n<!-- members-only -->\nc\n<!-- members-only -->';
    expect(checkBody(body, { membersOnlyAllowed: true }).map((p) => p.line)).toEqual([1, 5]);
    expect(checkBody('a\n<!-- members-only -->\nb', { membersOnlyAllowed: false })).toEqual([
      { line: 1, message: 'this kind of content is always public: remove the members-only line' },
    ]);
    expect(checkBody('a\n<!-- members-only -->\nb', { membersOnlyAllowed: true })).toEqual([]);
    // A mistyped marker in any spelling is refused; prose that mentions members-only text is not.
    const misses = ['members-only', '**Members only**', '- <!-- members-only -->', '\u200b<!-- members-only -->', '<!-- members only -->', 'members_only:'];
    for (const miss of misses) expect(checkBody(`a\n${miss}\nb`, { membersOnlyAllowed: true }).map((p) => p.line), miss).toEqual([1]);
    const prose = 'Members-only analysis: what the figures mean for German suppliers.';
    expect(checkBody(`a\n<!-- members-only -->\n${prose}`, { membersOnlyAllowed: true })).toEqual([]);
  });
});

describe('public-only blocks', () => {
  const body = [
    'Teaser.',
    '',
    '  <!-- public-only -->',
    'This is the shortened edition; members receive the full version.',
    '<!-- /public-only -->  ',
    '',
    '<!-- members-only -->',
    'Secret.',
  ].join('\n');

  it('stay in the teaser, written exactly, so export → import round-trips', () => {
    const split = splitBody(body);
    expect(split).toEqual({
      teaser: 'Teaser.\n\n<!-- public-only -->\nThis is the shortened edition; members receive the full version.\n<!-- /public-only -->',
      membersOnly: 'Secret.',
    });
    expect(splitBody(joinBody(split))).toEqual(split);
    expect(joinBody(splitBody(joinBody(split)))).toBe(joinBody(split));
    expect(checkBody(body, { membersOnlyAllowed: true })).toEqual([]);
    expect(publicOnlyBlocks(split.teaser)).toEqual(['This is the shortened edition; members receive the full version.']);
  });

  it('show their text to the public and leave it out for members, touching nothing else', () => {
    const { teaser } = splitBody(body);
    expect(resolvePublicOnly(teaser, 'public')).toBe('Teaser.\n\nThis is the shortened edition; members receive the full version.');
    expect(resolvePublicOnly(teaser, 'member')).toBe('Teaser.');
    // A stray line (refused at every input) is dropped and hides nothing.
    expect(resolvePublicOnly('a\n<!-- public-only -->\nb', 'member')).toBe('a\nb');
    expect(resolvePublicOnly('a\n<!-- /public-only -->\nb', 'member')).toBe('a\nb');
    expect(resolvePublicOnly('a\n<!-- public-only -->\nb\n<!-- public-only -->\nc\n<!-- /public-only -->\nd', 'member')).toBe('a\nb\nd');
  });

  it('refuses an unclosed, nested or stray block, one below the members-only line, one where bodies are public, and mistyped lines', () => {
    const problems = (text: string, membersOnlyAllowed = true) => checkBody(text, { membersOnlyAllowed }).map((p) => `${p.line}: ${p.message}`);
    expect(problems('a\n<!-- public-only -->\nb')).toEqual(['1: a public-only block without its end: add a line "<!-- /public-only -->" after it']);
    expect(problems('a\n<!-- public-only -->\nb\n<!-- members-only -->\nc\n<!-- /public-only -->')).toEqual([
      '1: a public-only block must end with "<!-- /public-only -->" before the members-only line',
      '5: a public-only block belongs in the public teaser, above the members-only line',
    ]);
    expect(problems('<!-- public-only -->\n<!-- public-only -->\nb\n<!-- /public-only -->')).toEqual([
      '1: a public-only block inside another; end the first with "<!-- /public-only -->"',
    ]);
    expect(problems('a\n<!-- /public-only -->')).toEqual(['1: "<!-- /public-only -->" without a "<!-- public-only -->" line above it']);
    expect(problems('a\n<!-- members-only -->\n<!-- public-only -->\nb\n<!-- /public-only -->')).toEqual([
      '2: a public-only block belongs in the public teaser, above the members-only line',
      '4: a public-only block belongs in the public teaser, above the members-only line',
    ]);
    expect(problems('a\n<!-- public-only -->\nb\n<!-- /public-only -->', false)).toEqual([
      '1: this kind of content is always public: remove the public-only line',
      '3: this kind of content is always public: remove the public-only line',
    ]);
    const misses = ['<!--public-only-->', '<!-- Public-Only -->', '<!-- public only -->', '<!-- end public-only -->', '<!-- / public-only -->', '- <!-- public-only -->', '<!-- public-only --> note', '**Public only**', 'public_only:'];
    for (const miss of misses) {
      const found = checkBody(`a\n${miss}\nb`, { membersOnlyAllowed: true });
      expect(found.map((p) => p.line), miss).toEqual([1]);
      expect(found[0]!.message, miss).toContain('looks like a public-only line but is not exactly "<!-- public-only -->" or "<!-- /public-only -->"');
    }
    expect(checkBody('a\nPublic-only offers, members get more: see below.\nb', { membersOnlyAllowed: true })).toEqual([]);
  });
});
