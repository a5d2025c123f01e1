import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type PageTrouble, screenshot, signInInBrowser, watchedPagePerTest } from '../support/browser.js';
import type { E2eSite } from '../support/site.js';

// The private feed journey of issue 16 in Debian's Chromium against the real app: a member makes
// a feed link on /account, reads the full text through it (members-only parts included, which
// the public feed leaves out), rotates it (the old address stops at once) and revokes it.
// No console error, no failed request. Screenshots: test-artifacts/screenshots/journey-private-feed-*.png.

const MEMBERS_ONLY = 'Sample analysis for members';

let browser: Browser;
let site: E2eSite;
let page: Page;
let trouble: PageTrouble;
watchedPagePerTest((journey) => void ({ browser, site, page, trouble } = journey));

describe('a member who reads in a feed reader', () => {
  it('makes a private feed link on /account, reads the full text through it, rotates it and revokes it', async () => {
    await signInInBrowser(page, site);
    await page.goto(`${site.origin}/account`);
    await page.getByRole('heading', { name: 'Your private feed' }).waitFor();
    await screenshot(page, 'journey-private-feed-1-account');
    await page.getByRole('button', { name: 'Create feed link' }).click();
    const first = await page.getByLabel('Feed address').inputValue();
    expect(first).toMatch(/\/feeds\/private\/[A-Za-z0-9_-]{43}\.xml$/);
    await screenshot(page, 'journey-private-feed-2-created');

    // The feed, as a feed reader fetches it: no cookie, the token alone.
    const reader: APIRequestContext = await request.newContext();
    const feed = await reader.get(first);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(feed.headers()['cache-control']).toBe('private, no-store');
    expect(await feed.text()).toContain(MEMBERS_ONLY);
    expect(await (await reader.get(`${site.origin}/feed.xml`)).text()).not.toContain(MEMBERS_ONLY);

    await page.getByRole('button', { name: 'Rotate: make a new link' }).click();
    await page.getByText('Your earlier feed link has stopped working.').waitFor();
    const second = await page.getByLabel('Feed address').inputValue();
    expect(second).not.toBe(first);
    expect((await reader.get(first)).status()).toBe(404);
    expect((await reader.get(second)).status()).toBe(200);

    await Promise.all([page.waitForURL((url) => url.pathname === '/account' && url.searchParams.get('feed') === 'revoked'), page.getByRole('button', { name: 'Revoke feed link' }).click()]);
    await page.getByText('Your feed link is revoked and no longer works.').waitFor();
    await page.getByRole('button', { name: 'Create feed link' }).waitFor();
    await screenshot(page, 'journey-private-feed-3-revoked');
    expect((await reader.get(second)).status()).toBe(404);
    await reader.dispose();
  });
});
