import type { Browser, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { closeWatchedPage, openWatchedPage, type PageTrouble, screenshot, signInToDesk, startBrowserAndSite } from '../support/browser.js';
import type { E2eSite } from '../support/site.js';

// The innovators directory's journeys (issue 17) in Debian's Chromium against the real app: an
// editor writes a profile in the desk (with a contact person), and a reader finds it in the
// directory by a filter, opens it, and sees neither its members-only part nor its contact person.
// No console error, no failed request. Screenshots: test-artifacts/screenshots/journey-innovators-*.png.

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

describe('the innovators directory', () => {
  it('an editor writes a profile in the desk; a reader finds it by its technology and reads its public part', async () => {
    opened = await openWatchedPage(browser, site);
    const { page } = opened;
    await signInToDesk(page, site);
    await page.getByRole('link', { name: 'Organizations' }).first().click();
    await page.getByRole('link', { name: 'New profile' }).click();
    await page.getByLabel('Slug').fill('journey-robotics');
    await page.getByLabel('Name (Latin script)').fill('Journey Robotics');
    await page.getByLabel('Origin country').fill('CN');
    await page.getByLabel('Kind').selectOption('startup');
    await page.getByLabel('City').fill('Hangzhou');
    await page.getByLabel('Technologies').fill('Swarm robots');
    await page.getByLabel('Profile', { exact: true }).fill('A sample robotics start-up for this test.\n\n<!-- members-only -->\nMembers note 5d1e.');
    await page.getByLabel('Contact persons (never shown on any page)').fill('Sample Person | CEO | sample.person@example.com | zh | Sample contact for a test');
    await Promise.all([page.waitForURL('**/admin/organizations/journey-robotics/edit'), page.getByRole('button', { name: 'Save profile' }).click()]);
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('The profile is saved.');
    await screenshot(page, 'journey-innovators-1-desk');

    await page.goto(`${site.origin}/innovators`);
    await page.getByLabel('Technology').selectOption({ label: 'Swarm robots' });
    await Promise.all([page.waitForURL(/technology=swarm-robots/), page.getByRole('button', { name: 'Show' }).click()]);
    await expect(page.getByRole('status').innerText()).resolves.toBe('1 innovator');
    await Promise.all([page.waitForURL('**/innovators/journey-robotics'), page.getByRole('link', { name: 'Journey Robotics' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Journey Robotics' }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('A sample robotics start-up for this test.');
    expect(text).toContain('Hangzhou');
    const html = await page.content();
    expect(html).not.toContain('5d1e');
    expect(html).not.toContain('sample.person@example.com');
    await screenshot(page, 'journey-innovators-2-profile');
  });
});
