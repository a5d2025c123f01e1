import { describe, expect, it } from 'vitest';
import { contrastRatio, formatRatio, isHexColour, WCAG_AA_NORMAL } from './contrast.js';

// The WCAG contrast the accent colour is checked with: known pairs from the specification's
// formula, and the rounding that never shows a failing ratio as passing.

describe('contrast', () => {
  it('computes the WCAG ratio', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(formatRatio(contrastRatio('#767676', '#ffffff'))).toBe('4.54');
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(WCAG_AA_NORMAL);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(WCAG_AA_NORMAL);
    expect(formatRatio(contrastRatio('#777777', '#FFFFFF'))).toBe('4.47');
  });

  it('takes only # and six hexadecimal digits', () => {
    expect(isHexColour('#1d4ed8')).toBe(true);
    expect(isHexColour('1d4ed8')).toBe(false);
    expect(isHexColour('#fff')).toBe(false);
    expect(isHexColour('red')).toBe(false);
    expect(() => contrastRatio('javascript:1', '#ffffff')).toThrow();
  });
});
