import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR } from '../../../src/content-folder/demo.js';
import { type PageTrouble, screenshot, signInInBrowser, watchedPagePerTest } from '../support/browser.js';
import { PEOPLE, UPCOMING, type E2eSite } from '../support/site.js';

// The survey journeys of issue 18 in Debian's Chromium: a member answers a survey for their
// company on the site, once; an editor opens the demo report on the desk, checks a response file
// in a dry run (nothing changes), imports it, and a reader sees the new figure with its chart.
// Screenshots: test-artifacts/screenshots/journey-survey-*.png.

let browser: Browser;
let site: E2eSite;
let page: Page;
let trouble: PageTrouble;
watchedPagePerTest((journey) => void ({ browser, site, page, trouble } = journey));

const SLUG = 'ahk-innovation-report-2024-automotive';

/** The demo's file with one more automotive "yes" to the first question: 36/64 = 56%, 115/336 = 34%. */
function changedResponses(): Buffer {
  const lines = readFileSync(join(DEMO_DIR, 'reports', `${SLUG}.responses.csv`), 'utf8').split('\n');
  const index = lines.findIndex((line) => /^r\d+,automotive,no,/.test(line));
  lines[index] = lines[index]!.replace(',automotive,no,', ',automotive,yes,');
  return Buffer.from(lines.join('\n'));
}

describe('an editor with survey responses', () => {
  it('checks a response file in a dry run, imports it, and readers see the new figure and its chart', async () => {
    await page.goto(`${site.origin}/admin/login`);
    await page.getByLabel('Email').fill(PEOPLE.owner.email);
    await page.getByLabel('Password').fill(PEOPLE.owner.password);
    await Promise.all([page.waitForURL(`${site.origin}/admin`), page.getByRole('button', { name: 'Sign in' }).click()]);

    await page.goto(`${site.origin}/admin/reports`);
    await page.getByRole('link', { name: 'AHK Innovation Report 2024' }).click();
    await expect(page.locator('main').innerText()).resolves.toContain('z = 3.90');
    await page.getByRole('link', { name: 'Responses' }).click();
    await expect(page.locator('main').innerText()).resolves.toContain('336 respondents are stored.');
    await screenshot(page, 'journey-survey-1-responses');

    const file = { name: 'responses.csv', mimeType: 'text/csv', buffer: changedResponses() };
    await page.getByLabel('Response file (CSV)').setInputFiles(file);
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await expect(page.locator('main').innerText()).resolves.toContain('The file is valid: 336 respondents');
    await screenshot(page, 'journey-survey-2-dry-run');
    const unchanged = await page.context().newPage();
    await unchanged.goto(`${site.origin}/issues/2024-spring`);
    await expect(unchanged.locator('main').innerText()).resolves.toContain('55% vs. 34% (+21 pp)');
    await unchanged.close();

    await page.getByLabel('Response file (CSV)').setInputFiles(file);
    await Promise.all([page.waitForURL(/\/admin\/reports\/\d+\/responses$/), page.getByRole('button', { name: 'Import the responses' }).click()]);
    await expect(page.locator('body').innerText()).resolves.toContain('336 respondents imported (replacing 336).');

    const reader = await browser.newContext();
    const readerPage = await reader.newPage();
    await readerPage.goto(`${site.origin}/issues/2024-spring`);
    await expect(readerPage.locator('main').innerText()).resolves.toContain('56% vs. 34% (+22 pp)');
    const chart = readerPage.getByRole('img', { name: /Bar chart “More research and development in China”: automotive industry 56%/ });
    await expect(chart.isVisible()).resolves.toBe(true);
    await screenshot(readerPage, 'journey-survey-3-reader');
    await reader.close();
  });
});

describe('a member with a survey to answer', () => {
  it('answers for their company once, and is thanked when they come back', async () => {
    await signInInBrowser(page, site);
    await page.goto(`${site.origin}/surveys/${UPCOMING.survey}`);
    await page.getByRole('group', { name: 'Do you use AI in production?' }).getByLabel('Yes').check();
    const partners = page.getByRole('group', { name: 'Who are your innovation partners in China?' });
    await partners.getByLabel('Universities').check();
    await partners.getByLabel('Customers').check();
    await screenshot(page, 'journey-survey-member-1-form');
    await Promise.all([page.waitForURL(`**/surveys/${UPCOMING.survey}`), page.getByRole('button', { name: 'Send my company’s answer' }).click()]);
    await expect(page.locator('main').innerText()).resolves.toContain('Your company has answered this survey. Thank you.');
    await expect(page.getByRole('button', { name: 'Send my company’s answer' }).count()).resolves.toBe(0);
    const stored = await site.db.selectFrom('report_respondents').select('respondent').execute();
    expect(stored.map((row) => row.respondent).filter((id) => id.startsWith('company-'))).toHaveLength(1);
  });
});
