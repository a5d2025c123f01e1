import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { workerDataDir } from '../support/worker-pass.js';
import { type PageTrouble, screenshot, signInToDesk, watchedPagePerTest } from '../support/browser.js';
import { DEMO, PEOPLE, type E2eSite } from '../support/site.js';

// The delivery journey of issue 4 in Chromium against the real app: the owner sends the full
// edition of the demo issue from the issue page's Sending panel; the product's own sender (the
// worker's pass, composed from a configuration as `insights worker` composes it) writes the
// messages to an outbox folder; the member opens the unsubscribe link of their message: the page
// asks first (a link scanner's GET changes nothing), and only the button unsubscribes. The
// delivery's report then counts the unsubscribe. Screenshots: test-artifacts/screenshots/journey-delivery-*.png.

let site: E2eSite;
let page: Page;
let trouble: PageTrouble;
let freshPage: () => Promise<void>;
const worker = workerDataDir('delivery');
watchedPagePerTest((journey) => void ({ site, page, trouble, freshPage } = journey), worker.make);
const runWorkerPass = () => worker.pass(site);

/** The newsletter messages the sender wrote, parsed. */
async function sentMessages() {
  const dir = join(worker.dir(), 'outbox');
  const files = readdirSync(dir).filter((file) => file.endsWith('.eml')).sort();
  return Promise.all(files.map((file) => simpleParser(readFileSync(join(dir, file)))));
}

async function isSubscribed(email: string): Promise<boolean> {
  const row = await site.db.selectFrom('contacts').select('subscribed').where('email', '=', email).executeTakeFirstOrThrow();
  return row.subscribed === 1;
}

describe('an editor sends an issue and a member unsubscribes', () => {
  it('sends the full edition from the issue page; the member gets it and unsubscribes in two steps', async () => {
    await signInToDesk(page, site);
    await page.goto(`${site.origin}/admin/issues/${DEMO.issue}/edit`);
    const panel = page.getByRole('region', { name: 'Sending' });
    await panel.getByLabel('Edition', { exact: true }).last().selectOption('full');
    await screenshot(page, 'journey-delivery-1-sending-panel');
    // The panel asks for confirmation with the exact count first; nothing is queued before it.
    await Promise.all([page.waitForURL(/\/admin\/deliveries\/send$/), panel.getByRole('button', { name: 'Continue to confirmation' }).click()]);
    await Promise.all([page.waitForURL(/\/admin\/deliveries\/\d+$/), page.getByRole('button', { name: /^Send now to \d+ recipients?$/ }).click()]);
    const deliveryPath = new URL(page.url()).pathname;
    await screenshot(page, 'journey-delivery-2-progress');

    await runWorkerPass();
    const messages = await sentMessages();
    const toMember = messages.filter((message) => message.to && !Array.isArray(message.to) && message.to.text.includes(PEOPLE.member.email));
    expect(toMember, 'one message to the member').toHaveLength(1);
    const [mail] = toMember;
    // The full edition holds the members-only text; only members are in its audience.
    expect(mail!.text).toContain('Sample analysis for members');
    expect(messages.every((message) => !JSON.stringify(message.to).includes(PEOPLE.lapsed.email))).toBe(true);
    // mailparser folds List-* headers into an object; the raw line is what mail programs read.
    const listUnsubscribe = mail!.headerLines.find((line) => line.key === 'list-unsubscribe')?.line.replace(/\r?\n\s+/g, ' ') ?? '';
    expect(listUnsubscribe).toMatch(/<mailto:/);
    const link = /<(https?:\/\/[^>]+\/unsubscribe\/[^>]+)>/.exec(listUnsubscribe)?.[1];
    expect(link, 'an https/http unsubscribe address in List-Unsubscribe').toBeDefined();
    expect(link!.startsWith(`${site.origin}/unsubscribe/`)).toBe(true);
    expect(mail!.text, 'a visible unsubscribe link in the body').toContain(link);

    // A fresh context: the member opens the link from their mail program, not signed in.
    await freshPage();
    const opened = await page.goto(link!);
    expect(opened?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Unsubscribe' }).waitFor();
    await screenshot(page, 'journey-delivery-3-unsubscribe-confirm');
    expect(await isSubscribed(PEOPLE.member.email), 'opening the link changes nothing').toBe(true);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    await screenshot(page, 'journey-delivery-4-unsubscribed');
    expect(await isSubscribed(PEOPLE.member.email)).toBe(false);

    // The delivery's report counts it.
    await freshPage();
    await signInToDesk(page, site);
    await page.goto(`${site.origin}${deliveryPath}`);
    const report = await page.locator('main').innerText();
    expect(report).toContain('Done');
    expect(report).toMatch(/1 unsubscribed/);
    await screenshot(page, 'journey-delivery-5-report');
  });
});
