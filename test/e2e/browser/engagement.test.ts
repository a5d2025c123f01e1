import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type PageTrouble, screenshot, signInToDesk, watchedPagePerTest } from '../support/browser.js';
import { workerDataDir } from '../support/worker-pass.js';
import { DEMO, PEOPLE, type E2eSite } from '../support/site.js';

// The click journey of issue 20 in Chromium against the real app: the owner sends the full
// edition of the demo issue; the product's own sender writes the messages to an outbox folder;
// the member opens a story's link from their message (a `/r/<token>` address on our own site),
// lands on the story, and the delivery's desk report counts one human click (and no machine one).
// Screenshots: test-artifacts/screenshots/journey-engagement-*.png.

let site: E2eSite;
let page: Page;
let trouble: PageTrouble;
let freshPage: () => Promise<void>;
const worker = workerDataDir('engagement');
watchedPagePerTest((journey) => void ({ site, page, trouble, freshPage } = journey), worker.make);
const runWorkerPass = () => worker.pass(site);

describe('a member clicks a story in the newsletter', () => {
  it('the email link goes through /r/, lands on the story, and the delivery report counts one human click', async () => {
    await signInToDesk(page, site);
    await page.goto(`${site.origin}/admin/issues/${DEMO.issue}/edit`);
    const panel = page.getByRole('region', { name: 'Sending' });
    await panel.getByLabel('Edition', { exact: true }).last().selectOption('full');
    // The panel asks for confirmation with the exact count first (issue 20's safer sending).
    await Promise.all([page.waitForURL(/\/admin\/deliveries\/send$/), panel.getByRole('button', { name: 'Continue to confirmation' }).click()]);
    await Promise.all([page.waitForURL(/\/admin\/deliveries\/\d+$/), page.getByRole('button', { name: /^Send now to \d+ recipients?$/ }).click()]);
    const deliveryPath = new URL(page.url()).pathname;
    const deliveryId = Number(deliveryPath.split('/').pop());

    await runWorkerPass();
    const dir = join(worker.dir(), 'outbox');
    const messages = await Promise.all(readdirSync(dir).filter((file) => file.endsWith('.eml')).map((file) => simpleParser(readFileSync(join(dir, file)))));
    const mail = messages.find((message) => message.to && !Array.isArray(message.to) && message.to.text.includes(PEOPLE.member.email));
    expect(mail, 'a message to the member').toBeDefined();
    const story = await site.db.selectFrom('delivery_links').select(['link_index', 'url', 'language']).where('delivery_id', '=', deliveryId).where('item_kind', '=', 'story').orderBy('link_index').executeTakeFirstOrThrow();
    const links = [...String(mail!.html).matchAll(/href="([^"]+\/r\/\d+-\d+-(\d+)-[0-9a-f]{20})"/g)];
    const link = links.find((match) => Number(match[2]) === story.link_index)?.[1];
    expect(link, 'the story link goes through /r/ on our own site').toBeDefined();
    expect(link!.startsWith(`${site.origin}`)).toBe(true);

    // A minute later (clicks within seconds of delivery are a scanner's), from the mail program, not signed in.
    site.clock.advance(60_000);
    await freshPage();
    // Headless Chromium names itself "HeadlessChrome", which counts as a machine (scanners run it);
    // the member's browser says what a desktop Chrome says.
    await page.setExtraHTTPHeaders({ 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36' });
    const opened = await page.goto(link!);
    expect(opened?.status()).toBe(200);
    expect(page.url()).toBe(story.url);
    expect(new URL(page.url()).pathname).toMatch(/\/stories\//);
    await screenshot(page, 'journey-engagement-1-story');

    await freshPage();
    await signInToDesk(page, site);
    await page.goto(`${site.origin}${deliveryPath}`);
    const clicks = page.getByRole('region', { name: 'Clicks' });
    await clicks.waitFor();
    const text = await clicks.innerText();
    expect(text).toContain('1 human click;');
    expect(text).toContain('0 by machines');
    await screenshot(page, 'journey-engagement-2-report');
  });
});
