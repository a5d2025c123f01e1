import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { companyKey, emailKey } from '../../../src/members/members.js';
import { describeViolations, findAxeViolations } from '../support/axe.js';
import { closeWatchedPage, openWatchedPage, type PageTrouble, screenshot, signInInBrowser, signInToDesk, watchedPagePerTest } from '../support/browser.js';
import { PEOPLE, UPCOMING, type E2eSite } from '../support/site.js';

// The consent path for the existing list (issue 15), in Debian's Chromium against the real app:
// a member whose newsletter consent is not on record signs in, lands on the account page's
// one-click prompt (the event form meanwhile offers the newsletter box), clicks once, and the desk's proof page for the address lists the row with
// the sentence shown. The journey ends with no console error and no failed same-origin request.
// Screenshots: test-artifacts/screenshots/journey-consent-*.png.

/** A member at the member's company imported without consent: not subscribed, no consent on record (a fixture write). */
const UNRECORDED = { email: 'una.unrecorded@example.com', name: 'Una Unrecorded' } as const;

let browser: Browser;
let site: E2eSite;
let page: Page;
let trouble: PageTrouble;
let contactId: number;
watchedPagePerTest(
  (journey) => void ({ browser, site, page, trouble } = journey),
  async ({ site }) => {
    const now = site.clock.now().toISOString();
    const company = await site.db.selectFrom('companies').select('id').where('name_key', '=', companyKey(PEOPLE.member.company)).executeTakeFirstOrThrow();
    contactId = (
      await site.db
        .insertInto('contacts')
        .values({ email: UNRECORDED.email, email_key: emailKey(UNRECORDED.email), name: UNRECORDED.name, language: 'en', company_id: company.id, subscribed: 0, subscription_changed_at: now, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  },
);

const main = () => page.locator('main');

describe('a member without consent on record', () => {
  it('signs in, sees the consent prompt, agrees with one click, and the desk proof page lists the row', async () => {
    await signInInBrowser(page, site, UNRECORDED.email);
    expect(new URL(page.url()).pathname).toBe('/account');
    const prompt = page.getByRole('region', { name: 'May we send you the newsletter?' });
    await prompt.waitFor();
    await expect(prompt.innerText()).resolves.toContain('Yes, send Innovation Insights to my email address');
    const violations = await findAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(page, 'journey-consent-1-prompt');

    // Not subscribed: the event form offers the newsletter box, with the sentences in full.
    await page.goto(`${site.origin}/events/${UPCOMING.event}`);
    const box = page.getByRole('group', { name: 'Newsletter (optional)' });
    await box.waitFor();
    await expect(box.getByRole('checkbox').isChecked()).resolves.toBe(false);
    await expect(main().innerText()).resolves.toContain('I register for this event.');
    const formViolations = await findAxeViolations(page);
    expect(formViolations, describeViolations(formViolations)).toEqual([]);
    await screenshot(page, 'journey-consent-2-event-form-box');
    await page.goto(`${site.origin}/account`);

    await Promise.all([page.waitForURL('**/account?consented=1'), prompt.getByRole('button', { name: 'Yes, send me the newsletter' }).click()]);
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('your consent is recorded');
    expect((await site.db.selectFrom('contacts').select('subscribed').where('id', '=', contactId).executeTakeFirstOrThrow()).subscribed).toBe(1);
    await screenshot(page, 'journey-consent-3-recorded');
    const rows = await site.db.selectFrom('consent_events').select(['purpose', 'action', 'source_kind', 'source']).where('contact_id', '=', contactId).execute();
    expect(rows).toEqual([{ purpose: 'newsletter', action: 'confirmed', source_kind: 'form', source: '/account/consent' }]);

    // The desk, in a context of its own.
    const desk = await openWatchedPage(browser, site);
    try {
      await signInToDesk(desk.page, site);
      await desk.page.goto(`${site.origin}/admin/contacts/${contactId}`);
      await Promise.all([desk.page.waitForURL(`**/admin/contacts/${contactId}/consent`), desk.page.getByRole('link', { name: 'Consent proof' }).click()]);
      await desk.page.getByRole('heading', { level: 1, name: `Consent proof: ${UNRECORDED.email}` }).waitFor();
      const table = await desk.page.locator('main table').innerText();
      expect(table).toContain('Newsletter');
      expect(table).toContain('Confirmed');
      expect(table).toContain('Form: /account/consent');
      expect(table).toContain('I can withdraw this consent at any time');
      await screenshot(desk.page, 'journey-consent-4-desk-proof');
    } finally {
      await closeWatchedPage(desk.page, desk.trouble);
    }
  });
});
