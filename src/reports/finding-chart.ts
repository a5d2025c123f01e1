// A finding's chart as SVG, written from the data (no charting library): one bar per group
// (the segment, all respondents, the rest), each with its 95% interval as a whisker, on a 0–100%
// scale. Every text is XML-escaped here; the caller gives labels already in the reader's
// language and the alt text that carries the same numbers for those who do not see the chart.

/** One bar: its label line, share and interval (0..1). */
export interface ChartBar {
  readonly label: string;
  readonly share: number;
  readonly low: number;
  readonly high: number;
  /** The segment's bar is drawn in the accent colour. */
  readonly emphasis: boolean;
}

export interface ChartInput {
  readonly bars: readonly ChartBar[];
  /** The text alternative, with every number the chart shows. */
  readonly alt: string;
  /** Tick labels for 0%, 50% and 100% in the reader's language. */
  readonly ticks: readonly [string, string, string];
}

/** Fonts in order: the Debian CJK font first so Chinese labels render (docs/reports.md). */
export const CHART_FONTS = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'DejaVu Sans', sans-serif";

/** The chart's width in CSS pixels (the web's, and the width its PNG is shown at in email). */
export const CHART_WIDTH = 480;
const WIDTH = CHART_WIDTH;
const LEFT = 8;
const RIGHT = 24;
const ROW = 44;
const BAR = 14;
const TOP = 4;
const AXIS = 22;
const ACCENT = '#8a3b12';
const MUTED = '#8c96a0';
const INK = '#1b2733';

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const clamp = (value: number) => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
const fixed = (value: number) => Math.round(value * 10) / 10;

/** The chart as a standalone SVG document (also usable inline in HTML). */
export function findingChartSvg(input: ChartInput, id: string): string {
  const span = WIDTH - LEFT - RIGHT;
  const x = (share: number) => fixed(LEFT + clamp(share) * span);
  const height = TOP + input.bars.length * ROW + AXIS;
  const titleId = `${escapeXml(id)}-title`;
  const rows = input.bars
    .map((bar, index) => {
      const top = TOP + index * ROW;
      const barTop = top + 20;
      const middle = barTop + BAR / 2;
      const [low, high] = [x(bar.low), x(bar.high)];
      return [
        `<text x="${LEFT}" y="${top + 14}" font-size="13" fill="${INK}"${bar.emphasis ? ' font-weight="bold"' : ''}>${escapeXml(bar.label)}</text>`,
        `<rect x="${LEFT}" y="${barTop}" width="${fixed(x(bar.share) - LEFT)}" height="${BAR}" fill="${bar.emphasis ? ACCENT : MUTED}"/>`,
        `<path d="M${low} ${middle}H${high}M${low} ${middle - 5}V${middle + 5}M${high} ${middle - 5}V${middle + 5}" stroke="${INK}" stroke-width="1.5" fill="none"/>`,
      ].join('');
    })
    .join('');
  const axisY = TOP + input.bars.length * ROW + 4;
  const ticks = input.ticks
    .map((label, index) => {
      const tx = x(index / 2);
      const anchor = index === 0 ? 'start' : index === 1 ? 'middle' : 'end';
      return `<path d="M${tx} ${axisY}V${axisY + 4}" stroke="${MUTED}"/><text x="${tx}" y="${axisY + 16}" font-size="11" fill="${MUTED}" text-anchor="${anchor}">${escapeXml(label)}</text>`;
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${titleId}" font-family="${escapeXml(CHART_FONTS)}">` +
    `<title id="${titleId}">${escapeXml(input.alt)}</title>` +
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>` +
    rows +
    `<path d="M${LEFT} ${axisY}H${WIDTH - RIGHT}" stroke="${MUTED}"/>` +
    ticks +
    '</svg>'
  );
}

/**
 * The CJK font the charts count on (Debian package fonts-wqy-microhei, GPL with font exception):
 * a server renders Chinese labels with it. Installed at this path by `apt-get install fonts-wqy-microhei`.
 */
export const CJK_FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/** The start-up warning when the CJK font is missing (`exists` checks a path), or null. */
export function missingFontWarning(exists: (path: string) => boolean): string | null {
  return exists(CJK_FONT_FILE)
    ? null
    : `the CJK font ${CJK_FONT_FILE} is missing: Chinese labels of report charts rendered on this server will show as boxes; install the Debian package fonts-wqy-microhei (docs/reports.md)`;
}
