import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { closeWatchedPage, openWatchedPage, type PageTrouble, screenshot, signInToDesk, watchedPagePerTest } from '../support/browser.js';
import { type E2eSite } from '../support/site.js';

// The translator's journey (issue 14), in English, in Debian's Chromium against the real app: an
// editor opens a story of a published issue on the desk, follows its Translations box to the
// German page, translates the title and the text beside the original (the members-only line
// kept), saves, and a signed-out reader of /de/stories/<slug> sees the German title and teaser
// but not the members-only part. No console error, no failed same-origin request.
// Screenshots: test-artifacts/screenshots/journey-translator-*.png.

let browser: Browser;
let site: E2eSite;
let page: Page;
let trouble: PageTrouble;
watchedPagePerTest((journey) => void ({ browser, site, page, trouble } = journey));

describe('a translator', () => {
  // In the published 2023 Spring Issue; the demo has no German version of it.
  const story = { slug: 'byd-tripled-sales-2022', title: 'BYD tripled their sales in 2022. How did they do it?' };
  const german = {
    title: 'BYD hat seinen Absatz 2022 verdreifacht. Wie ist das gelungen?',
    teaser: 'Im vergangenen Jahr verkaufte der chinesische Autobauer BYD insgesamt 1,86 Millionen Elektroautos.',
    membersOnly: 'Beispielanalyse für Mitglieder: eigene Schlüsselkomponenten und eine breite Modellpalette.',
  };

  it('opens a story, translates it into German beside the original and sees it on the German public page', async () => {
    await signInToDesk(page, site);
    await page.goto(`${site.origin}/admin/stories?q=BYD`);
    await Promise.all([page.waitForURL(`**/admin/stories/${story.slug}/edit`), page.locator('main').getByRole('link', { name: story.title }).click()]);
    const box = page.locator('section[aria-labelledby="translations-heading"]');
    await expect(box.innerText()).resolves.toMatch(/German translation\s*missing/);
    await Promise.all([page.waitForURL(`**/admin/stories/${story.slug}/translations/de`), box.getByRole('link', { name: 'German translation' }).click()]);
    await expect(page.locator('main').innerText()).resolves.toContain('There is no German translation yet');
    await expect(page.locator('section[aria-labelledby="original-heading"]').innerText()).resolves.toContain(story.title);

    await page.getByLabel('Title', { exact: true }).fill(german.title);
    await page.getByLabel('Text', { exact: true }).fill(`${german.teaser}\n\n<!-- members-only -->\n\n${german.membersOnly}`);
    await screenshot(page, 'journey-translator-1-form');
    await Promise.all([page.waitForURL(`**/admin/stories/${story.slug}/translations/de`), page.getByRole('button', { name: 'Save translation' }).click()]);
    await expect(page.locator('main').innerText()).resolves.toContain('The German translation is saved.');
    await expect(page.locator('main').innerText()).resolves.toContain('The translation is up to date with the original.');
    await screenshot(page, 'journey-translator-2-saved');

    // Back on the list, the row says German is done and Chinese still missing.
    await page.goto(`${site.origin}/admin/stories?q=BYD`);
    await expect(page.locator('main tbody tr').filter({ hasText: story.title }).innerText()).resolves.toMatch(/DE ✓\s*ZH missing/);

    const { page: reader, trouble: readerTrouble } = await openWatchedPage(browser, site);
    try {
      const response = await reader.goto(`${site.origin}/de/stories/${story.slug}`);
      expect(response?.status()).toBe(200);
      const text = await reader.locator('main').innerText();
      expect(text).toContain(german.title);
      expect(text).toContain(german.teaser);
      expect(text).not.toContain(german.membersOnly);
      await screenshot(reader, 'journey-translator-3-german-page');
    } finally {
      await closeWatchedPage(reader, readerTrouble);
    }
  });
});
