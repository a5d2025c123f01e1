import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lastLinkInOutbox } from '../../support/app.js';
import { closeWatchedPage, openWatchedPage, type PageTrouble, screenshot, signInInBrowser, watchedPagePerTest } from '../support/browser.js';
import { DEMO, PEOPLE, type E2eSite } from '../support/site.js';

// The journeys of issue 7 that exist today, in Debian's Chromium against the real app: a
// newcomer reads, subscribes and confirms; a member signs in with the link from the outbox and
// reads the full version; an editor signs in to the desk, writes a story with a members-only part,
// puts it into a new issue and publishes it, and a signed-out reader sees only its teaser (it runs
// last: the new issue becomes the latest). Each journey runs in a fresh browser context, and ends
// with no console error and no failed same-origin request. Screenshots: test-artifacts/screenshots/journey-*.png.

let browser: Browser;
let site: E2eSite;
let page: Page;
let trouble: PageTrouble;
watchedPagePerTest((journey) => void ({ browser, site, page, trouble } = journey));

const main = () => page.locator('main');

async function isSubscribed(email: string): Promise<boolean> {
  const row = await site.db.selectFrom('contacts').select('subscribed').where('email', '=', email).executeTakeFirst();
  return row?.subscribed === 1;
}

describe('a newcomer', () => {
  it('reads the latest issue, opens a story, subscribes and confirms through the emailed link', async () => {
    const home = await page.goto(`${site.origin}/`);
    expect(home?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('2024 Spring Issue');
    await screenshot(page, 'journey-newcomer-1-latest-issue');

    await Promise.all([page.waitForURL(`**/stories/${DEMO.story}`), main().getByRole('link', { name: DEMO.storyTitle }).first().click()]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(DEMO.storyTitle);
    await expect(main().innerText()).resolves.toContain(DEMO.storyTeaser);
    await expect(main().innerText()).resolves.not.toContain(DEMO.storyMembersOnly);
    await expect(page.getByRole('complementary', { name: 'Members-only content' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'journey-newcomer-2-story-teaser');

    const email = 'nina.newcomer@example.net';
    await Promise.all([page.waitForURL('**/subscribe'), page.getByRole('banner').getByRole('link', { name: 'Subscribe' }).click()]);
    await page.getByLabel('Your email address').fill(email);
    await page.getByLabel('Your name (optional)').fill('Nina Newcomer');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await expect(main().innerText()).resolves.toContain(`We sent a confirmation link to ${email}`);
    await screenshot(page, 'journey-newcomer-3-check-email');
    expect(await isSubscribed(email)).toBe(false);

    const link = await lastLinkInOutbox(site.app, email, '/subscribe/confirm/');
    expect(link, 'confirmation link in the outbox').toBeDefined();
    const opened = await page.goto(`${site.origin}${link}`);
    expect(opened?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Confirm your subscription' }).waitFor();
    // Opening the link (what a mail scanner does) changes nothing; only the button does.
    expect(await isSubscribed(email)).toBe(false);
    await screenshot(page, 'journey-newcomer-4-confirm-button');

    await page.getByRole('button', { name: 'Confirm my subscription' }).click();
    await page.getByRole('heading', { name: 'You are subscribed' }).waitFor();
    expect(await isSubscribed(email)).toBe(true);
    await screenshot(page, 'journey-newcomer-5-subscribed');

    // The link works once.
    const again = await page.goto(`${site.origin}${link}`);
    expect(again?.status()).toBe(400);
    await page.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
  });
});

describe('a member', () => {
  it('signs in with the emailed link, confirms, reads the full version, and signs out', async () => {
    await page.goto(`${site.origin}/stories/${DEMO.story}`);
    await expect(main().innerText()).resolves.not.toContain(DEMO.storyMembersOnly);

    await Promise.all([page.waitForURL('**/login'), page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click()]);
    await page.getByLabel('Your email address').fill(PEOPLE.member.email);
    await screenshot(page, 'journey-member-1-sign-in');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    const link = await lastLinkInOutbox(site.app, PEOPLE.member.email, '/login/');
    expect(link, 'sign-in link in the outbox').toBeDefined();
    await page.goto(`${site.origin}${link}`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expect(page.context().cookies()).resolves.not.toContainEqual(expect.objectContaining({ name: 'ii_member' }));
    await screenshot(page, 'journey-member-2-confirm-button');
    await Promise.all([page.waitForURL(`${site.origin}/`), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
    await expect(page.getByRole('banner').getByRole('link', { name: 'Your account' }).isVisible()).resolves.toBe(true);

    await page.goto(`${site.origin}/stories/${DEMO.story}`);
    await expect(main().innerText()).resolves.toContain(DEMO.storyTeaser);
    await expect(main().innerText()).resolves.toContain(DEMO.storyMembersOnly);
    await expect(page.getByRole('complementary', { name: 'Members-only content' }).count()).resolves.toBe(0);
    await screenshot(page, 'journey-member-3-full-story');

    await page.goto(`${site.origin}/account`);
    await expect(main().innerText()).resolves.toContain(`${PEOPLE.member.company} (member)`);
    await screenshot(page, 'journey-member-4-account');

    await Promise.all([page.waitForURL(`${site.origin}/`), page.getByRole('button', { name: 'Sign out' }).click()]);
    await page.goto(`${site.origin}/stories/${DEMO.story}`);
    await expect(main().innerText()).resolves.not.toContain(DEMO.storyMembersOnly);
  });

  it('of a company whose membership lapsed signs in and is told why they see the shortened version', async () => {
    await signInInBrowser(page, site, PEOPLE.lapsed.email);
    await page.goto(`${site.origin}/stories/${DEMO.story}`);
    await expect(main().innerText()).resolves.not.toContain(DEMO.storyMembersOnly);
    await expect(main().innerText()).resolves.toContain(`${PEOPLE.lapsed.company} is not a current member`);
    await screenshot(page, 'journey-lapsed-member-story');
  });
});

describe('an editor', () => {
  const story = {
    slug: 'e2e-desk-journey-robotics',
    title: 'Robot density in Guangdong doubles',
    teaser: 'Factories in Guangdong installed twice as many robots as a year before.',
    membersOnly: 'German suppliers of grippers and controllers are best placed to benefit',
  };
  const issue = { season: 'summer', year: '2027', slug: '2027-summer', heading: 'Automation news' };

  it('signs in to the desk, writes a story with a members-only part, composes an issue with it and publishes it', async () => {
    await page.goto(`${site.origin}/admin/login`);
    await page.getByLabel('Email').fill(PEOPLE.owner.email);
    await page.getByLabel('Password').fill(PEOPLE.owner.password);
    await screenshot(page, 'journey-editor-1-sign-in');
    await Promise.all([page.waitForURL(`${site.origin}/admin`), page.getByRole('button', { name: 'Sign in' }).click()]);
    await screenshot(page, 'journey-editor-2-dashboard');

    // The story, through its form.
    await page.goto(`${site.origin}/admin/stories/new`);
    await page.getByLabel('Slug', { exact: true }).fill(story.slug);
    await page.getByLabel('Title', { exact: true }).fill(story.title);
    await page.getByLabel('Text (Markdown)').fill(`${story.teaser}\n\n<!-- members-only -->\n\n${story.membersOnly}.`);
    await screenshot(page, 'journey-editor-3-story-form');
    await Promise.all([page.waitForURL(`**/admin/stories/${story.slug}/edit`), page.getByRole('button', { name: 'Save', exact: true }).first().click()]);
    await expect(main().innerText()).resolves.toContain('The story is saved');

    // The issue for a new season, then a section showing the story.
    await page.goto(`${site.origin}/admin/issues/new`);
    await page.getByLabel('Season').selectOption(issue.season);
    await page.getByLabel('Year').fill(issue.year);
    await Promise.all([page.waitForURL(`**/admin/issues/${issue.slug}/edit`), page.getByRole('button', { name: 'Create the draft' }).click()]);
    await page.locator('[name="sections.0.kind"]').selectOption('news');
    await page.locator('[name="sections.0.heading"]').fill(issue.heading);
    await page.locator('[name="sections.0.items.0.target"]').selectOption(`story:${story.slug}`);
    await screenshot(page, 'journey-editor-4-issue-form');
    await Promise.all([page.waitForURL(`**/admin/issues/${issue.slug}/edit`), page.getByRole('button', { name: 'Save', exact: true }).first().click()]);
    await expect(main().innerText()).resolves.toContain('Saved.');
    await expect(page.locator('[name="sections.0.items.0.target"]').inputValue()).resolves.toBe(`story:${story.slug}`);

    await Promise.all([page.waitForURL(`**/admin/issues/${issue.slug}/edit`), page.getByRole('button', { name: 'Publish now' }).click()]);
    await expect(main().innerText()).resolves.toContain(`Published: readers see it at /issues/${issue.slug} now.`);
    await screenshot(page, 'journey-editor-5-published');

    // A reader who is not signed in (a new context) sees the teaser, not the members-only part.
    const { page: reader, trouble: readerTrouble } = await openWatchedPage(browser, site);
    try {
      const issuePage = await reader.goto(`${site.origin}/issues/${issue.slug}`);
      expect(issuePage?.status()).toBe(200);
      await expect(reader.locator('main').innerText()).resolves.toContain(issue.heading);
      await Promise.all([reader.waitForURL(`**/stories/${story.slug}`), reader.locator('main').getByRole('link', { name: story.title }).first().click()]);
      await expect(reader.locator('main').innerText()).resolves.toContain(story.teaser);
      await expect(reader.locator('main').innerText()).resolves.not.toContain(story.membersOnly);
      await screenshot(reader, 'journey-editor-6-public-story');
    } finally {
      await closeWatchedPage(reader, readerTrouble);
    }
  });
});
