import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lastLinkInOutbox, outboxMessages } from '../../support/app.js';
import { closeWatchedPage, openWatchedPage, screenshot, signInToDesk, startBrowserAndSite } from '../support/browser.js';
import { PEOPLE, UPCOMING, type E2eSite } from '../support/site.js';

// The innovator introduction journey of issue 17 in Debian's Chromium against the real app: a
// member asks for an introduction from the innovator's request page, the owner sends it from the
// desk to the innovator's contact person, who opens the link from the email and accepts. Before
// the accept, neither side's pages show the other's contact data (nor the member's role, saved on
// /account first); after it, each side has one email with the other's details, the role included. No console error, no failed request.
// Screenshots: test-artifacts/screenshots/journey-introduction-*.png.

let browser: Browser;
let site: E2eSite;
startBrowserAndSite((started) => {
  ({ browser, site } = started);
});

const REQUEST = `/innovators/${UPCOMING.innovator}/introduction`;
/** The member's role (job title), saved on /account: the innovator learns it only after both said yes. */
const MEMBER_ROLE = 'Head of Charging Parks (journey)';

async function mailTo(address: string) {
  const parsed = await Promise.all((await outboxMessages(site.app)).map((raw) => simpleParser(raw)));
  return parsed.filter((mail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to?.text.includes(address))).map((mail) => mail.text ?? '');
}

describe('a member who wants to meet an innovator', () => {
  it('signs in from "Sign in to ask" on the profile and lands back on its request form', async () => {
    const visitor = await openWatchedPage(browser, site);
    await visitor.page.goto(`${site.origin}/innovators/${UPCOMING.innovator}`);
    await Promise.all([visitor.page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === REQUEST), visitor.page.locator('.introduction-request a[href^="/login?next="]').click()]);
    await visitor.page.getByLabel('Your email address').fill(PEOPLE.member.email);
    await visitor.page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await visitor.page.getByRole('heading', { name: 'Check your email' }).waitFor();
    const [latest] = (await mailTo(PEOPLE.member.email)).map((text) => /https?:\/\/[^\s"<>]*\/login\/[A-Za-z0-9_-]+(\?next=[^\s"<>]*)?/.exec(text)?.[0]).filter(Boolean).reverse();
    const link = new URL(latest!);
    expect(link.searchParams.get('next')).toBe(REQUEST);
    await visitor.page.goto(`${site.origin}${link.pathname}${link.search}`);
    await Promise.all([visitor.page.waitForURL((url) => url.origin === site.origin && url.pathname === REQUEST), visitor.page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
    await visitor.page.getByLabel('What is the introduction for?').waitFor();
    await screenshot(visitor.page, 'journey-introduction-0-signed-in-back');
    await closeWatchedPage(visitor.page, visitor.trouble);
  });

  it('asks, the desk sends the request, the innovator accepts, and both get the other\'s details once', async () => {
    const member = await openWatchedPage(browser, site, { signInAs: PEOPLE.member.email });
    await member.page.goto(`${site.origin}/account`);
    await member.page.getByLabel('Role (job title)').fill(MEMBER_ROLE);
    await Promise.all([member.page.waitForURL((url) => url.pathname === '/account'), member.page.getByRole('button', { name: 'Save role' }).click()]);
    await member.page.getByText('Your role is saved.').waitFor();
    expect(await member.page.getByLabel('Role (job title)').inputValue()).toBe(MEMBER_ROLE);
    await member.page.goto(`${site.origin}${REQUEST}`);
    await member.page.getByLabel('What is the introduction for?').selectOption('partnership');
    await member.page.getByLabel('Your message to the innovator').fill('We build charging parks in Bavaria and look for a partner for parking robots.');
    await member.page.getByRole('checkbox').check();
    await screenshot(member.page, 'journey-introduction-1-request');
    await Promise.all([member.page.waitForURL((url) => url.searchParams.get('done') === 'requested'), member.page.getByRole('button', { name: 'Ask for the introduction' }).click()]);
    await member.page.getByText('We will get in touch with the innovator.').waitFor();

    const staff = await openWatchedPage(browser, site);
    await signInToDesk(staff.page, site);
    await staff.page.goto(`${site.origin}/admin/introductions?state=new`);
    await staff.page.getByRole('cell', { name: PEOPLE.member.name }).waitFor();
    await Promise.all([staff.page.waitForURL(/\/admin\/introductions\/\d+$/), staff.page.locator('table a[href^="/admin/introductions/"]').first().click()]);
    await staff.page.getByLabel('Contact person').selectOption({ label: `Lin Fixture, Head of Partnerships <${UPCOMING.innovatorContact}> (en)` });
    await screenshot(staff.page, 'journey-introduction-2-desk');
    await Promise.all([staff.page.waitForURL(/\/admin\/introductions\/\d+$/), staff.page.getByRole('button', { name: 'Send the request' }).click()]);
    await staff.page.getByText('The request is on its way').waitFor();

    const link = await lastLinkInOutbox(site.app, UPCOMING.innovatorContact, '/introductions/');
    expect(link).toMatch(/^\/introductions\/[A-Za-z0-9_-]{43}$/);
    const [request] = await mailTo(UPCOMING.innovatorContact);
    expect(request).toContain(PEOPLE.member.company);
    expect(request).not.toContain(PEOPLE.member.email);
    expect(request).not.toContain(PEOPLE.member.name);
    expect(request).not.toContain(MEMBER_ROLE);
    await member.page.reload();
    await member.page.getByText('We have written to the innovator').waitFor();
    expect(await member.page.content()).not.toContain('Lin Fixture');

    const innovator = await openWatchedPage(browser, site);
    await innovator.page.goto(`${site.origin}${link}?decision=accept`);
    await innovator.page.getByText(PEOPLE.member.company).first().waitFor();
    const shown = await innovator.page.content();
    expect(shown).not.toContain(PEOPLE.member.email);
    expect(shown).not.toContain(PEOPLE.member.name);
    expect(shown).not.toContain(MEMBER_ROLE);
    await screenshot(innovator.page, 'journey-introduction-3-decide');
    await innovator.page.getByRole('button', { name: 'Accept the introduction' }).click();
    await innovator.page.getByRole('heading', { name: 'Thank you for accepting' }).waitFor();
    await screenshot(innovator.page, 'journey-introduction-4-accepted');

    const toMember = (await mailTo(PEOPLE.member.email)).filter((text) => text.includes('Lin Fixture'));
    expect(toMember).toHaveLength(1);
    expect(toMember[0]).toContain(UPCOMING.innovatorContact);
    const toInnovator = (await mailTo(UPCOMING.innovatorContact)).filter((text) => text.includes(PEOPLE.member.email));
    expect(toInnovator).toHaveLength(1);
    expect(toInnovator[0]).toContain(PEOPLE.member.name);
    expect(toInnovator[0]).toContain(MEMBER_ROLE);
    // Only that one email to the innovator's contact carries the role.
    expect((await mailTo(UPCOMING.innovatorContact)).filter((text) => text.includes(MEMBER_ROLE))).toHaveLength(1);

    await innovator.page.goto(`${site.origin}${link}`);
    await innovator.page.getByText('This link has been used already').waitFor();
    await member.page.reload();
    await member.page.getByText('The innovator accepted your request').waitFor();
    for (const opened of [member, staff, innovator]) await closeWatchedPage(opened.page, opened.trouble);
  });
});
