// WCAG 2.x contrast (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio), for the site's accent
// colour (branding, issue 21): text and buttons in the accent on white, and white text on it,
// need at least 4.5:1 (AA for normal text).

/** The contrast AA asks of normal text. */
export const WCAG_AA_NORMAL = 4.5;

const HEX = /^#([0-9a-f]{6})$/i;

/** Whether a value is a colour as the settings take it: # and six hexadecimal digits. */
export function isHexColour(value: string): boolean {
  return HEX.test(value.trim());
}

function luminance(hex: string): number {
  const digits = HEX.exec(hex.trim())?.[1];
  if (!digits) throw new Error(`not a colour: ${hex}`);
  const [r, g, b] = [0, 2, 4].map((at) => {
    const channel = parseInt(digits.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The ratio as people read it: rounded down to two decimals, so 4.499 is never shown as 4.5. */
export function formatRatio(ratio: number): string {
  return (Math.floor(ratio * 100) / 100).toFixed(2);
}
