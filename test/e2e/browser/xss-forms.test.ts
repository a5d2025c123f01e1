import { simpleParser } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { outboxMessages } from '../../support/app.js';
import { launchBrowser, openWatchedPage, postForm, submitForm, type PageTrouble } from '../support/browser.js';
import { FORMS, type FormTarget } from '../support/forms.js';
import { PEOPLE, startSite, type E2eSite } from '../support/site.js';
import { findXssEffects, MULTI_LINE_PAYLOADS, ONE_LINE_PAYLOADS, xssEffectsOn } from '../support/xss.js';

// XSS payloads typed into every field of every form a visitor (or a member) can reach
// (support/forms.ts), each answer rendered in Chromium; names that hold payloads shown on the
// account page, in the members notice and in the emails sent. The browser contexts ignore the
// site's CSP, so this proves the escaping itself; the CSP is a second wall
// (http/security-headers.test.ts). Content payloads: xss-content.test.ts.

// A shared two-core machine can make a browser step slow; these budgets are generous on purpose.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

let browser: Browser;
let site: E2eSite;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite()]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** A page in a context that ignores the CSP, signed in as a contact when asked. */
const openWatched = (signInAs?: string) => openWatchedPage(browser, site, { bypassCSP: true, signInAs });

/** Form payloads: one line and broken multi-line markup (markdown means nothing in a form). */
const FORM_PAYLOADS = [...ONE_LINE_PAYLOADS, ...MULTI_LINE_PAYLOADS];

describe('XSS payloads typed into forms', () => {
  async function attack(form: FormTarget, page: Page, trouble: PageTrouble): Promise<string[]> {
    const effects: string[] = [];
    // The form as shown, once (through its own elements); then each payload posted with its token.
    await page.goto(`${site.origin}${form.page}`);
    const csrf = await page.locator(`form[action="${form.action}"] input[name="_csrf"]`).inputValue();
    const first = await submitForm(page, form.action, Object.fromEntries(form.fields.map((field) => [field, FORM_PAYLOADS[0]!])));
    expect(first?.status(), `${form.name} through its own form`).toBeLessThan(500);
    for (const [index, payload] of FORM_PAYLOADS.entries()) {
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

  it('a subscriber named with a payload: the confirmation email and the account page show the name as text', async () => {
    const { context, page, trouble } = await openWatched();
    const effects: string[] = [];
    try {
      await page.goto(`${site.origin}/subscribe`);
      const csrf = await page.locator('form[action="/subscribe"] input[name="_csrf"]').inputValue();
      for (const [index, payload] of FORM_PAYLOADS.entries()) {
        site.clock.advance(61 * 60_000);
        const response = await postForm(page, '/subscribe', { _csrf: csrf, email: `xss-${index}@example.net`, name: payload, website: '' });
        expect(response?.status()).toBe(200);
        effects.push(...(await xssEffectsOn(page, trouble, `subscribe name ← ${JSON.stringify(payload)}`)));
      }
      const stored = await site.db.selectFrom('contacts').select('name').where('email', 'like', 'xss-%').execute();
      expect(stored.length).toBe(FORM_PAYLOADS.length);

      // The HTML part of every email sent, opened with scripts on (the worst mail client).
      const mails = outboxMessages(site.app);
      expect(mails.length).toBeGreaterThanOrEqual(FORM_PAYLOADS.length);
      for (const raw of mails) {
        const mail = await simpleParser(raw);
        if (!mail.html) continue;
        await page.setContent(mail.html, { waitUntil: 'load' });
        effects.push(...(await findXssEffects(page, { inlineStylesAllowed: true })).map((effect) => `email "${mail.subject}" to ${mail.to ? JSON.stringify(mail.to) : '?'}: ${effect}`));
        effects.push(...trouble.dialogs.splice(0));
      }
    } finally {
      await context.close();
    }
    expect(effects).toEqual([]);
  });

  it('a member whose name and company hold payloads sees them as text on their account page and in the members notice', async () => {
    const member = await openWatched(PEOPLE.member.email);
    const lapsed = await openWatched(PEOPLE.lapsed.email);
    const effects: string[] = [];
    try {
      for (const payload of FORM_PAYLOADS) {
        // Fixture writes: the desk forms that edit people have not landed yet.
        await site.db.updateTable('contacts').set({ name: payload }).where('email', 'in', [PEOPLE.member.email, PEOPLE.lapsed.email]).execute();
        await site.db.updateTable('companies').set({ name: `${payload} GmbH` }).execute();
        await Promise.all([member.page.goto(`${site.origin}/account`), lapsed.page.goto(`${site.origin}/stories/china-56-new-unicorns-2023`)]);
        effects.push(...(await xssEffectsOn(member.page, member.trouble, `account ← ${JSON.stringify(payload)}`)));
        effects.push(...(await xssEffectsOn(lapsed.page, lapsed.trouble, `members notice ← ${JSON.stringify(payload)}`)));
      }
    } finally {
      await member.context.close();
      await lapsed.context.close();
    }
    expect(effects).toEqual([]);
  });
});
