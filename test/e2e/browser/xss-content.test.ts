import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser, openWatchedPage, type PageTrouble } from '../support/browser.js';
import { writeHostileContent } from '../support/hostile-content.js';
import { PEOPLE, startSite, type E2eSite } from '../support/site.js';
import { showsPayloadText, xssEffectsOn } from '../support/xss.js';

// XSS payloads in content: the demo folder with payloads in every text field, web address and
// body (support/hostile-content.ts) goes in through the content folder import; then every page
// reachable from /, the sitemap and the feed is rendered in Chromium, for the public and for a
// member (who sees the members-only parts). The browser ignores the site's CSP, so this proves
// the escaping and sanitising themselves; the CSP is a second wall (http/security-headers.test.ts).

// A shared two-core machine can make a browser step slow; these budgets are generous on purpose.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

let browser: Browser;
let site: E2eSite;
let contentDir: string;
let poisonedFields = 0;

beforeAll(async () => {
  contentDir = mkdtempSync(join(tmpdir(), 'insights-hostile-'));
  poisonedFields = writeHostileContent(contentDir);
  [browser, site] = await Promise.all([launchBrowser(), startSite({ contentDir })]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (contentDir) rmSync(contentDir, { recursive: true, force: true });
});

/** Visits every same-origin page reachable from /, the sitemap and the feed; returns what payloads did and what was seen. */
async function crawl(page: Page, trouble: PageTrouble): Promise<{ effects: string[]; pages: string[]; withPayloadText: number }> {
  const queue = ['/', '/sitemap.xml', '/feed.xml'];
  const seen = new Set(queue);
  const effects: string[] = [];
  let withPayloadText = 0;
  while (queue.length > 0) {
    const path = queue.shift()!;
    const response = await page.goto(`${site.origin}${path}`);
    expect(response?.status(), path).toBeLessThan(500);
    effects.push(...(await xssEffectsOn(page, trouble, path)));
    if (await showsPayloadText(page)) withPayloadText += 1;
    const links = (await page.evaluate(`[...document.querySelectorAll('a[href], loc')].map((el) => el.getAttribute('href') ?? el.textContent)`)) as string[];
    for (const link of links) {
      const url = new URL(link, `${site.origin}${path}`);
      // Downloads (the events' .ics files, CSV exports) are not pages: a browser saves them, it does not render them.
      if (url.origin !== site.origin || url.pathname.startsWith('/assets/') || /\.(ics|csv)$/.test(url.pathname) || seen.has(url.pathname)) continue;
      seen.add(url.pathname);
      queue.push(url.pathname);
    }
  }
  return { effects, pages: [...seen], withPayloadText };
}

describe('XSS payloads in imported content', () => {
  it('went in: the import took payloads in every text field and body', async () => {
    expect(poisonedFields).toBeGreaterThan(100);
    const story = await site.db.selectFrom('stories').select('body').where('slug', '=', 'china-56-new-unicorns-2023').executeTakeFirstOrThrow();
    expect(story.body).toContain('<script data-xss>');
  });

  it('run nowhere on the public site: every page reachable from /, the sitemap and the feed', async () => {
    const { context, page, trouble } = await openWatchedPage(browser, site, { bypassCSP: true });
    try {
      const { effects, pages, withPayloadText } = await crawl(page, trouble);
      expect(pages.length).toBeGreaterThan(30);
      // The payloads were there to be found: most pages show some of them as plain text.
      expect(withPayloadText).toBeGreaterThan(pages.length / 2);
      expect(effects).toEqual([]);
      expect(trouble.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('run nowhere a member looks, members-only parts included', async () => {
    const { context, page, trouble } = await openWatchedPage(browser, site, { bypassCSP: true, signInAs: PEOPLE.member.email });
    try {
      const { effects, pages } = await crawl(page, trouble);
      expect(pages.length).toBeGreaterThan(30);
      expect(effects).toEqual([]);
      expect(trouble.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
