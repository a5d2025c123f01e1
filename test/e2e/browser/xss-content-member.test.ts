import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openWatchedPage } from '../support/browser.js';
import { PEOPLE, type E2eSite } from '../support/site.js';
import { crawl, startHostileSite } from '../support/xss-crawl.js';

// XSS payloads in imported content, for a signed-in member, who sees the members-only parts
// (support/xss-crawl.ts; the public's crawl is xss-content.test.ts).

let browser: Browser;
let site: E2eSite;
startHostileSite((started) => {
  ({ browser, site } = started);
});

describe('XSS payloads in imported content', () => {
  it('run nowhere a member looks, members-only parts included', async () => {
    const { context, page, trouble } = await openWatchedPage(browser, site, { bypassCSP: true, signInAs: PEOPLE.member.email });
    try {
      const { effects, pages, withPayloadText, consoleErrors } = await crawl(site, context, 'member');
      expect(pages.length).toBeGreaterThan(30);
      expect(withPayloadText).toBeGreaterThan(pages.length / 2);
      expect(effects).toEqual([]);
      expect([...trouble.consoleErrors, ...consoleErrors]).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
