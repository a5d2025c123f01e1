import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIResponse, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { saveArtifact } from './artifacts.js';
import { crawlInPool, launchBrowser, StepTimer, WALK_TABS, watchPage, type PageTrouble } from './browser.js';
import { writeHostileContent } from './hostile-content.js';
import { englishPathOf, linksIn, markupDifference, textShowsPayload } from './markup.js';
import { startSite, type E2eSite } from './site.js';
import { xssEffectsOn } from './xss.js';

// XSS payloads in content: the demo folder with payloads in every text field, web address and
// body (support/hostile-content.ts) goes in through the content folder import; then every page
// reachable from /, the sitemap and the feed is rendered in Chromium. The public's crawl is
// browser/xss-content.test.ts, a member's (members-only parts included) xss-content-member.test.ts:
// two files, so vitest runs the two crawls side by side. The browser ignores the site's CSP, so
// this proves the escaping and sanitising themselves; the CSP is a second wall
// (http/security-headers.test.ts).

/** The hostile site and Chromium, started before the file's tests and closed after them. */
export function startHostileSite(started: (env: { browser: Browser; site: E2eSite; poisonedFields: number }) => void): void {
  // A shared two-core machine can make a browser step slow; these budgets are generous on purpose.
  vi.setConfig({ testTimeout: 600_000, hookTimeout: 180_000 });
  let browser: Browser | undefined;
  let site: E2eSite | undefined;
  let contentDir: string | undefined;
  beforeAll(async () => {
    contentDir = mkdtempSync(join(tmpdir(), 'insights-hostile-'));
    const poisonedFields = writeHostileContent(contentDir);
    [browser, site] = await Promise.all([launchBrowser(), startSite({ contentDir })]);
    started({ browser, site, poisonedFields });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (contentDir) rmSync(contentDir, { recursive: true, force: true });
  });
}

/** What a crawl found. */
export interface CrawlResult {
  readonly effects: string[];
  readonly pages: string[];
  /** Pages that show some payload as plain text. */
  readonly withPayloadText: number;
  readonly consoleErrors: string[];
  /** The pages rendered in Chromium. */
  readonly rendered: string[];
  /** The pages under /de and /zh found to have their English page's markup (support/markup.ts), so not rendered again. */
  readonly sameMarkup: string[];
}

/**
 * Visits every same-origin page reachable from / (or `start`), the sitemap and the feed, in
 * WALK_TABS tabs of the context side by side (each page once); returns what payloads did, what
 * was seen and the tabs' console errors. A page under /de or /zh whose markup is its English
 * page's with other words (support/markup.ts; both fetched with the context's cookies) is not
 * rendered: its English page is (it joins the crawl if nothing else links to it), and that
 * rendering shows what the translated page would do. Any other page is rendered. `E2E_PROFILE=1`
 * prints where the time went and saves the page list.
 */
export async function crawl(
  site: Pick<E2eSite, 'origin'>,
  context: BrowserContext,
  name: string,
  start: readonly string[] = ['/', '/sitemap.xml', '/feed.xml'],
): Promise<CrawlResult> {
  const timer = new StepTimer(`${name} crawl`);
  const tabs: { page: Page; trouble: PageTrouble }[] = [];
  for (let tab = 0; tab < WALK_TABS; tab++) {
    const page = await context.newPage();
    tabs.push({ page, trouble: watchPage(page, site.origin) });
  }
  const effects: string[] = [];
  const rendered: string[] = [];
  const sameMarkup: string[] = [];
  let withPayloadText = 0;
  /** The same-origin pages among a page's links, as the crawl follows them. */
  const followable = (links: readonly string[], path: string) => {
    const found: string[] = [];
    for (const link of links) {
      const url = new URL(link, `${site.origin}${path}`);
      // Downloads (the events' .ics files, CSV exports) are not pages: a browser saves them, it does not render them.
      if (url.origin !== site.origin || url.pathname.startsWith('/assets/') || /\.(ics|csv)$/.test(url.pathname)) continue;
      found.push(url.pathname);
    }
    return found;
  };
  const pages = await crawlInPool(start, tabs.length, async (path, tab) => {
    const english = englishPathOf(path);
    if (english) {
      const same = await timer.time('markup compared', () => withEnglishMarkup(context, site.origin, english, path));
      if (same) {
        sameMarkup.push(path);
        if (same.payloadText) withPayloadText += 1;
        return [...followable(same.links, path), english];
      }
    }
    rendered.push(path);
    const { page, trouble } = tabs[tab]!;
    const response = await timer.time('goto', () => page.goto(`${site.origin}${path}`));
    expect(response?.status(), path).toBeLessThan(500);
    effects.push(...(await timer.time('xss effects', () => xssEffectsOn(page, trouble, path))));
    // Whether a payload shows as text (the field was rendered at all), and the links to follow, in one look.
    const { payloadText, links } = (await timer.time('text and links', () => page.evaluate(`({
      payloadText: (document.body ? document.body.innerText : document.documentElement.textContent || '').includes('__xss'),
      links: [...document.querySelectorAll('a[href], loc')].map((el) => el.getAttribute('href') ?? el.textContent),
    })`))) as { payloadText: boolean; links: string[] };
    if (payloadText) withPayloadText += 1;
    return followable(links, path);
  });
  timer.report();
  if (process.env.E2E_PROFILE) {
    console.log(`${name} crawl: ${pages.length} pages, ${rendered.length} rendered, ${sameMarkup.length} with their English page's markup`);
    saveArtifact('reports', `xss-content-${name}-pages.txt`, pages.join('\n'));
  }
  return { effects, pages, withPayloadText, consoleErrors: tabs.flatMap(({ trouble }) => trouble.consoleErrors), rendered, sameMarkup };
}

/**
 * Fetches a translated page and its English page with the context's cookies; when both are the
 * same kind of document and the translated one has the English one's markup (HTML and XML:
 * support/markup.ts; JSON, which a browser shows as text: both parse), returns the translated
 * page's links and whether its text shows a payload; else undefined (it is to be rendered).
 */
export async function withEnglishMarkup(context: BrowserContext, origin: string, english: string, translated: string): Promise<{ links: string[]; payloadText: boolean } | undefined> {
  const [ours, theirs] = await Promise.all([context.request.get(`${origin}${english}`), context.request.get(`${origin}${translated}`)]);
  expect(theirs.status(), translated).toBeLessThan(500);
  const type = contentTypeOf(theirs);
  if (ours.status() !== theirs.status() || type !== contentTypeOf(ours)) return undefined;
  const [englishBody, body] = await Promise.all([ours.text(), theirs.text()]);
  if (/^application\/(?:[\w.+-]+\+)?json$/.test(type)) {
    try {
      JSON.parse(englishBody);
      JSON.parse(body);
    } catch {
      return undefined;
    }
    return { links: [], payloadText: body.includes('__xss') };
  }
  if (!/^(?:text\/html|text\/xml|application\/(?:[\w.+-]+\+)?xml)$/.test(type)) return undefined;
  if (markupDifference(englishBody, body, origin) !== undefined) return undefined;
  return { links: linksIn(body), payloadText: textShowsPayload(body) };
}

/** A response's media type, without its parameters. */
function contentTypeOf(response: APIResponse): string {
  return (response.headers()['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}
