import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { closeWatchedPage, openWatchedPage, type PageTrouble, screenshot, signInToDesk, watchedPagePerTest } from '../support/browser.js';
import { DEMO, PEOPLE, type E2eSite } from '../support/site.js';

// The site settings journey (issue 15), in Debian's Chromium against the real app: the owner
// opens Settings from the desk's navigation, writes the German imprint and a postal address,
// saves, and a reader sees them on /de/imprint, linked from the German footer. Then (issue 19) the
// owner mistypes the limits per receiving domain: the form comes back with the input and a message
// naming the bad part; fixed and saved, the limit is the one in force on a send's page (its
// receiving domains' pace). Each ends with no console error and no failed same-origin request.
// Screenshots: test-artifacts/screenshots/journey-settings-*.png.

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

  it('mistypes the limits per receiving domain, is told which part is wrong, fixes them, and a send keeps to them', async () => {
    const domain = PEOPLE.member.email.split('@')[1]!;
    await signInToDesk(page, site);
    await page.goto(`${site.origin}/admin/settings`);
    const limits = page.getByLabel('Limits per receiving domain');
    await limits.fill(`${domain}=600/h, example.net=lots`);
    const [refused] = await Promise.all([page.waitForResponse((response) => response.url() === `${site.origin}/admin/settings` && response.request().method() === 'POST'), page.getByRole('button', { name: 'Save settings' }).click()]);
    expect(refused.status()).toBe(400);
    // Re-rendered with what was typed, and the message names the bad part (linked from the summary at the top).
    await expect(limits.inputValue()).resolves.toBe(`${domain}=600/h, example.net=lots`);
    await expect(page.locator('main').innerText()).resolves.toContain('"example.net=lots" is not a limit: write a domain, =, a number above 0, / and s, m, h or d, like qq.com=4000/h.');
    await expect(limits.getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'journey-settings-3-domain-limits-refused');

    await limits.fill(`${domain}=600/h, example.net=20/m`);
    await Promise.all([page.waitForURL(`${site.origin}/admin/settings`), page.getByRole('button', { name: 'Save settings' }).click()]);
    await expect(page.locator('main').innerText()).resolves.toContain('Settings saved.');
    await expect(limits.inputValue()).resolves.toBe(`${domain}=600/h, example.net=20/m`);

    // A send of the demo issue's full edition (to the member, at that domain): its page shows the pace in force.
    await page.goto(`${site.origin}/admin/issues/${DEMO.issue}/edit`);
    const panel = page.getByRole('region', { name: 'Sending' });
    await panel.getByLabel('Edition', { exact: true }).last().selectOption('full');
    await Promise.all([page.waitForURL(/\/admin\/deliveries\/send$/), panel.getByRole('button', { name: 'Continue to confirmation' }).click()]);
    await Promise.all([page.waitForURL(/\/admin\/deliveries\/\d+$/), page.getByRole('button', { name: /^Send now to \d+ recipients?$/ }).click()]);
    const row = page.locator(`section[data-delivery-domains] tr[data-domain="${domain}"]`);
    await expect(row.innerText()).resolves.toContain('at most 600 per hour');
    await screenshot(page, 'journey-settings-4-domain-limit-in-force');
  });
});
