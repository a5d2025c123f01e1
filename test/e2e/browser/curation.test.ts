import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE, startFeedServer, type FeedServer } from '../../support/feed-server.js';
import { type PageTrouble, screenshot, signInToDesk, watchedPagePerTest } from '../support/browser.js';
import type { E2eSite } from '../support/site.js';

// The curation journey of issue 22 in Debian's Chromium against the real app and a feed server on
// 127.0.0.1: an editor adds two feeds on the desk, the app's job loop polls them, the same launch
// from both outlets shows as one entry, the editor promotes it, and lands on the draft story with
// both sources filled and the sources' summaries beside it as the editor's note; the entry then
// names the story. No console error, no failed request.
// Screenshots: test-artifacts/screenshots/journey-curation-*.png.

let browser: Browser;
let site: E2eSite;
let page: Page;
let trouble: PageTrouble;
watchedPagePerTest((journey) => void ({ browser, site, page, trouble } = journey));

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

async function addSource(url: string): Promise<void> {
  await page.getByLabel('Feed address').fill(url);
  await Promise.all([page.waitForURL(`${site.origin}/admin/inbox/sources`), page.getByRole('button', { name: 'Add the source' }).click()]);
  await page.getByText(`Added ${url}`).waitFor();
}

describe('an editor curating the news', () => {
  it('adds feeds, sees the items clustered, promotes one and finds the draft story with its sources', async () => {
    await signInToDesk(page, site);
    await page.goto(`${site.origin}/admin/inbox/sources`);
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    await addSource(`${server.base}/rss.xml`);
    await addSource(`${server.base}/atom.xml`);
    await screenshot(page, 'journey-curation-1-sources');

    // The web process's job loop polls the new sources; the inbox shows them once it has.
    let found = false;
    for (let attempt = 0; attempt < 40 && !found; attempt++) {
      await page.goto(`${site.origin}/admin/inbox`);
      found = (await page.getByRole('link', { name: FIXTURE.launchTitle, exact: true }).count()) > 0;
      if (!found) await page.waitForTimeout(250);
    }
    expect(found).toBe(true);
    await expect(page.getByText('Also in 1 more source:').count()).resolves.toBe(1);
    await screenshot(page, 'journey-curation-2-inbox');

    await Promise.all([page.waitForURL(/\/admin\/inbox\/items\/\d+$/), page.getByRole('link', { name: FIXTURE.launchTitle, exact: true }).click()]);
    const entryUrl = page.url();
    await page.getByRole('heading', { name: '2 sources' }).waitFor();
    await Promise.all([page.waitForURL(/\/admin\/stories\/[a-z0-9-]+\/edit$/), page.getByRole('button', { name: 'Promote to a draft story' }).click()]);
    await page.getByText('The draft story was made.').waitFor();
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(FIXTURE.launchTitle);
    const outlets = await page.locator('input[name$=".outlet"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value).filter(Boolean));
    expect(outlets).toEqual(['SpaceNews', 'Interesting Engineering']);
    await page.getByRole('heading', { name: 'Editor\'s note from the curation inbox' }).waitFor();
    await screenshot(page, 'journey-curation-3-story');

    await page.goto(entryUrl);
    await page.getByText(`This entry became the story ${FIXTURE.launchTitle}`).waitFor();
    await expect(page.getByRole('button', { name: 'Promote to a draft story' }).count()).resolves.toBe(0);
  });
});
