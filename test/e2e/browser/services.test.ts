import { simpleParser } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../support/app.js';
import { closeWatchedPage, openWatchedPage, type PageTrouble, screenshot, signInToDesk, startBrowserAndSite } from '../support/browser.js';
import { PEOPLE, type E2eSite } from '../support/site.js';

// The Innovation Hub's services journey of issue 17 in Debian's Chromium against the real app:
// the desk's owner makes herself the owner of technology scouting; a visitor opens the service
// from the footer's Services link, follows its call to action to the contact form (the topic
// chosen already) and sends it; the owner's notification is in the outbox and the inquiry is
// in her inbox under "assigned to me". No console error, no failed request.
// Screenshots: test-artifacts/screenshots/journey-services-*.png.

let browser: Browser;
let site: E2eSite;
startBrowserAndSite((started) => {
  ({ browser, site } = started);
});

let desk: Page;
let deskTrouble: PageTrouble;
let visitor: Page;
let visitorTrouble: PageTrouble;
beforeEach(async () => {
  ({ page: desk, trouble: deskTrouble } = await openWatchedPage(browser, site));
  ({ page: visitor, trouble: visitorTrouble } = await openWatchedPage(browser, site));
});
afterEach(async () => {
  await closeWatchedPage(visitor, visitorTrouble);
  await closeWatchedPage(desk, deskTrouble);
});

describe('a visitor interested in a service of the Innovation Hub', () => {
  it('follows the service page\'s call to action, sends the preselected inquiry, and its owner is notified', async () => {
    // The desk: the owner takes technology scouting.
    await signInToDesk(desk, site);
    await desk.goto(`${site.origin}/admin/inquiries/owners`);
    await desk.getByLabel('Owner of “Technology scouting”').selectOption({ label: `${PEOPLE.owner.name} <${PEOPLE.owner.email}>` });
    await Promise.all([desk.waitForURL('**/admin/inquiries/owners'), desk.getByRole('button', { name: 'Save the owners' }).click()]);
    await expect(desk.getByRole('status').first().innerText()).resolves.toContain('Saved the owner of 1 topic.');
    await screenshot(desk, 'journey-services-1-owners');

    // The visitor: from the footer to the service, and on to the contact form.
    await visitor.goto(`${site.origin}/`);
    await Promise.all([visitor.waitForURL('**/services'), visitor.getByRole('contentinfo').getByRole('link', { name: 'Services' }).click()]);
    await Promise.all([visitor.waitForURL('**/services/technology-scouting'), visitor.getByRole('link', { name: 'Technology scouting' }).click()]);
    await visitor.getByRole('heading', { level: 1, name: 'Technology scouting' }).waitFor();
    await screenshot(visitor, 'journey-services-2-service');
    await Promise.all([visitor.waitForURL('**/contact?topic=technology-scouting'), visitor.getByRole('link', { name: 'Ask about Technology scouting' }).click()]);
    await expect(visitor.getByLabel('What is it about? (required)').inputValue()).resolves.toBe('technology-scouting');
    await visitor.getByLabel('Your name (required)').fill('Lena Visitor');
    await visitor.getByLabel('Your email address (required)').fill('lena.visitor@example.net');
    await visitor.getByLabel('Your message (required)').fill('We look for partners in battery recycling.');
    await screenshot(visitor, 'journey-services-3-contact');
    const before = (await outboxMessages(site.app)).length;
    await visitor.getByRole('button', { name: 'Send' }).click();
    await visitor.getByRole('heading', { name: 'Thank you' }).waitFor();

    // The owner's notice, and nobody else's; the inquiry waits in her inbox.
    const mails = await Promise.all((await outboxMessages(site.app)).slice(before).map((raw) => simpleParser(raw)));
    expect(mails.map((mail) => `${mail.to && !Array.isArray(mail.to) ? mail.to.text : ''}: ${mail.subject}`)).toEqual([`${PEOPLE.owner.email}: New inquiry: Technology scouting from Lena Visitor`]);
    await desk.goto(`${site.origin}/admin/inquiries?assigned=me`);
    await desk.getByRole('link', { name: 'Lena Visitor' }).waitFor();
    await screenshot(desk, 'journey-services-4-assigned');
  });
});
