import type { Browser, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { closeWatchedPage, openWatchedPage, type PageTrouble, screenshot, signInInBrowser, startBrowserAndSite } from '../support/browser.js';
import type { E2eSite } from '../support/site.js';

// The knowledge base's journeys (issue 16) in Debian's Chromium against the real app: a reader
// searches from the header of a German page, narrows by a topic facet (shown by its name), opens a
// story and follows it to its organisation's page; a word only members-only text holds finds
// nothing for the public and the story for a signed-in member. No console error, no failed
// request. Screenshots: test-artifacts/screenshots/journey-knowledge-*.png.

let browser: Browser;
let site: E2eSite;
startBrowserAndSite((started) => {
  ({ browser, site } = started);
});

let opened: { page: Page; trouble: PageTrouble } | undefined;
afterEach(async () => {
  if (opened) await closeWatchedPage(opened.page, opened.trouble);
  opened = undefined;
});

const hitTitles = (page: Page) => page.locator('.search-hit__title').allInnerTexts();

describe('the knowledge base', () => {
  it('searches from the header, filters by a topic, and browses from a story to its organisation', async () => {
    opened = await openWatchedPage(browser, site);
    const { page } = opened;
    await page.goto(`${site.origin}/de/`);
    await page.getByRole('searchbox', { name: 'Website durchsuchen' }).fill('hyperpark');
    await Promise.all([page.waitForURL('**/de/search?q=hyperpark'), page.getByRole('searchbox', { name: 'Website durchsuchen' }).press('Enter')]);
    await expect(page.getByRole('status').innerText()).resolves.toMatch(/Treffer für „hyperpark“/);
    await screenshot(page, 'journey-knowledge-1-results');

    // The topic facet shows names, not slugs, and narrows the results.
    const topics = page.getByRole('region', { name: 'Thema' });
    await expect(topics.innerText()).resolves.not.toContain('expert-interviews');
    await Promise.all([page.waitForURL(/topic=expert-interviews/), topics.getByRole('link', { name: /^Expert interviews/ }).click()]);
    const titles = await hitTitles(page);
    expect(titles.some((title) => title.includes('HyperPark'))).toBe(true);

    // A hit opens the page in the hit's language (the English original here).
    await Promise.all([page.waitForURL('**/stories/hyperpark-parking-open-innovation'), page.locator('.search-hit__title a', { hasText: 'HyperPark' }).first().click()]);
    await Promise.all([page.waitForURL('**/innovators/hyperpark'), page.getByRole('link', { name: 'HyperPark', exact: true }).click()]);
    await page.getByRole('heading', { level: 1, name: 'HyperPark' }).waitFor();
    await expect(page.locator('.archive__title').allInnerTexts()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('HyperPark')]));
    await screenshot(page, 'journey-knowledge-2-organization');
  });

  it('finds a word of members-only text for a signed-in member only', async () => {
    opened = await openWatchedPage(browser, site);
    const { page } = opened;
    await page.goto(`${site.origin}/search?q=modernization`);
    await expect(page.getByRole('status').innerText()).resolves.toBe('No results for “modernization”.');

    await signInInBrowser(page, site);
    await page.goto(`${site.origin}/`);
    await page.getByRole('searchbox', { name: 'Search the site' }).fill('modernization');
    await Promise.all([page.waitForURL('**/search?q=modernization'), page.getByRole('button', { name: 'Search', exact: true }).click()]);
    const titles = await hitTitles(page);
    expect(titles.some((title) => title.includes('Merck')), titles.join(' | ')).toBe(true);
    await screenshot(page, 'journey-knowledge-3-member');
  });
});
