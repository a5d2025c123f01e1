import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { CHART_WIDTH, CJK_FONT_FILE } from './finding-chart.js';

// A finding's chart as PNG, for email (clients do not show SVG): the same SVG the web shows,
// rasterised by resvg at twice its width so it stays sharp on high-density screens, and shown
// at CHART_WIDTH. resvg reads only the fonts it is given: the Debian CJK font (Latin and Chinese
// glyphs in one file), or, where it is missing (main.ts warns at start-up), the system's fonts,
// whose Chinese glyphs may be missing.

/** How many PNG pixels per SVG unit. */
export const CHART_PNG_SCALE = 2;

/** A rendered chart: the PNG and its size in pixels. */
export interface ChartPng {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
}

/** Renders a chart's SVG (finding-chart.ts) to PNG; `fontFiles` replaces the CJK font (tests). */
export function renderChartPng(svg: string, fontFiles: readonly string[] = existsSync(CJK_FONT_FILE) ? [CJK_FONT_FILE] : []): ChartPng {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: CHART_WIDTH * CHART_PNG_SCALE },
    font: { fontFiles: [...fontFiles], loadSystemFonts: fontFiles.length === 0, defaultFontFamily: 'WenQuanYi Micro Hei' },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}
