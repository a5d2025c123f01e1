import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, findAxeViolations } from '../support/axe.js';
import { closeWatchedPage, openWatchedPage, type PageTrouble, screenshot, signInToDesk, watchedPagePerTest } from '../support/browser.js';
import { DEMO, type E2eSite } from '../support/site.js';

// The writing surface (issue 21), in Debian's Chromium against the real app under its strict CSP:
// the owner writes a story body with the toolbar (a button and Ctrl+I), inserts the members-only
// divider by a button reached with the keyboard, pastes a "Word" clipboard (test/fixtures/paste/
// word-clipboard.html: headings, a Word list, a link, colours, a script, a javascript: link and
// an image with onerror), sees the server's preview with the members-only part labelled, saves,
// and an anonymous reader sees only the public part. A new story's slug follows its title.
// Screenshots: test-artifacts/screenshots/journey-writing-*.png.

const WORD_HTML = readFileSync(new URL('../../fixtures/paste/word-clipboard.html', import.meta.url), 'utf8');

const PASTED = [
  '## Members’ briefing: battery plants',
  '',
  'Three plants open in **Saxony** and _Thuringia_ this year, says the [state report](https://example.org/report).',
  '',
  '- CATL in Arnstadt',
  '- SVOLT in Lauchhammer',
  '',
  'A trap and nothing else.',
].join('\n');

let browser: Browser;
let site: E2eSite;
let page: Page;
let trouble: PageTrouble;
watchedPagePerTest((journey) => void ({ browser, site, page, trouble } = journey));

describe('the writing surface', () => {
  it('fills a new story’s slug from its title until the slug is typed', async () => {
    await signInToDesk(page, site);
    await page.goto(`${site.origin}/admin/stories/new`);
    const slug = page.getByLabel('Slug');
    await page.getByLabel('Title', { exact: true }).pressSequentially('Größere Märkte für Batterien');
    await expect(slug.inputValue()).resolves.toBe('groessere-maerkte-fuer-batterien');
    // axe on the page with the toolbar shown (the walk of page-kinds.ts checks it too).
    const violations = await findAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await slug.fill('my-slug');
    await page.getByLabel('Title', { exact: true }).pressSequentially(' 2025');
    await expect(slug.inputValue()).resolves.toBe('my-slug');
  });

  it('writes with the toolbar, inserts the members-only block, pastes from Word; the public page shows only the public part', async () => {
    await signInToDesk(page, site);
    await page.goto(`${site.origin}/admin/stories/${DEMO.story}/edit`);
    const body = page.getByLabel('Text (Markdown)', { exact: true });
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    await expect(toolbar.isVisible()).resolves.toBe(true);

    await body.fill('');
    await body.pressSequentially('Public teaser about ');
    await toolbar.getByRole('button', { name: 'Bold (Ctrl+B)' }).click();
    await page.keyboard.type('batteries');
    await page.keyboard.press('End');
    await page.keyboard.type(' in ');
    await page.keyboard.press('Control+I');
    await page.keyboard.type('Germany');
    await page.keyboard.press('End');
    await page.keyboard.type('.');

    // The members-only button, reached and pressed with the keyboard (Tab stops on every toolbar button).
    const members = toolbar.getByRole('button', { name: /^Members-only from here/ });
    await members.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Members-only part' }).innerText()).resolves.toContain('below line 3');

    // Paste the Word clipboard where the cursor is (below the divider).
    await body.evaluate((textarea: HTMLTextAreaElement, html: string) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'plain fallback');
      textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, WORD_HTML);
    const written = await body.inputValue();
    expect(written).toBe(`Public teaser about **batteries** in _Germany_.\n\n<!-- members-only -->\n${PASTED}`);
    // Nothing in the clipboard ran.
    await expect(page.evaluate(() => [(window as { pastedScriptRan?: boolean }).pastedScriptRan, (window as { pastedImageRan?: boolean }).pastedImageRan])).resolves.toEqual([undefined, undefined]);

    // The live preview is the server's renderer: the teaser, then the members-only part, labelled.
    const membersPart = page.locator('#preview .preview__part--members');
    await membersPart.locator('li', { hasText: 'SVOLT in Lauchhammer' }).waitFor();
    await expect(membersPart.locator('li').allInnerTexts()).resolves.toEqual(['CATL in Arnstadt', 'SVOLT in Lauchhammer']);
    await expect(membersPart.locator('.preview__label').textContent()).resolves.toContain('Members only');
    await expect(membersPart.locator('a[href="https://example.org/report"]').innerText()).resolves.toBe('state report');
    await expect(page.locator('#preview .preview__part--public strong').first().innerText()).resolves.toBe('batteries');
    await screenshot(page, 'journey-writing-1-editor');
    const violations = await findAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await Promise.all([page.waitForURL(`${site.origin}/admin/stories/${DEMO.story}/edit`), page.getByRole('button', { name: 'Save' }).first().click()]);
    await expect(page.locator('main').innerText()).resolves.toContain('Saved.');
    await expect(body.inputValue()).resolves.toBe(`Public teaser about **batteries** in _Germany_.\n\n<!-- members-only -->\n${PASTED}`);

    const { page: reader, trouble: readerTrouble } = await openWatchedPage(browser, site);
    try {
      await reader.goto(`${site.origin}/stories/${DEMO.story}`);
      const text = await reader.locator('main').innerText();
      expect(text).toContain('Public teaser about batteries in Germany.');
      expect(text).not.toContain('CATL in Arnstadt');
      expect(text).not.toContain('battery plants');
      await screenshot(reader, 'journey-writing-2-public');
    } finally {
      await closeWatchedPage(reader, readerTrouble);
    }
  });

  it('turns a web page’s HTML into Markdown: nested and numbered lists, quotes, safe links only', async () => {
    await signInToDesk(page, site);
    await page.goto(`${site.origin}/admin/stories/new`);
    const convert = (html: string) => page.evaluate((input) => (window as unknown as { insightsWriting: { htmlToMarkdown(html: string): string } }).insightsWriting.htmlToMarkdown(input), html);
    await expect(
      convert('<meta charset="utf-8"><div class="article"><h2 style="color:red">Key figures</h2><ol><li>56 unicorns<ul><li>41 in <em>hard tech</em></li></ul></li><li>Two <strong>new</strong> hubs</li></ol><blockquote><p>We are growing.</p></blockquote></div>'),
    ).resolves.toBe('### Key figures\n\n1. 56 unicorns\n   - 41 in _hard tech_\n2. Two **new** hubs\n\n> We are growing.');
    await expect(
      convert('<p><a href="javascript:alert(1)">one</a>, <a href="data:text/html,x">two</a>, <a href="mailto:desk@example.org">three</a>, <a href=" https://example.org/a b ">four</a></p>'),
    ).resolves.toBe('one, two, [three](mailto:desk@example.org), [four](https://example.org/a%20b)');
    // Markdown and HTML typed as text stay text.
    await expect(convert('<p>2 * 3 = 6 and &lt;script&gt;alert(1)&lt;/script&gt; [not](a link)</p>')).resolves.toBe('2 \\* 3 = 6 and \\<script\\>alert(1)\\</script\\> \\[not\\](a link)');
  });
});
