import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openWatchedPage, signInToDesk, startBrowserAndSite } from '../support/browser.js';
import { PATH_PARAMETERS, QUERY_PARAMETERS } from '../support/forms.js';
import type { Audience } from '../support/page-kinds.js';
import { PEOPLE, type E2eSite } from '../support/site.js';
import { ONE_LINE_PAYLOADS, xssEffectsOn } from '../support/xss.js';

// Reflected XSS: payloads in every query parameter and every GET path parameter of
// support/forms.ts (the /events filters and page, ?done, ?saved, the inbox's status and topic,
// slugs, roles, tokens and ids), each answer rendered in Chromium as its audience sees it, with
// the site's CSP bypassed (the escaping itself is under test). A sample of the corpus keeps the
// run short: a script tag, an element break-out, an attribute break-out and a `javascript:` address.

const QUERY_PAYLOADS = [0, 4, 8, 19].map((index) => ONE_LINE_PAYLOADS[index]!);
const PATH_PAYLOADS = [0, 4].map((index) => ONE_LINE_PAYLOADS[index]!);

let browser: Browser;
let site: E2eSite;
startBrowserAndSite((started) => {
  ({ browser, site } = started);
});

async function openAs(audience: Audience) {
  const watched = await openWatchedPage(browser, site, { bypassCSP: true, signInAs: audience === 'member' ? PEOPLE.member.email : undefined });
  if (audience === 'staff') await signInToDesk(watched.page, site);
  return watched;
}

describe('XSS payloads in query and path parameters', () => {
  it.each(['public', 'member', 'staff'] as const)('as %s: every parameter shown as text, never run', async (audience) => {
    const { context, page, trouble } = await openAs(audience);
    const effects: string[] = [];
    const visit = async (path: string) => {
      const response = await page.goto(`${site.origin}${path}`);
      expect(response?.status(), path).toBeLessThan(500);
      effects.push(...(await xssEffectsOn(page, trouble, path)));
    };
    try {
      for (const parameter of QUERY_PARAMETERS.filter((one) => one.as === audience)) {
        for (const payload of QUERY_PAYLOADS) await visit(`${parameter.path}${parameter.path.includes('?') ? '&' : '?'}${parameter.name}=${encodeURIComponent(payload)}`);
      }
      for (const parameter of PATH_PARAMETERS.filter((one) => one.as === audience && one.method === 'GET')) {
        for (const payload of PATH_PAYLOADS) await visit(parameter.path(encodeURIComponent(payload)));
      }
    } finally {
      await context.close();
    }
    expect(effects).toEqual([]);
  });
});
