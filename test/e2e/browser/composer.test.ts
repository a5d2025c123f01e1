import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, findAxeViolations } from '../support/axe.js';
import { type PageTrouble, screenshot, signInToDesk, watchedPagePerTest } from '../support/browser.js';
import { DEMO, type E2eSite } from '../support/site.js';

// The composer in place (issue 21), in Debian's Chromium against the real app, under the site's
// strict CSP: the owner creates an issue, adds a section and an item without a reload, moves a
// section with Alt+Arrow Up (the focus stays on the moved row, the live region says where it
// went), finds a story by typing part of its title, drags a section by its handle, saves, and opens the German teaser email's
// preview in its sandboxed frame. A marker set on `window` survives every in-place change: no
// full reload happened. Screenshots: test-artifacts/screenshots/journey-composer-*.png.

let browser: Browser;
let site: E2eSite;
let page: Page;
let trouble: PageTrouble;
watchedPagePerTest((journey) => void ({ browser, site, page, trouble } = journey));

const marker = (p: Page) => p.evaluate(() => (window as unknown as { composerMarker?: string }).composerMarker ?? null);
const focusedName = (p: Page) => p.evaluate(() => (document.activeElement as HTMLInputElement | HTMLButtonElement | null)?.getAttribute('name') ?? (document.activeElement as HTMLButtonElement | null)?.value ?? null);
const focusedValue = (p: Page) => p.evaluate(() => (document.activeElement as HTMLButtonElement | null)?.value ?? null);

describe('the issue composer', () => {
  it('adds, reorders and picks in place, then shows the email edition before any send', async () => {
    await signInToDesk(page, site);
    await page.goto(`${site.origin}/admin/issues/new`);
    await page.getByLabel('Season').selectOption('winter');
    await page.getByLabel('Year').fill('2027');
    await Promise.all([page.waitForURL(`${site.origin}/admin/issues/2027-winter/edit`), page.getByRole('button', { name: 'Create' }).click()]);
    await page.evaluate(() => {
      (window as unknown as { composerMarker: string }).composerMarker = 'no reload';
    });

    // The blank section: fill it, then add a second one in place.
    await page.locator('select[name="sections.0.kind"]').selectOption('news');
    await page.locator('input[name="sections.0.heading"]').fill('First section');
    await page.locator('button[value="add-section"]').click();
    await page.locator('select[name="sections.1.kind"]').waitFor();
    await expect(focusedName(page)).resolves.toBe('sections.1.kind');
    await page.waitForFunction(() => document.getElementById('composer-status')?.textContent?.includes('Section 2 added.'));
    // What was typed before the change is still there.
    await expect(page.locator('input[name="sections.0.heading"]').inputValue()).resolves.toBe('First section');
    await page.locator('select[name="sections.1.kind"]').selectOption('landscape');
    await page.locator('input[name="sections.1.heading"]').fill('Second section');

    // An item more in the first section.
    await page.locator('button[value="add-item:0"]').click();
    await page.locator('input[name="sections.0.items.2.label"]').waitFor();
    await expect(focusedName(page)).resolves.toBe('sections.0.items.2.label');
    await expect(marker(page)).resolves.toBe('no reload');

    // The keyboard: Alt+Arrow Up in the second section moves it first.
    await page.locator('input[name="sections.1.heading"]').focus();
    await page.keyboard.press('Alt+ArrowUp');
    await page.waitForFunction(() => (document.querySelector('input[name="sections.0.heading"]') as HTMLInputElement | null)?.value === 'Second section');
    await expect(page.locator('input[name="sections.1.heading"]').inputValue()).resolves.toBe('First section');
    await expect(focusedValue(page)).resolves.toBe('section-down:0');
    await page.waitForFunction(() => document.getElementById('composer-status')?.textContent?.includes('Section moved to position 1 of 2.'));
    await screenshot(page, 'journey-composer-1-moved');

    // The picker: type part of a title; the list keeps only what matches.
    const filter = page.locator('#field-sections .item-row').first().getByLabel('Find a story by its title');
    await filter.fill('unicorns');
    const select = page.locator('select[name="sections.0.items.0.target"]');
    await page.waitForFunction(() => {
      const options = Array.from(document.querySelectorAll('select[name="sections.0.items.0.target"] optgroup[data-target="story"] option'));
      return options.length > 0 && options.every((option) => /unicorn/i.test(option.textContent ?? ''));
    });
    await select.selectOption(`story:${DEMO.story}`);
    await expect(page.locator('.item-row').first().locator('.picker-count').innerText()).resolves.toMatch(/match/);
    await screenshot(page, 'journey-composer-2-picker');
    // What the script added (handles, filters, the live region's sentence) passes axe too.
    const enhanced = await findAxeViolations(page);
    expect(enhanced, describeViolations(enhanced)).toEqual([]);
    await expect(marker(page)).resolves.toBe('no reload');

    // Drag and drop: the second section by its handle onto the first.
    // The drag's events, dispatched with a real DataTransfer (what the browser sends when a row is dropped).
    const transfer = await page.evaluateHandle(() => new DataTransfer());
    await page.locator('.section-row[data-section="1"] > legend .drag-handle').dispatchEvent('dragstart', { dataTransfer: transfer });
    await page.locator('.section-row[data-section="0"] > legend').dispatchEvent('dragover', { dataTransfer: transfer });
    await expect(page.locator('.section-row[data-section="0"]').getAttribute('class')).resolves.toContain('drop-target');
    await page.locator('.section-row[data-section="0"] > legend').dispatchEvent('drop', { dataTransfer: transfer });
    await page.waitForFunction(() => (document.querySelector('input[name="sections.0.heading"]') as HTMLInputElement | null)?.value === 'First section');
    await expect(page.locator('select[name="sections.1.items.0.target"]').inputValue()).resolves.toBe(`story:${DEMO.story}`);
    await expect(marker(page)).resolves.toBe('no reload');

    // Save is an ordinary submit; the issue is stored as arranged.
    await Promise.all([page.waitForURL(`${site.origin}/admin/issues/2027-winter/edit`), page.getByRole('button', { name: 'Save', exact: true }).first().click()]);
    await expect(page.locator('main').innerText()).resolves.toContain('Saved.');
    await expect(page.locator('input[name="sections.0.heading"]').inputValue()).resolves.toBe('First section');
    await expect(page.locator('select[name="sections.1.items.0.target"]').inputValue()).resolves.toBe(`story:${DEMO.story}`);

    // The German teaser email, before any send.
    await Promise.all([page.waitForURL(/\/emails\?edition=teaser&lang=de$/), page.locator('a[href="/admin/issues/2027-winter/emails?edition=teaser&lang=de"]').click()]);
    await expect(page.locator('.draft-preview').innerText()).resolves.toContain('Draft preview');
    const frame = page.frameLocator('iframe.email-frame');
    await expect(frame.locator('h1').first().innerText()).resolves.toContain('2027');
    await expect(frame.locator('body').innerText()).resolves.toMatch(/Abbestellen/);
    await expect(page.locator('iframe.email-frame').getAttribute('sandbox')).resolves.toBe('');
    // No script runs in the email's frame, whatever it held.
    await expect(page.locator('pre.mail-text').innerText()).resolves.toContain('SECOND SECTION');
    await screenshot(page, 'journey-composer-3-email');
    const preview = await findAxeViolations(page);
    expect(preview, describeViolations(preview)).toEqual([]);

    // Without JavaScript the picker is a plain GET search with a page of its own.
    await page.goto(`${site.origin}/admin/issues/2027-winter/edit`);
    await page.locator('form.story-finder').getByLabel('Find a story by its title').fill('unicorns');
    await Promise.all([page.waitForURL(/\/admin\/issues\/story-search\?issue=2027-winter&q=unicorns$/), page.locator('form.story-finder').getByRole('button', { name: 'Search' }).click()]);
    await expect(page.locator('main').innerText()).resolves.toContain(`(${DEMO.story})`);
    const search = await findAxeViolations(page);
    expect(search, describeViolations(search)).toEqual([]);
  });
});
