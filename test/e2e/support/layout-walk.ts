import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pathIn } from '../../../src/web/locale.js';
import { audienceTabs, loadsInTurn, openPageKind, slots, startBrowserAndSite, WALK_TABS } from './browser.js';
import { pathOf, PUBLIC_PAGE_KINDS, replayPageKinds } from './page-kinds.js';
import { type E2eSite } from './site.js';

// One reading column: on every public page kind, in Chromium with the stylesheet applied, the
// page's heading and every block of the page (main's children, and those of the article or
// header that wraps a page) start at the same left edge, on a wide screen and on a phone. A list
// with `margin: 0` or a form narrower than the column once sat apart from the heading. In German
// and Chinese, nothing may run off a phone screen either.
//
// The walk is split into shard files that vitest runs side by side: browser/layout.en.test.ts
// (every public kind, forms sent), layout.de.test.ts and layout.zh.test.ts (the kinds without a
// form, under /de and /zh). The language shards first replay the English walk over HTTP
// (replayPageKinds), so their pages are in the state the English walk leaves. Pages load one at
// a time, in list order (some change the site), in tabs reused from kind to kind; the
// measurements of up to WALK_TABS loaded pages run side by side.

/** The kinds the English walk visits, in order. */
const ENGLISH_KINDS = PUBLIC_PAGE_KINDS.filter((kind) => kind.as !== 'staff');

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

/** The walk's tests in English (`en`: forms sent too) or in German or Chinese (the kinds without a form). */
export function describeLayoutWalk(language: 'en' | 'de' | 'zh'): void {
  let browser: Browser;
  let site: E2eSite;
  const withTab = audienceTabs(() => browser, () => site);
  const kinds = language === 'en' ? ENGLISH_KINDS : ENGLISH_KINDS.filter((kind) => !kind.submit);
  startBrowserAndSite(async (started) => {
    ({ browser, site } = started);
    if (language === 'en') return;
    // Signed in first, as in one long walk (the English walk changes the member's language, say).
    await withTab.signIn(kinds.map((kind) => kind.as));
    await replayPageKinds(site, ENGLISH_KINDS);
  });
  const takeTurn = loadsInTurn();
  const checking = slots(WALK_TABS);
  const title = language === 'en'
    ? 'the heading lines up with the page'
    : `the heading lines up with the page in ${language === 'de' ? 'German' : 'Chinese'}, and nothing runs off a phone screen`;

  describe(title, () => {
    it.concurrent.each(kinds.map((kind) => [`${kind.name} (${kind.as})${language === 'en' ? '' : ` in ${language}`}`, kind] as const))('%s', async (_label, kind) => {
      const inTurn = takeTurn();
      try {
        await checking(() =>
          withTab(kind.as, async (page) => {
            const { status, where } = await inTurn(async () => {
              // A reused tab may still be at a phone's width: every page loads on the wide screen.
              await page.setViewportSize({ width: 1280, height: 900 });
              if (language === 'en') return { status: (await openPageKind(page, site, kind)).status(), where: kind.name };
              const path = pathIn(language, await pathOf(kind, site));
              return { status: (await page.goto(`${site.origin}${path}`))?.status(), where: path };
            });
            expect(status, `${where}: status`).toBe(kind.status);
            if (language !== 'en') expect(await page.evaluate(() => document.documentElement.lang), where).toBe(language === 'zh' ? 'zh-Hans' : 'de');
            for (const width of [1280, 375]) {
              await page.setViewportSize({ width, height: 900 });
              const { h1, off } = await misaligned(page);
              expect(h1, `${where}: an h1 in main`).not.toBeNull();
              expect(off, `${where} at ${width}px: blocks not at the heading's left edge (${h1}px)`).toEqual([]);
              if (language === 'en') continue;
              const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
              expect(overflow, `${where} at ${width}px: wider than the screen by ${overflow}px`).toBeLessThanOrEqual(0);
            }
          }),
        );
      } finally {
        inTurn.release();
      }
    });
  });
}
