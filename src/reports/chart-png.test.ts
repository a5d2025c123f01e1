import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHART_PNG_SCALE, renderChartPng } from './chart-png.js';
import { CHART_WIDTH, CJK_FONT_FILE, findingChartSvg } from './finding-chart.js';

// The email's charts are PNGs rendered by resvg from the web's SVG, with the Debian CJK font
// (fonts-wqy-microhei) so Chinese labels render. This machine must have the font: the test says
// so plainly when it is missing rather than passing on boxes.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const LATIN_ONLY = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'];

const chart = (label: string) =>
  findingChartSvg(
    {
      bars: [
        { label, share: 35 / 64, low: 0.4257, high: 0.6627, emphasis: true },
        { label: 'all industries: 34% (n = 336)', share: 114 / 336, low: 0.29, high: 0.39, emphasis: false },
      ],
      alt: 'a chart',
      ticks: ['0%', '50%', '100%'],
    },
    'chart-png',
  );

describe('chart PNGs for email', () => {
  it('are PNGs twice the chart’s width and height', () => {
    const svg = chart('automotive: 55% (n = 64)');
    const height = Number(/height="(\d+)"/.exec(svg)![1]);
    const { png, width, height: pngHeight } = renderChartPng(svg);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([CHART_WIDTH * CHART_PNG_SCALE, height * CHART_PNG_SCALE]);
    expect([width, pngHeight]).toEqual([960, height * 2]);
  });

  it('draw Chinese labels with the CJK font: two different Chinese labels give different images, where a Latin-only font draws the same boxes for both', () => {
    expect(existsSync(CJK_FONT_FILE), `install the Debian package fonts-wqy-microhei (${CJK_FONT_FILE})`).toBe(true);
    const [car, all] = [chart('汽车行业'), chart('所有企业')];
    expect(renderChartPng(car).png.equals(renderChartPng(all).png)).toBe(false);
    // The check can fail: without Chinese glyphs every character is the same missing-glyph box.
    expect(renderChartPng(car, LATIN_ONLY).png.equals(renderChartPng(all, LATIN_ONLY).png)).toBe(true);
  });
});
