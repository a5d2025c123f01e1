import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findAxeViolations } from '../support/axe.js';
import { audienceTabs, crawlInPool, launchBrowser, loadsInTurn, newContext, watchPage, type PageTrouble } from '../support/browser.js';
import type { E2eSite } from '../support/site.js';
import { checkSecurityHeaders } from '../support/headers.js';
import { ROOT } from '../support/requirements.js';
import { markupDifference } from '../support/markup.js';
import { findXssEffects, xssEffectsOn } from '../support/xss.js';
import { crawl } from '../support/xss-crawl.js';

// Every browser check, run on test/fixtures/broken-page.html, must report it: a check that
// passes everything would otherwise look like a green suite. (The Nu Html Checker's turn is in
// html/valid-html.test.ts, in the same JVM run as the real pages.) The fixture is served from
// 127.0.0.1 by a bare server without security headers.

const FIXTURE = readFileSync(join(ROOT, 'test', 'fixtures', 'broken-page.html'));

/** A small site for the pooled crawl: the broken page lies three links deep, behind a page two others link to. */
const CRAWL_PAGES: Record<string, string> = {
  '/crawl/start': '<title>start</title><a href="/crawl/a">a</a> <a href="/crawl/b">b</a> <a href="https://elsewhere.example/">away</a>',
  '/crawl/a': '<title>a</title><a href="/crawl/c">c</a> <a href="/crawl/start">back</a>',
  '/crawl/b': '<title>b</title><a href="/crawl/c">c</a>',
  '/crawl/c': '<title>c</title><a href="/broken-page.html">broken</a>',
};

/**
 * A small translated site for the content crawl's shortcut (support/markup.ts): /de/same is
 * /same in other words (not rendered), /de/changed carries a payload its English page has not
 * (rendered, and reported), /de/alone has an English page nothing links to (which the crawl then
 * renders) and /de/start links elsewhere than /start (rendered).
 */
const TRANSLATED_PAGES: Record<string, string> = {
  '/start': '<title>start</title><a href="/same">same</a> <a href="/de/same">gleich</a> <a href="/de/changed">anders</a> <a href="/de/alone">allein</a> <a href="/changed">changed</a>',
  '/same': '<html lang="en"><title>Same</title><p title="A title" aria-current="page">Words <a href="/start">home</a></p></html>',
  '/de/same': '<html lang="de"><title>Gleich</title><p title="Ein Titel">Worte <span lang="en">home</span> <span class="untranslated">(Englisch)</span> <a href="/de/start">Start</a></p></html>',
  '/changed': '<title>Changed</title><p>Words</p>',
  '/de/changed': '<title>Anders</title><p>Worte <img src="/x.png" data-xss onerror="window.__xss=1"></p>',
  '/alone': '<title>Alone</title><p>Words</p>',
  '/de/alone': '<title>Allein</title><p>Worte</p>',
  '/de/start': '<title>start</title><a href="/de/same">gleich</a>',
};

// A shared two-core machine can make a browser step slow; these budgets are generous on purpose.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

let browser: Browser;
let server: Server;
let origin: string;
let page: Page;
let trouble: PageTrouble;
let headers: Record<string, string | string[] | undefined>;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/broken-page.html') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(FIXTURE);
    else if (request.url && request.url in TRANSLATED_PAGES) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(TRANSLATED_PAGES[request.url]);
    else if (request.url?.startsWith('/crawl/')) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(CRAWL_PAGES[request.url] ?? '<title>x</title>');
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchBrowser();
  page = await (await newContext(browser)).newPage();
  trouble = watchPage(page, origin);
  const response = await page.goto(`${origin}/broken-page.html`, { waitUntil: 'load' });
  headers = response!.headers();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('the checks fail on the deliberately broken page', () => {
  it('axe reports the missing alt text, label and button name, and the low contrast', async () => {
    const violations = await findAxeViolations(page);
    expect(violations.map((violation) => violation.id).sort()).toEqual(expect.arrayContaining(['button-name', 'color-contrast', 'image-alt', 'label']));
  });

  it('the XSS check reports the payload that ran, the inline script, the handler and the inline style', async () => {
    const effects = await findXssEffects(page);
    expect(effects).toEqual(
      expect.arrayContaining([
        'window.__xss was set: a payload ran',
        expect.stringMatching(/^event handler attribute onerror/),
        expect.stringMatching(/^script <script>/),
        expect.stringMatching(/^inline style/),
      ]),
    );
  });

  it('the page watcher reports the dialog, the console error and the failed same-origin requests', () => {
    expect(trouble.dialogs).toEqual([expect.stringContaining('alert "xss from the broken fixture"')]);
    expect(trouble.consoleErrors).toEqual(expect.arrayContaining([expect.stringContaining('the broken fixture logs an error')]));
    expect(trouble.failedRequests).toEqual(expect.arrayContaining([`GET ${origin}/missing-stylesheet.css: 404`, `GET ${origin}/missing-picture.png: 404`]));
  });

  it('the header check reports a server without security headers', () => {
    expect(checkSecurityHeaders(headers, { https: false })).toEqual(
      expect.arrayContaining(['no Content-Security-Policy', 'X-Content-Type-Options is not nosniff']),
    );
  });
});

describe('the walks\' machinery still finds what the checks report', () => {
  it('the pooled crawl reaches every page once, the broken one behind two links included, and reports its payload', async () => {
    const context = await newContext(browser);
    try {
      const tabs = await Promise.all([0, 1, 2].map(async () => {
        const tab = await context.newPage();
        return { page: tab, trouble: watchPage(tab, origin) };
      }));
      const effects: string[] = [];
      const visits: string[] = [];
      const pages = await crawlInPool(['/crawl/start'], tabs.length, async (path, index) => {
        const { page: tab, trouble: watched } = tabs[index]!;
        visits.push(path);
        await tab.goto(`${origin}${path}`);
        effects.push(...(await xssEffectsOn(tab, watched, path)));
        const links = (await tab.evaluate(`[...document.querySelectorAll('a[href]')].map((el) => el.href)`)) as string[];
        return links.map((link) => new URL(link)).filter((url) => url.origin === origin).map((url) => url.pathname);
      });
      expect(pages.sort()).toEqual(['/broken-page.html', '/crawl/a', '/crawl/b', '/crawl/c', '/crawl/start']);
      expect(visits.sort()).toEqual(pages);
      expect(effects).toEqual(expect.arrayContaining(['/broken-page.html: window.__xss was set: a payload ran']));
    } finally {
      await context.close();
    }
  });

  it('a reused tab still reports the broken page\'s trouble each time it is lent (and only that visit\'s)', async () => {
    const withTab = audienceTabs(() => browser, () => ({ origin }) as E2eSite);
    const seen: { dialogs: number; consoleErrors: number; failed: number; page: unknown }[] = [];
    for (const path of ['/broken-page.html', '/crawl/start', '/broken-page.html']) {
      await withTab('public', async (tab, watched) => {
        await tab.goto(`${origin}${path}`, { waitUntil: 'load' });
        seen.push({ dialogs: watched.dialogs.length, consoleErrors: watched.consoleErrors.length, failed: watched.failedRequests.length, page: tab });
      });
    }
    expect(seen[0]!.page).toBe(seen[2]!.page);
    expect(seen.map(({ dialogs, consoleErrors, failed }) => [dialogs > 0, consoleErrors > 0, failed > 0])).toEqual([[true, true, true], [false, false, false], [true, true, true]]);
  });

  it('loads in turn run in the order their places were taken, however long each takes', async () => {
    const takeTurn = loadsInTurn();
    const order: number[] = [];
    const turns = [0, 1, 2, 3, 4].map(() => takeTurn());
    // Asked for in reverse, with the first load the slowest: they still run first to last.
    await Promise.all([...turns.entries()].reverse().map(([index, turn]) => turn(async () => {
      await new Promise((resolve) => setTimeout(resolve, index === 0 ? 50 : 1));
      order.push(index);
    })));
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('the content crawl renders a translated page unless its markup is its English page\'s, and reports a payload only the translation has', async () => {
    const context = await newContext(browser);
    try {
      const result = await crawl({ origin }, context, 'fixture', ['/start']);
      // /de/start links elsewhere than /start: rendered too; /alone is rendered although only its translation was linked.
      expect(result.sameMarkup.sort()).toEqual(['/de/alone', '/de/same']);
      expect(result.rendered.sort()).toEqual(['/alone', '/changed', '/de/changed', '/de/start', '/same', '/start']);
      expect(result.effects).toEqual(expect.arrayContaining(['/de/changed: window.__xss was set: a payload ran', expect.stringMatching(/^\/de\/changed: payload element/)]));
      expect(result.effects.every((effect) => effect.startsWith('/de/changed: '))).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('the markup comparison sees every difference but words: elements, attributes, handlers, addresses, styles, scripts, comments, stray \'<\'', () => {
    const english = '<html lang="en"><head><meta name="description" content="About"><link rel="canonical" href="http://h/x"><style>p{}</style></head>'
      + '<body><p class="a" title="Title" aria-label="Label">Words <a href="/x?y=1">link</a> <img src="/i.png" alt="Alt"><input type="hidden" name="_csrf" value="t1"></p><script src="/a.js"></script></body></html>';
    const words = '<html lang="de"><head><meta name="description" content="Über"><link rel="canonical" href="http://h/de/x"><style>p{}</style></head>'
      + '<body><p class="a" title="Titel" aria-label="Etikett">Worte <a href="/de/x?y=1">Verweis</a> <img src="/i.png" alt="Alternativ"><input type="hidden" name="_csrf" value="t2"></p><script src="/a.js"></script></body></html>';
    expect(markupDifference(english, words, 'http://h')).toBeUndefined();
    const changed: Record<string, string> = {
      'another element': words.replace('<p class="a"', '<div class="a"'),
      'an element more': words.replace('Worte ', 'Worte <b>!</b> '),
      'a span with more than words': words.replace('Worte ', '<span lang="en" onclick="x()">Worte</span> '),
      'a handler': words.replace('<p class="a"', '<p class="a" onmouseover="window.__xss=1"'),
      'an attribute more': words.replace('<p class="a"', '<p class="a" data-xss'),
      'another class': words.replace('class="a"', 'class="b"'),
      'another address': words.replace('href="/de/x?y=1"', 'href="javascript:alert(1)"'),
      'another image': words.replace('src="/i.png"', 'src="data:image/svg+xml,x"'),
      'a style': words.replace('<p class="a"', '<p class="a" style="x"'),
      'a refresh': words.replace('<meta name="description" content="Über">', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
      'another script': words.replace('<script src="/a.js"></script>', '<script>window.__xss=1</script>'),
      'another style sheet': words.replace('<style>p{}</style>', '<style>p{background:url(javascript:x)}</style>'),
      'a comment': words.replace('Worte ', 'Worte <!-- x --> '),
      "a stray '<'": words.replace('Worte ', 'Worte < script '),
      'fewer tokens': words.replace('<script src="/a.js"></script>', ''),
    };
    for (const [what, translated] of Object.entries(changed)) expect(markupDifference(english, translated, 'http://h'), what).toBeDefined();
  });
});
