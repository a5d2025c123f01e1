import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findAxeViolations } from '../support/axe.js';
import { launchBrowser, newContext, watchPage, type PageTrouble } from '../support/browser.js';
import { checkSecurityHeaders } from '../support/headers.js';
import { ROOT } from '../support/requirements.js';
import { findXssEffects } from '../support/xss.js';

// Every browser check, run on test/fixtures/broken-page.html, must report it: a check that
// passes everything would otherwise look like a green suite. (The Nu Html Checker's turn is in
// html/valid-html.test.ts, in the same JVM run as the real pages.) The fixture is served from
// 127.0.0.1 by a bare server without security headers.

const FIXTURE = readFileSync(join(ROOT, 'test', 'fixtures', 'broken-page.html'));

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
