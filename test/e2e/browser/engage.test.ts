import { simpleParser, type ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { outboxMessages } from '../../support/app.js';
import { companyKey, emailKey } from '../../../src/members/members.js';
import { closeWatchedPage, openWatchedPage, type PageTrouble, screenshot, signInInBrowser, signInToDesk, watchedPagePerTest } from '../support/browser.js';
import { PEOPLE, UPCOMING, type E2eSite } from '../support/site.js';

// The journeys of issues 5 and 6, in Debian's Chromium against the real app, on the demo plus the
// fixture folder test/fixtures/e2e-upcoming/ (an upcoming own event with one place and a
// required free-text question; a program open for registration): a member registers for the
// event answering the question, sees the confirmation and gets the email with the .ics; a second
// member finds the event full and joins the waitlist; a member registers as a mentee and gets the
// confirmation email; a visitor writes through /contact, the inquiry appears in the desk's inbox
// and staff mark it answered. Each journey runs in a fresh browser context and ends with no
// console error, no failed same-origin request and no dialog. Screenshots: test-artifacts/screenshots/journey-*.png.

/** A second member at the member's company (a fixture write: the desk's contact form is tested elsewhere). */
const COLLEAGUE = { email: 'carl.colleague@example.com', name: 'Carl Colleague' } as const;

let browser: Browser;
let site: E2eSite;
let page: Page;
let trouble: PageTrouble;
watchedPagePerTest(
  (journey) => void ({ browser, site, page, trouble } = journey),
  async ({ site }) => {
    const now = site.clock.now().toISOString();
    const company = await site.db.selectFrom('companies').select('id').where('name_key', '=', companyKey(PEOPLE.member.company)).executeTakeFirstOrThrow();
    await site.db
      .insertInto('contacts')
      .values({ email: COLLEAGUE.email, email_key: emailKey(COLLEAGUE.email), name: COLLEAGUE.name, language: 'en', company_id: company.id, subscribed: 1, subscription_changed_at: now, created_at: now, updated_at: now })
      .execute();
  },
);

const main = () => page.locator('main');

/** The parsed emails to `address` whose subject starts with `subject`. */
async function mailsTo(address: string, subject: string): Promise<ParsedMail[]> {
  const found: ParsedMail[] = [];
  for (const raw of (await outboxMessages(site.app))) {
    if (!new RegExp(`^To: .*${address.replace(/[.+]/g, '\\$&')}`, 'mi').test(raw)) continue;
    const mail = await simpleParser(raw);
    if ((mail.subject ?? '').startsWith(subject)) found.push(mail);
  }
  return found;
}

const registrationOf = async (email: string) =>
  site.db
    .selectFrom('event_registrations')
    .innerJoin('events', 'events.id', 'event_registrations.event_id')
    .innerJoin('contacts', 'contacts.id', 'event_registrations.contact_id')
    .select(['event_registrations.status', 'event_registrations.answers'])
    .where('events.slug', '=', UPCOMING.event)
    .where('contacts.email', '=', email)
    .executeTakeFirst();

describe('event registration', () => {
  const answer = 'How do German suppliers start a pilot with a Chinese factory?';

  it('a member registers for an upcoming own event, answering a question, sees the confirmation and gets the email with the .ics', async () => {
    await signInInBrowser(page, site);
    await page.goto(`${site.origin}/events`);
    await Promise.all([page.waitForURL(`**/events/${UPCOMING.event}`), main().getByRole('link', { name: UPCOMING.eventTitle }).first().click()]);
    await expect(main().innerText()).resolves.toContain('1 place left');
    // The required question is asked before anything is stored.
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await expect(page.getByLabel(UPCOMING.question).evaluate((field: any) => field.validity.valueMissing)).resolves.toBe(true);
    expect(await registrationOf(PEOPLE.member.email)).toBeUndefined();
    await page.getByLabel(UPCOMING.question).fill(answer);
    await page.getByLabel('Which session?').selectOption('Workshop');
    await screenshot(page, 'journey-event-1-registration-form');

    await Promise.all([page.waitForURL(`**/events/${UPCOMING.event}?done=confirmed`), page.getByRole('button', { name: 'Register', exact: true }).click()]);
    await expect(main().innerText()).resolves.toContain('You are registered. A confirmation with a calendar file is on its way to your inbox.');
    await expect(page.getByRole('button', { name: 'Cancel my registration' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'journey-event-2-registered');
    const stored = await registrationOf(PEOPLE.member.email);
    expect(stored?.status).toBe('confirmed');
    expect(stored?.answers).toContain(answer);

    const [mail] = await mailsTo(PEOPLE.member.email, `You are registered: ${UPCOMING.eventTitle}`);
    expect(mail, 'confirmation email in the outbox').toBeDefined();
    const calendar = mail!.attachments.find((part) => part.contentType.startsWith('text/calendar') || (part.filename ?? '').endsWith('.ics'));
    expect(calendar, 'the .ics attachment').toBeDefined();
    const ics = calendar!.content.toString('utf8');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain(UPCOMING.eventTitle.slice(0, 40));
    expect(ics).toMatch(/DTSTART[^\r\n]*20270615/);
  });

  it('a second member finds the last place taken and joins the waitlist', async () => {
    await signInInBrowser(page, site, COLLEAGUE.email);
    await page.goto(`${site.origin}/events/${UPCOMING.event}`);
    await expect(main().innerText()).resolves.not.toContain('1 place left');
    await page.getByLabel(UPCOMING.question).fill('Can I still come?');
    await screenshot(page, 'journey-event-3-full-form');
    await Promise.all([page.waitForURL(`**/events/${UPCOMING.event}?done=waitlisted`), page.getByRole('button', { name: /Register|waitlist/i }).first().click()]);
    await expect(main().innerText()).resolves.toContain('The event is full, so you are on the waitlist.');
    await screenshot(page, 'journey-event-4-waitlisted');
    expect((await registrationOf(COLLEAGUE.email))?.status).toBe('waitlisted');
    await expect(mailsTo(COLLEAGUE.email, `You are on the waitlist: ${UPCOMING.eventTitle}`)).resolves.toHaveLength(1);
  });
});

describe('program registration', () => {
  it('a member registers as a mentee for an open program and gets the confirmation email', async () => {
    await signInInBrowser(page, site);
    await page.goto(`${site.origin}/programs/${UPCOMING.program}`);
    await screenshot(page, 'journey-program-1-program-page');
    await Promise.all([page.waitForURL(`**/programs/${UPCOMING.program}/register/mentee`), main().locator(`a[href="/programs/${UPCOMING.program}/register/mentee"]`).first().click()]);
    await page.getByRole('heading', { name: 'Register as a mentee' }).waitFor();
    await page.getByLabel('Artificial intelligence').check();
    await page.getByLabel('Working with Chinese start-ups').check();
    await page.getByLabel('Your sector').selectOption('automotive');
    await page.getByLabel('English').check();
    await page.getByLabel('City').fill('Shanghai');
    await page.getByLabel('Time zone').fill('Asia/Shanghai');
    await page.getByLabel('Weekday evenings').check();
    await screenshot(page, 'journey-program-2-form');
    await Promise.all([page.waitForURL(`**/programs/${UPCOMING.program}/register/mentee?saved=mailed`), page.getByRole('button', { name: 'Save my registration' }).click()]);
    await expect(main().innerText()).resolves.toContain('Your registration is saved. A confirmation email is on its way.');
    await expect(main().innerText()).resolves.toContain('You are registered as a mentee.');
    await screenshot(page, 'journey-program-3-saved');

    const [mail] = await mailsTo(PEOPLE.member.email, `You are registered: ${UPCOMING.programTitle}`);
    expect(mail, 'confirmation email in the outbox').toBeDefined();
    expect(mail!.text).toContain('mentee');
    const stored = await site.db
      .selectFrom('program_registrations')
      .innerJoin('programs', 'programs.id', 'program_registrations.program_id')
      .select(['program_registrations.role'])
      .where('programs.slug', '=', UPCOMING.program)
      .where('program_registrations.email', '=', PEOPLE.member.email)
      .execute();
    expect(stored).toEqual([{ role: 'mentee' }]);
  });
});

describe('an inquiry', () => {
  const visitor = { name: 'Vera Visitor', email: 'vera.visitor@example.net', company: 'Visitor Robotics GmbH', message: 'Is the June workshop held in English?' };

  it('a visitor writes through /contact; the inquiry appears in the desk inbox, where staff mark it answered', async () => {
    await page.goto(`${site.origin}/`);
    await Promise.all([page.waitForURL('**/contact'), page.getByRole('contentinfo').getByRole('link', { name: 'Contact us' }).click()]);
    await page.getByLabel('Your name').fill(visitor.name);
    await page.getByLabel('Your email address').fill(visitor.email);
    await page.getByLabel('Company').fill(visitor.company);
    await page.getByLabel('What is it about?').selectOption('events');
    await page.getByLabel('Your message').fill(visitor.message);
    await screenshot(page, 'journey-inquiry-1-contact-form');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    await expect(main().innerText()).resolves.toContain(`We will answer you at ${visitor.email}.`);
    await screenshot(page, 'journey-inquiry-2-sent');

    // Staff, in a browser of their own.
    const { page: desk, trouble: deskTrouble } = await openWatchedPage(browser, site);
    try {
      await signInToDesk(desk, site);
      await desk.goto(`${site.origin}/admin/inquiries?status=new`);
      await screenshot(desk, 'journey-inquiry-3-inbox');
      await Promise.all([desk.waitForURL(/\/admin\/inquiries\/\d+$/), desk.locator('main').getByRole('link', { name: visitor.name }).click()]);
      await expect(desk.locator('main').innerText()).resolves.toContain(visitor.message);
      await desk.getByLabel('Status').selectOption('answered');
      await Promise.all([desk.waitForURL(/\/admin\/inquiries\/\d+$/), desk.getByRole('button', { name: 'Change status' }).click()]);
      await expect(desk.locator('main').innerText()).resolves.toContain('Marked as answered.');
      await screenshot(desk, 'journey-inquiry-4-answered');
      const stored = await site.db.selectFrom('inquiries').select(['status', 'message']).where('email', '=', visitor.email).execute();
      expect(stored).toEqual([{ status: 'answered', message: visitor.message }]);
      // The inbox's "new" view no longer lists it.
      await desk.goto(`${site.origin}/admin/inquiries?status=new`);
      await expect(desk.locator('main').getByRole('link', { name: visitor.name }).count()).resolves.toBe(0);
    } finally {
      await closeWatchedPage(desk, deskTrouble);
    }
  });
});
