import { describe, expect, it } from 'vitest';
import { blockMark, parseBlocks, parseVariantKey, variantKey } from './topic-blocks.js';

// The variant key and the assembly on a small marked template (the real editions: engine/topic-choices.test.ts).

describe('topic blocks', () => {
  it('keys a choice by mode and sorted topics; none or every topic is the issue unchanged', () => {
    expect(variantKey('first', [], 5)).toBeNull();
    expect(variantKey('only', ['a', 'b', 'c'], 3)).toBeNull();
    expect(variantKey('only', ['energy', 'ai', 'energy'], 5)).toBe('only:ai,energy');
    expect(parseVariantKey('only:ai,energy')).toEqual({ mode: 'only', topics: ['ai', 'energy'] });
    expect(parseVariantKey('sideways:ai')).toBeNull();
    expect(parseVariantKey('first:')).toBeNull();
    expect(parseVariantKey(null)).toBeNull();
  });

  it('assembles the variants from the blocks: unchanged, first, only', () => {
    const m = blockMark;
    const template = `H|${m('fy')}[YOURS:${m('slot')}${m('only')}(only note)${m('/only')}]${m('/fy')}${m('sec')}<S1>${m('item', 'ai')}A${m('alt')}a${m('/item')}${m('item', 'energy')}B${m('alt')}b${m('/item')}${m('/sec')}${m('sec')}<S2>${m('item', 'ai,bio')}C${m('alt')}c${m('/item')}${m('item', '*')}E${m('alt')}${m('/item')}${m('/sec')}|F`;
    const blocks = parseBlocks(template);
    expect(blocks.assemble(null)).toBe('H|<S1>AB<S2>CE|F');
    expect(blocks.assemble({ mode: 'first', topics: ['ai'] })).toBe('H|[YOURS:AC]<S1>b<S2>E|F');
    expect(blocks.assemble({ mode: 'only', topics: ['energy'] })).toBe('H|[YOURS:B(only note)]<S2>E|F');
    // A section whose stories all went: left out, heading and all.
    expect(blocks.assemble({ mode: 'only', topics: ['ai'] })).toBe('H|[YOURS:AC(only note)]<S2>E|F');
    // A choice none of the stories matches: no "your topics" section.
    expect(blocks.assemble({ mode: 'first', topics: ['space'] })).toBe('H|<S1>ab<S2>cE|F');
    // A template without markers (compiled before topic choices) stays as it is.
    expect(parseBlocks('plain').assemble({ mode: 'only', topics: ['ai'] })).toBe('plain');
  });
});
