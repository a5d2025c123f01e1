import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lastLinkInOutbox, outboxMessages } from '../../support/app.js';
import { type PageTrouble, screenshot, signInInBrowser, watchedPagePerTest } from '../support/browser.js';
import { PEOPLE, type E2eSite } from '../support/site.js';

// The erasure journey of issue 15 in Debian's Chromium against the real app: a member asks on
// /account for their data to be erased, follows the emailed link, confirms, and can no longer
// sign in (no link is ever mailed to the address again). No console error, no failed request.
// Screenshots: test-artifacts/screenshots/journey-erasure-*.png.

let browser: Browser;
let site: E2eSite;
let page: Page;
let trouble: PageTrouble;
watchedPagePerTest((journey) => void ({ browser, site, page, trouble } = journey));

describe('a member who wants to be forgotten', () => {
  it('asks on /account, confirms through the emailed link, and can no longer sign in', async () => {
    const email = PEOPLE.lapsed.email;
    await signInInBrowser(page, site, email);
    await page.goto(`${site.origin}/account`);
    await page.getByRole('heading', { name: 'Your data' }).waitFor();
    await screenshot(page, 'journey-erasure-1-account');
    await Promise.all([page.waitForURL('**/account?privacy=erase'), page.getByRole('button', { name: 'Email me a link to erase my data' }).click()]);
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('We emailed you a link to confirm the erasure.');

    const link = await lastLinkInOutbox(site.app, email, '/account/erase/');
    expect(link, 'erasure link in the outbox').toBeDefined();
    await page.goto(`${site.origin}${link}`);
    await page.getByRole('heading', { name: 'Erase your data' }).waitFor();
    // Opening the link (what a mail scanner does) erases nothing; only the button does.
    expect(await site.db.selectFrom('contacts').select('id').where('email', '=', email).executeTakeFirst()).toBeDefined();
    await screenshot(page, 'journey-erasure-2-confirm');
    await page.getByRole('button', { name: 'Erase my data' }).click();
    await page.getByRole('heading', { name: 'Your data is erased' }).waitFor();
    await screenshot(page, 'journey-erasure-3-erased');
    expect(await site.db.selectFrom('contacts').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();

    // Signed out, and asking for a sign-in link answers as for any address but mails nothing.
    await page.goto(`${site.origin}/account`);
    await page.waitForURL('**/login');
    await page.getByLabel('Your email address').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    expect(await lastLinkInOutbox(site.app, email, '/login/')).toBeUndefined();
    expect((await outboxMessages(site.app)).filter((raw) => raw.toLowerCase().includes(email.toLowerCase()))).toEqual([]);
  });
});
