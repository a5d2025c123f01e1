import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { testImage } from '../../support/images.js';
import { closeWatchedPage, openWatchedPage, type PageTrouble, screenshot, signInToDesk, watchedPagePerTest } from '../support/browser.js';
import { DEMO, type E2eSite } from '../support/site.js';

// The editor's journey (issue 21), in Debian's Chromium against the real app: the owner uploads
// an image with its alt text under Images, puts its Markdown into a story and makes it the lead
// image, saves, and a reader sees both on the public page with every width as a srcset; the
// story's email edition shows it at one fixed width. No console error, no failed same-origin
// request. Screenshots: test-artifacts/screenshots/journey-editor-*.png.

let browser: Browser;
let site: E2eSite;
let page: Page;
let trouble: PageTrouble;
watchedPagePerTest((journey) => void ({ browser, site, page, trouble } = journey));

describe('the editor', () => {
  it('uploads an image with alt text, puts it in a story and sees it on the public page with srcset', async () => {
    await signInToDesk(page, site);
    await Promise.all([page.waitForURL(`${site.origin}/admin/media`), page.locator('nav.admin-nav').getByRole('link', { name: 'Images' }).click()]);
    // Without alt text the browser's own check stops the form; the server refuses it too (media.routes.test.ts).
    await page.getByLabel('Image file').setInputFiles({ name: 'hall.jpg', mimeType: 'image/jpeg', buffer: await testImage('jpeg', 1800, 900, { exif: true }) });
    await page.getByLabel('Alt text').fill('Visitors in the fair hall <journey>');
    await page.getByLabel('Caption').fill('Hall 3 on the first morning');
    await page.getByLabel('Credit').fill('Photo: Journey');
    await screenshot(page, 'journey-editor-1-upload');
    await Promise.all([page.waitForURL(/\/admin\/media\/[0-9a-f]{16}$/), page.getByRole('button', { name: 'Upload' }).click()]);
    await expect(page.locator('main').innerText()).resolves.toContain('The image is uploaded.');
    const markdown = await page.locator('main code.media-markdown').innerText();
    const hash = /\/media\/([0-9a-f]{16})-1600\.jpg/.exec(markdown)![1]!;

    await page.goto(`${site.origin}/admin/stories/${DEMO.story}/edit`);
    const body = page.getByLabel('Text (Markdown)', { exact: true });
    const text = await body.inputValue();
    await body.fill(text.replace('\n', `\n\n${markdown}\n\n`));
    await page.getByLabel('Lead image').selectOption({ label: 'Visitors in the fair hall <journey>' });
    await screenshot(page, 'journey-editor-2-story');
    await Promise.all([page.waitForURL(`${site.origin}/admin/stories/${DEMO.story}/edit`), page.getByRole('button', { name: 'Save' }).first().click()]);
    await expect(page.locator('main').innerText()).resolves.toContain('Saved.');

    const { page: reader, trouble: readerTrouble } = await openWatchedPage(browser, site);
    try {
      await reader.goto(`${site.origin}/stories/${DEMO.story}`);
      const lead = reader.locator('figure.lead-figure img');
      await expect(lead.getAttribute('alt')).resolves.toBe('Visitors in the fair hall <journey>');
      await expect(lead.getAttribute('srcset')).resolves.toBe([320, 640, 960, 1280, 1600].map((w) => `/media/${hash}-${w}.jpg ${w}w`).join(', '));
      const inBody = reader.locator('.story__body figure img');
      await expect(inBody.getAttribute('srcset')).resolves.toContain(`/media/${hash}-640.jpg 640w`);
      await expect(reader.locator('.story__body figcaption').innerText()).resolves.toBe('Hall 3 on the first morning · Photo: Journey');
      // The browser loaded one of the widths, from our own site.
      await expect(inBody.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && new URL(img.currentSrc).origin === location.origin)).resolves.toBe(true);
      await expect(reader.locator('meta[property="og:image"]').getAttribute('content')).resolves.toBe(`${site.origin}/media/${hash}-640.jpg`);
      await screenshot(reader, 'journey-editor-3-public');
    } finally {
      await closeWatchedPage(reader, readerTrouble);
    }
  });
});
