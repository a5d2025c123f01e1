import { describe, expect, it } from 'vitest';
import { CJK_FONT_FILE, findingChartSvg, missingFontWarning } from './finding-chart.js';

describe('finding charts', () => {
  const input = {
    bars: [
      { label: 'automotive <industry> & "co": 55% (n = 64)', share: 35 / 64, low: 0.4257, high: 0.6627, emphasis: true },
      { label: '所有行业：34%（n = 336）', share: 114 / 336, low: 0.29, high: 0.39, emphasis: false },
    ],
    alt: 'Bar chart “R&D”: automotive 55% (95% interval 43%–66%, n = 64)',
    ticks: ['0%', '50%', '100%'] as const,
  };

  it('draws one bar per group with its whisker, scaled 0–100%, and carries the alt text as its title', () => {
    const svg = findingChartSvg(input, 'chart-x-1');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="480" height="\d+"/);
    expect(svg).toContain('role="img" aria-labelledby="chart-x-1-title"');
    expect(svg).toContain('<title id="chart-x-1-title">Bar chart “R&amp;D”: automotive 55% (95% interval 43%–66%, n = 64)</title>');
    // Span 448 px from x = 8: 35/64 → 245 px wide; whisker 0.4257 → 198.7, 0.6627 → 304.9.
    expect(svg).toContain('width="245" height="14" fill="#8a3b12"');
    expect(svg).toContain('M198.7 31H304.9');
    expect(svg).toContain('所有行业：34%（n = 336）');
    expect(svg).toContain("font-family=\"&apos;WenQuanYi Micro Hei&apos;");
  });

  it('escapes every text it writes', () => {
    const svg = findingChartSvg(input, 'a"b');
    expect(svg).not.toContain('<industry>');
    expect(svg).toContain('automotive &lt;industry&gt; &amp; &quot;co&quot;');
    expect(svg).toContain('aria-labelledby="a&quot;b-title"');
  });

  it('warns when the CJK font is missing', () => {
    expect(missingFontWarning(() => true)).toBeNull();
    expect(missingFontWarning((path) => path !== CJK_FONT_FILE)).toContain('install the Debian package fonts-wqy-microhei');
  });
});
