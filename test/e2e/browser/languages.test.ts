import type { Browser, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { lastLinkInOutbox } from '../../support/app.js';
import { closeWatchedPage, openWatchedPage, type PageTrouble, screenshot, startBrowserAndSite } from '../support/browser.js';
import { DEMO, PEOPLE, type E2eSite } from '../support/site.js';

// The languages in Chromium: a German reader whose browser prefers German is offered the German
// page (never redirected), takes it, moves around in German, and is not offered again once they
// chose; a Chinese reader signs in and reads as a member in Chinese. Screenshots:
// test-artifacts/screenshots/journey-language-*.png.

let browser: Browser;
let site: E2eSite;
startBrowserAndSite((started) => {
  ({ browser, site } = started);
});

let page: Page;
let trouble: PageTrouble;
/** A watched page in a browser whose preferred language is `locale`. */
async function open(locale: string): Promise<void> {
  ({ page, trouble } = await openWatchedPage(browser, site, { locale }));
}
afterEach(() => closeWatchedPage(page, trouble));

/** From the members-only part of the demo story's Chinese translation. */
const MEMBERS_ONLY_ZH = '这为德国企业寻找合作伙伴、技术和共同创新提供了一个大得多的高估值年轻企业群体';

const lang = () => page.evaluate(() => document.documentElement.lang);

describe('a German reader', () => {
  it('is offered the German page, takes it, reads in German and is not offered again', async () => {
    await open('de-DE');
    const first = await page.goto(`${site.origin}/issues/${DEMO.issue}`);
    expect(first?.status()).toBe(200);
    expect(page.url()).toBe(`${site.origin}/issues/${DEMO.issue}`);
    await expect(lang()).resolves.toBe('en');
    const offer = page.getByText('Diese Seite gibt es auch auf Deutsch.');
    await offer.waitFor();
    await expect(page.getByText('本页面也有中文版。').isVisible()).resolves.toBe(false);
    await screenshot(page, 'journey-language-1-offer');

    await Promise.all([page.waitForURL(`**/de/issues/${DEMO.issue}`), page.getByRole('link', { name: 'Auf Deutsch lesen' }).click()]);
    await expect(lang()).resolves.toBe('de');
    await expect(page.getByText('Diese Seite gibt es auch auf Deutsch.').isVisible()).resolves.toBe(false);
    await Promise.all([page.waitForURL('**/de/events'), page.getByRole('navigation', { name: 'Hauptmenü' }).getByRole('link', { name: 'Veranstaltungen' }).click()]);
    await expect(page.getByRole('link', { name: 'Deutsch' }).getAttribute('aria-current')).resolves.toBe('true');
    await screenshot(page, 'journey-language-2-german-events');

    // The switch keeps the page; after choosing, the English page makes no offer.
    await Promise.all([page.waitForURL(`${site.origin}/events`), page.getByRole('navigation', { name: 'Sprache' }).getByRole('link', { name: 'English' }).click()]);
    await expect(lang()).resolves.toBe('en');
    await page.waitForLoadState('load');
    await expect(page.getByText('Diese Seite gibt es auch auf Deutsch.').isVisible()).resolves.toBe(false);
  });
});

describe('a Chinese reader', () => {
  it('reads the Chinese translation, signs in from the Chinese site and reads its members-only part with the header in Chinese', async () => {
    await open('zh-CN');
    await page.goto(`${site.origin}/zh/stories/${DEMO.story}`);
    await expect(lang()).resolves.toBe('zh-Hans');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('2023年中国新增56家独角兽企业');
    await expect(page.locator('main').innerText()).resolves.not.toContain(MEMBERS_ONLY_ZH);
    await expect(page.getByRole('complementary', { name: '会员专享内容' }).isVisible()).resolves.toBe(true);

    await Promise.all([page.waitForURL('**/zh/login'), page.getByRole('banner').getByRole('link', { name: '登录' }).click()]);
    await expect(lang()).resolves.toBe('zh-Hans');
    await page.locator('main form input[name="email"]').fill(PEOPLE.member.email);
    await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
    const link = await lastLinkInOutbox(site.app, PEOPLE.member.email, '/login/');
    expect(link, 'sign-in link in the outbox').toBeDefined();
    await page.goto(`${site.origin}${link}`);
    await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);

    await page.goto(`${site.origin}/zh/stories/${DEMO.story}`);
    await expect(page.getByRole('banner').getByRole('link', { name: '我的账户' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('main').innerText()).resolves.toContain(MEMBERS_ONLY_ZH);
    await screenshot(page, 'journey-language-3-chinese-member');
  });
});
