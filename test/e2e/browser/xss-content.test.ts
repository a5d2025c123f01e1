import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newContext } from '../support/browser.js';
import { type E2eSite } from '../support/site.js';
import { crawl, startHostileSite } from '../support/xss-crawl.js';

// XSS payloads in imported content, for the public (support/xss-crawl.ts; the member's crawl is
// xss-content-member.test.ts): every page reachable from /, the sitemap and the feed.

let browser: Browser;
let site: E2eSite;
let poisonedFields = 0;
startHostileSite((started) => {
  ({ browser, site, poisonedFields } = started);
});

describe('XSS payloads in imported content', () => {
  it('went in: the import took payloads in every text field and body', async () => {
    expect(poisonedFields).toBeGreaterThan(100);
    const story = await site.db.selectFrom('stories').select('body').where('slug', '=', 'china-56-new-unicorns-2023').executeTakeFirstOrThrow();
    expect(story.body).toContain('<script data-xss>');
  });

  it('run nowhere on the public site: every page reachable from /, the sitemap and the feed', async () => {
    const context = await newContext(browser, { bypassCSP: true });
    try {
      const { effects, pages, withPayloadText, consoleErrors } = await crawl(site, context, 'public');
      expect(pages.length).toBeGreaterThan(30);
      // The payloads were there to be found: most pages show some of them as plain text.
      expect(withPayloadText).toBeGreaterThan(pages.length / 2);
      expect(effects).toEqual([]);
      expect(consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
