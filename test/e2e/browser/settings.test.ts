import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { closeWatchedPage, openWatchedPage, type PageTrouble, screenshot, signInToDesk, watchedPagePerTest } from '../support/browser.js';
import { type E2eSite } from '../support/site.js';

// The site settings journey (issue 15), in Debian's Chromium against the real app: the owner
// opens Settings from the desk's navigation, writes the German imprint and a postal address,
// saves, and a reader sees them on /de/imprint, linked from the German footer. It ends with no
// console error and no failed same-origin request. Screenshots: test-artifacts/screenshots/journey-settings-*.png.

let browser: Browser;
let site: E2eSite;
let page: Page;
let trouble: PageTrouble;
watchedPagePerTest((journey) => void ({ browser, site, page, trouble } = journey));

describe('the owner', () => {
  it('edits the imprint in the desk and sees it on /de/imprint', async () => {
    await signInToDesk(page, site);
    await Promise.all([page.waitForURL(`${site.origin}/admin/settings`), page.locator('nav.admin-nav').getByRole('link', { name: 'Settings' }).click()]);
    await expect(page.locator('main h1').innerText()).resolves.toBe('Site settings');
    await page.getByLabel('Postal address').fill('Musterstraße 1 (Journey)\n10115 Berlin');
    await page.getByLabel('Imprint (Deutsch)').fill('Verantwortlich für den Inhalt: **Erika Journey**.');
    await screenshot(page, 'journey-settings-1-form');
    await Promise.all([page.waitForURL(`${site.origin}/admin/settings`), page.getByRole('button', { name: 'Save settings' }).click()]);
    await expect(page.locator('main').innerText()).resolves.toContain('Settings saved.');
    await expect(page.getByLabel('Imprint (Deutsch)').inputValue()).resolves.toBe('Verantwortlich für den Inhalt: **Erika Journey**.');

    const { page: reader, trouble: readerTrouble } = await openWatchedPage(browser, site);
    try {
      await reader.goto(`${site.origin}/de/`);
      await Promise.all([reader.waitForURL(`${site.origin}/de/imprint`), reader.locator('footer').getByRole('link', { name: 'Impressum' }).click()]);
      const text = await reader.locator('main').innerText();
      expect(text).toContain('Impressum');
      expect(text).toContain('Musterstraße 1 (Journey)');
      expect(text).toContain('Verantwortlich für den Inhalt: Erika Journey.');
      await expect(reader.locator('main strong', { hasText: 'Erika Journey' }).count()).resolves.toBe(1);
      await screenshot(reader, 'journey-settings-2-imprint-de');
    } finally {
      await closeWatchedPage(reader, readerTrouble);
    }
  });
});
