import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openWatchedPage, type PageTrouble, postForm, signInToDesk, startBrowserAndSite, submitForm } from '../support/browser.js';
import { FORMS, resolveForm, type FormTarget } from '../support/forms.js';
import { PEOPLE, type E2eSite } from '../support/site.js';
import { DESK_PAYLOADS, FORM_PAYLOADS, xssEffectsOn } from '../support/xss.js';

// XSS payloads typed into every field of every form a visitor (or a member) can reach
// (support/forms.ts), each answer rendered in Chromium. The browser contexts ignore the site's
// CSP, so this proves the escaping itself; the CSP is a second wall (http/security-headers.test.ts).
// Payloads stored through forms and shown elsewhere (names, the desk, events, settings):
// xss-forms-stored.test.ts, a file of its own so vitest runs the two side by side. Content
// payloads: xss-content.test.ts.

let browser: Browser;
let site: E2eSite;
startBrowserAndSite((started) => {
  ({ browser, site } = started);
});

/** A page in a context that ignores the CSP, signed in as a contact when asked. */
const openWatched = (signInAs?: string) => openWatchedPage(browser, site, { bypassCSP: true, signInAs });

describe('XSS payloads typed into forms', () => {
  async function attack(listed: FormTarget, page: Page, trouble: PageTrouble): Promise<string[]> {
    const form = await resolveForm(site, listed);
    // Forms added with events, programs and inquiries get the sample (every class at least once; CI time).
    const sample = form.samplePayloads ? DESK_PAYLOADS : FORM_PAYLOADS;
    // An address the server fetches also gets each payload inside one that parses: the refusal page repeats it.
    const payloads = form.fetchesAddress ? sample.flatMap((payload) => [payload, `https://xss.example/?q=${payload}`]) : sample;
    const effects: string[] = [];
    // The form as shown, once (through its own elements); then each payload posted with its token.
    await page.goto(`${site.origin}${form.page}`);
    const csrf = await page.locator(`form[action="${form.action}"] input[name="_csrf"]`).inputValue();
    const first = await submitForm(page, form.action, Object.fromEntries(form.fields.map((field) => [field, FORM_PAYLOADS[0]!])));
    expect(first?.status(), `${form.name} through its own form`).toBeLessThan(500);
    for (const [index, payload] of payloads.entries()) {
      // Rate limits would answer 429 after a few tries (that page echoes the input too); an hour
      // later each try reaches the handler's real validation and answer.
      site.clock.advance(61 * 60_000);
      const response = await postForm(page, form.action, { _csrf: csrf, ...Object.fromEntries(form.fields.map((field) => [field, payload])) });
      expect(response?.status(), `${form.name} with payload ${index}`).toBeLessThan(500);
      effects.push(...(await xssEffectsOn(page, trouble, `${form.name} ← ${JSON.stringify(payload)}`)));
    }
    return effects;
  }

  it.each(FORMS.filter((form) => form.as === 'public').map((form) => [form.name, form] as const))('%s: every field, every payload, shown as text', async (_name, form) => {
    const { context, page, trouble } = await openWatched();
    try {
      expect(await attack(form, page, trouble)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each(FORMS.filter((form) => form.as === 'member').map((form) => [form.name, form] as const))('%s (signed in): every field, every payload', async (_name, form) => {
    const { context, page, trouble } = await openWatched(PEOPLE.member.email);
    try {
      expect(await attack(form, page, trouble)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  // Desk forms whose field is an address the server fetches (the curation inbox): nothing
  // else shows their answer, so they are walked here; other desk forms: xss-forms-stored.test.ts.
  it.each(FORMS.filter((form) => form.as === 'staff' && form.fetchesAddress).map((form) => [form.name, form] as const))('%s (desk): every payload, also inside an address', async (_name, form) => {
    const { context, page, trouble } = await openWatched();
    try {
      await signInToDesk(page, site);
      expect(await attack(form, page, trouble)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
