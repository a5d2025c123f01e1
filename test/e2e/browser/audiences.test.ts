import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { closeWatchedPage, openWatchedPage, screenshot, signInToDesk, startBrowserAndSite } from '../support/browser.js';
import { DEMO, PEOPLE, type E2eSite } from '../support/site.js';

// The audiences journey of issue 20 in Debian's Chromium against the real app: the owner builds a
// segment of one member company, sees its count and a sample before saving, saves it, and sends
// the full edition of the demo issue to it: the confirmation shows the exact count, and only
// pressing its button queues the send, to that company's contacts only. No console error, no
// failed request. Screenshots: test-artifacts/screenshots/journey-audiences-*.png.

let browser: Browser;
let site: E2eSite;
startBrowserAndSite((started) => {
  ({ browser, site } = started);
});

describe('an editor sends an issue to a segment', () => {
  it('creates a segment, sees its count, and sends to it after confirming', async () => {
    const { page, trouble } = await openWatchedPage(browser, site);
    await signInToDesk(page, site);
    const company = await site.db.selectFrom('companies').select(['id', 'name']).where('name', '=', PEOPLE.member.company).executeTakeFirstOrThrow();
    const reachable = await site.db.selectFrom('contacts').select('email').where('company_id', '=', company.id).where('subscribed', '=', 1).execute();
    expect(reachable.map((row) => row.email)).toContain(PEOPLE.member.email);

    await page.goto(`${site.origin}/admin/audiences`);
    await Promise.all([page.waitForURL(/\/admin\/audiences\/new$/), page.getByRole('link', { name: 'New segment' }).click()]);
    await page.getByLabel('Name', { exact: true }).fill('Automotive journey');
    await page.getByLabel('Short name').fill('automotive-journey');
    await page.getByRole('group', { name: 'Company', exact: true }).getByLabel(company.name).check();
    await Promise.all([page.waitForURL(/\/admin\/audiences$/), page.getByRole('button', { name: 'Show count and sample' }).click()]);
    const preview = page.getByRole('region', { name: 'Who this reaches now' });
    await expect(preview.innerText()).resolves.toContain(`${reachable.length} ${reachable.length === 1 ? 'contact' : 'contacts'}: ${reachable.length} members`);
    await expect(preview.innerText()).resolves.toContain(PEOPLE.member.email);
    // The preview kept what was typed.
    expect(await page.getByLabel('Short name').inputValue()).toBe('automotive-journey');
    await screenshot(page, 'journey-audiences-1-preview');
    await Promise.all([page.waitForURL(/\/admin\/audiences\/\d+$/), page.getByRole('button', { name: 'Save segment' }).click()]);
    await page.getByText('Segment “Automotive journey” saved').waitFor();

    await page.goto(`${site.origin}/admin/deliveries/new?issue=${DEMO.issue}`);
    const send = page.locator('form[action="/admin/deliveries/send"]');
    await send.getByLabel('Edition', { exact: true }).selectOption('full');
    await send.getByLabel('Segment', { exact: true }).selectOption({ label: 'Automotive journey' });
    await Promise.all([page.waitForURL(/\/admin\/deliveries\/send$/), send.getByRole('button', { name: 'Continue to confirmation' }).click()]);
    expect(await page.locator('[data-recipients="full"]').innerText()).toBe(String(reachable.length));
    expect(await site.db.selectFrom('deliveries').select('id').where('kind', '=', 'send').execute(), 'nothing queued before confirming').toEqual([]);
    await screenshot(page, 'journey-audiences-2-confirm');
    const confirm = page.getByRole('button', { name: reachable.length === 1 ? 'Send now to 1 recipient' : `Send now to ${reachable.length} recipients` });
    await Promise.all([page.waitForURL(/\/admin\/deliveries\/\d+$/), confirm.click()]);
    await expect(page.locator('h1').innerText()).resolves.toContain('→ Automotive journey');
    await screenshot(page, 'journey-audiences-3-delivery');

    const ledger = await site.db.selectFrom('delivery_recipients').innerJoin('deliveries', 'deliveries.id', 'delivery_recipients.delivery_id').select('delivery_recipients.email').where('deliveries.kind', '=', 'send').execute();
    expect(ledger.map((row) => row.email).sort()).toEqual(reachable.map((row) => row.email).sort());
    await closeWatchedPage(page, trouble);
  });
});
