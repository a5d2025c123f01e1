import { describe, expect, it } from 'vitest';
import { checkBody, joinBody, splitBody } from './body.js';

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
