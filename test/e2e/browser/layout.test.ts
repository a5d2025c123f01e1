import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { audienceContexts, openPageKind, startBrowserAndSite } from '../support/browser.js';
import { pathIn } from '../../../src/web/locale.js';
import { pathOf, PUBLIC_PAGE_KINDS } from '../support/page-kinds.js';
import { type E2eSite } from '../support/site.js';

// One reading column: on every public page kind, in Chromium with the stylesheet applied, the
// page's heading and every block of the page (main's children, and those of the article or
// header that wraps a page) start at the same left edge, on a wide screen and on a phone. A list
// with `margin: 0` or a form narrower than the column once sat apart from the heading.

let browser: Browser;
let site: E2eSite;
startBrowserAndSite((started) => {
  ({ browser, site } = started);
});

const contextFor = audienceContexts(() => browser, () => site);

/** Blocks whose left edge differs from the h1's, as `tag.class: x` (hidden and absolutely placed ones aside). */
function misaligned(page: Page): Promise<{ h1: number | null; off: string[] }> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    const h1 = main?.querySelector('h1');
    if (!main || !h1) return { h1: null, off: [] };
    const left = Math.round(h1.getBoundingClientRect().left);
    const blocks = Array.from(main.children).flatMap((child) => (/^(ARTICLE|HEADER)$/.test(child.tagName) ? [child, ...Array.from(child.children)] : [child]));
    const off = blocks
      .filter((block) => {
        const box = block.getBoundingClientRect();
        const style = getComputedStyle(block);
        return box.width > 0 && box.height > 0 && style.position !== 'absolute' && style.position !== 'fixed' && Math.round(box.left) !== left;
      })
      .map((block) => `${block.tagName.toLowerCase()}.${block.className}: ${Math.round(block.getBoundingClientRect().left)}`);
    return { h1: left, off };
  });
}

describe('the heading lines up with the page', () => {
  it.each(PUBLIC_PAGE_KINDS.filter((kind) => kind.as !== 'staff').map((kind) => [`${kind.name} (${kind.as})`, kind] as const))('%s', async (_label, kind) => {
    const page = await (await contextFor(kind.as)).newPage();
    try {
      const response = await openPageKind(page, site, kind);
      expect(response.status(), `${kind.name}: status`).toBe(kind.status);
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        const { h1, off } = await misaligned(page);
        expect(h1, `${kind.name}: an h1 in main`).not.toBeNull();
        expect(off, `${kind.name} at ${width}px: blocks not at the heading's left edge (${h1}px)`).toEqual([]);
      }
    } finally {
      await page.close();
    }
  });
});

describe('the heading lines up with the page in German and Chinese, and nothing runs off a phone screen', () => {
  const kinds = PUBLIC_PAGE_KINDS.filter((kind) => kind.as !== 'staff' && !kind.submit);
  it.each((['de', 'zh'] as const).flatMap((language) => kinds.map((kind) => [`${kind.name} (${kind.as}) in ${language}`, language, kind] as const)))('%s', async (_label, language, kind) => {
    const page = await (await contextFor(kind.as)).newPage();
    try {
      const path = pathIn(language, await pathOf(kind, site));
      const response = await page.goto(`${site.origin}${path}`);
      expect(response?.status(), `${path}: status`).toBe(kind.status);
      expect(await page.evaluate(() => document.documentElement.lang), path).toBe(language === 'zh' ? 'zh-Hans' : 'de');
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        const { h1, off } = await misaligned(page);
        expect(h1, `${path}: an h1 in main`).not.toBeNull();
        expect(off, `${path} at ${width}px: blocks not at the heading's left edge (${h1}px)`).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${path} at ${width}px: wider than the screen by ${overflow}px`).toBeLessThanOrEqual(0);
      }
    } finally {
      await page.close();
    }
  });
});
