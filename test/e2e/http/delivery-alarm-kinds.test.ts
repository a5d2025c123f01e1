import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { visibleText } from '../../support/app.js';
import { DEFERRING_DOMAIN, fetchPageKind, PAGE_KINDS } from '../support/page-kinds.js';
import { clientsFor, startSite, type E2eSite } from '../support/site.js';

// The page kinds of a real send with an alarm (issue 19; support/page-kinds.ts, alarmedSendOf)
// show what the walks are meant to check on them: the delivery page its alarm note, the table of
// receiving domains and the chart of replies per domain over time (not its "no replies yet"
// line); the dashboard the alarm under "Needs attention", linking to the delivery. Should the
// send, the worker's pass or the alarm check stop producing these, the walks would pass over
// empty sections: this test fails instead.

// The alarmed send (a desk send, MJML compiles, one worker pass to a sink) shares the two cores
// with the whole suite: it took over a minute once in a full run.
vi.setConfig({ testTimeout: 180_000 });

let site: E2eSite;
beforeAll(async () => {
  site = await startSite({ listen: false });
}, 120_000);
afterAll(async () => {
  await site?.close();
});

function kind(name: string) {
  const found = PAGE_KINDS.find((entry) => entry.name === name);
  if (!found) throw new Error(`no page kind ${name}`);
  return found;
}

describe('the page kinds of a real send with an alarm', () => {
  it('the delivery page: the alarm note, the receiving domains and the chart over time', async () => {
    const clientFor = clientsFor(site);
    const page = kind('desk-delivery-send-alarm');
    const response = await fetchPageKind(site, await clientFor(page.as), page);
    expect(response.statusCode).toBe(200);
    const body = response.body;
    const text = visibleText(body);
    expect(body).toContain('data-delivery-alarm="deferring"');
    expect(text).toMatch(/Alarm since 2026-11-28 12:00 UTC: /);
    expect(body).toMatch(new RegExp(`<section data-delivery-domains>[\\s\\S]*<tr data-domain="${DEFERRING_DOMAIN}" data-domain-state="deferred">`));
    expect(text).toContain(DEFERRING_DOMAIN);
    expect(body).toMatch(/<figure class="chart" data-domain-timeline>/);
    expect(body).toContain(`data-timeline-domain="${DEFERRING_DOMAIN}"`);
    expect(text).not.toContain('No replies from the receiving servers yet.');
    expect(text).toMatch(/\d+ accepted, [1-9]\d* deferred, 0 failed/);
  });

  it('the dashboard: the alarm under "Needs attention", linking to the delivery', async () => {
    const clientFor = clientsFor(site);
    const delivery = await fetchPageKind(site, await clientFor('staff'), kind('desk-delivery-send-alarm'));
    const id = /#(\d+) /.exec(visibleText(delivery.body))?.[1];
    const page = kind('desk-dashboard-alarm');
    const response = await fetchPageKind(site, await clientFor(page.as), page);
    expect(response.statusCode).toBe(200);
    const attention = /<ul class="attention-list">([\s\S]*?)<\/ul>/.exec(response.body)?.[1] ?? '';
    expect(attention).toContain(`href="/admin/deliveries/${id}"`);
    expect(visibleText(attention)).toMatch(new RegExp(`Delivery #${id} \\(.+\\): `));
  });
});
