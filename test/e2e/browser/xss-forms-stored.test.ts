import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { outboxMessages } from '../../support/app.js';
import { startFeedServer, type ExtraFeed } from '../../support/feed-server.js';
import { openWatchedPage, postForm, signInToDesk, startBrowserAndSite } from '../support/browser.js';
import { DESK_FORMS } from '../support/forms.js';
import { DEMO, PEOPLE, UPCOMING, type E2eSite } from '../support/site.js';
import { DESK_PAYLOADS, findXssEffects, FORM_PAYLOADS, MULTI_LINE_PAYLOADS, ONE_LINE_PAYLOADS, xssEffectsOn } from '../support/xss.js';

// XSS payloads stored through forms and shown elsewhere: names that hold payloads on the account
// page, in the members notice and in the emails sent; the desk's forms; events, programs and
// inquiries; the site settings. Each answer and each page rendered in Chromium, ignoring the
// site's CSP (the escaping itself is under test); the curation inbox, fed by a feed server on
// 127.0.0.1 whose feeds carry payloads too. The form-by-form walk is xss-forms.test.ts.

let browser: Browser;
let site: E2eSite;
startBrowserAndSite((started) => {
  ({ browser, site } = started);
});

/** A page in a context that ignores the CSP, signed in as a contact when asked. */
const openWatched = (signInAs?: string) => openWatchedPage(browser, site, { bypassCSP: true, signInAs });

describe('XSS payloads typed into forms', () => {
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
      const mails = await outboxMessages(site.app);
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

describe('XSS payloads typed into the desk', () => {
  it('stories, story translations, companies and contacts hold payloads; their answers, the desk lists, the story editor, the translation page, the activity log and the public story show them as text', async () => {
    const { context, page, trouble } = await openWatched();
    const effects: string[] = [];
    const storyForm = DESK_FORMS.find((form) => form.name === 'desk story')!;
    const companyForm = DESK_FORMS.find((form) => form.name === 'desk company')!;
    const contactForm = DESK_FORMS.find((form) => form.name === 'desk contact')!;
    const translationForm = DESK_FORMS.find((form) => form.name === 'desk story translation')!;
    try {
      await signInToDesk(page, site);
      await page.goto(`${site.origin}${storyForm.page}`);
      const csrf = await page.locator(`form[action="${storyForm.action}"] input[name="_csrf"]`).inputValue();
      // The demo story (public through the demo issue) gets payloads through its edit form once.
      const demoEdit = `/admin/stories/${DEMO.story}/edit`;
      const post = async (action: string, fields: Record<string, string>, what: string) => {
        const response = await postForm(page, action, { _csrf: csrf, ...fields });
        expect(response?.status(), what).toBeLessThan(500);
        effects.push(...(await xssEffectsOn(page, trouble, what)));
        return response?.status() ?? 0;
      };
      for (const [index, payload] of DESK_PAYLOADS.entries()) {
        const label = JSON.stringify(payload);
        const story = (url: string) => ({
          slug: `xss-desk-${index}`, title: payload, kind: 'news', body: `${payload}\n\n<!-- members-only -->\n\n${payload}`, organizations: payload,
          'sources.0.author': payload, 'sources.0.title': 'A source', 'sources.0.outlet': payload, 'sources.0.url': url, op: 'save',
        });
        // With the payload as the source's address (likely refused: the form comes back with it).
        const status = await post(storyForm.action, story(payload), `new story ← ${label}`);
        // So the other fields are stored too, again with a harmless address when it was refused.
        if (status === 400) await post(storyForm.action, story(`https://example.org/?q=${encodeURIComponent(payload)}`), `new story (http source) ← ${label}`);
        await post(companyForm.action, { name: `${payload} ${index}`, industry: payload, membership: 'active' }, `company ← ${label}`);
        await post(contactForm.action, { email: `xss-desk-${index}@example.net`, name: payload, language: 'en' }, `contact ← ${label}`);
        await post(translationForm.action, { title: payload, body: `${payload}\n\n<!-- members-only -->\n\n${payload}` }, `story translation ← ${label}`);
      }
      const last = DESK_PAYLOADS.at(-1)!;
      const demo = { ...Object.fromEntries(['title', 'organizations', 'sources.0.author', 'sources.0.outlet'].map((field) => [field, ONE_LINE_PAYLOADS[1]!])) };
      // The Chinese translation of the demo story keeps a one-line payload as its title (the public /zh page shows it).
      await post(translationForm.action, { title: ONE_LINE_PAYLOADS[1]!, body: `${last}\n\n<!-- members-only -->\n\n${last}` }, 'demo story translated');
      await post(demoEdit, { slug: DEMO.story, kind: 'news', body: `${last}\n\n<!-- members-only -->\n\n${last}`, 'sources.0.url': 'https://example.org/', ...demo, op: 'save' }, 'demo story edited');

      const stored = await site.db.selectFrom('stories').select('slug').where('slug', 'like', 'xss-desk-%').execute();
      // A title is one line: the multi-line samples may be refused (their answers were checked above).
      expect(stored.length, 'stories saved with payloads').toBeGreaterThanOrEqual(DESK_PAYLOADS.length - MULTI_LINE_PAYLOADS.slice(0, 2).length);
      await expect(site.db.selectFrom('stories').select('title').where('slug', '=', DEMO.story).executeTakeFirst()).resolves.toEqual({ title: ONE_LINE_PAYLOADS[1] });
      const translated = await site.db
        .selectFrom('translations').innerJoin('stories', 'stories.id', 'translations.story_id').select('translations.fields')
        .where('stories.slug', '=', DEMO.story).where('translations.language', '=', 'zh').executeTakeFirstOrThrow();
      expect(JSON.parse(translated.fields), 'the translation keeps the payload as its title').toMatchObject({ title: ONE_LINE_PAYLOADS[1] });

      const pages = [
        '/admin/stories', '/admin/stories?page=2', demoEdit, translationForm.page, ...stored.map((row) => `/admin/stories/${row.slug}/edit`),
        '/admin/companies', '/admin/contacts', '/admin/activity', '/admin',
      ];
      for (const path of pages) {
        const response = await page.goto(`${site.origin}${path}`);
        expect(response?.status(), path).toBe(200);
        effects.push(...(await xssEffectsOn(page, trouble, path)));
      }
      // The public story, signed out.
      const reader = await openWatched();
      try {
        for (const path of [`/stories/${DEMO.story}`, `/zh/stories/${DEMO.story}`]) {
          const response = await reader.page.goto(`${site.origin}${path}`);
          expect(response?.status()).toBe(200);
          effects.push(...(await xssEffectsOn(reader.page, reader.trouble, `public ${path}`)));
        }
      } finally {
        await reader.context.close();
      }
    } finally {
      await context.close();
    }
    expect(effects).toEqual([]);
  });
});

describe('XSS payloads in events, programs and inquiries', () => {
  it('inquiries, proposals, event answers, program answers, review notes and event settings hold payloads; the desk, the public pages and the emails show them as text', async () => {
    const visitor = await openWatched();
    const member = await openWatched(PEOPLE.member.email);
    const desk = await openWatched();
    const effects: string[] = [];
    type Watched = typeof visitor;
    const open = async (who: Watched, path: string, what = path) => {
      const response = await who.page.goto(`${site.origin}${path}`);
      expect(response?.status(), what).toBe(200);
      effects.push(...(await xssEffectsOn(who.page, who.trouble, what)));
    };
    const post = async (who: Watched, action: string, fields: Record<string, string>, what: string) => {
      const response = await postForm(who.page, action, fields);
      expect(response?.status(), what).toBeLessThan(500);
      effects.push(...(await xssEffectsOn(who.page, who.trouble, what)));
    };
    const csrfOn = async (who: Watched, path: string) => {
      await who.page.goto(`${site.origin}${path}`);
      return who.page.locator('input[name="_csrf"]').first().inputValue();
    };
    try {
      await signInToDesk(desk.page, site);
      const event = `/events/${UPCOMING.event}`;
      const program = `/programs/${UPCOMING.program}/register/mentee`;
      const eventId = (await site.db.selectFrom('events').select('id').where('slug', '=', UPCOMING.event).executeTakeFirstOrThrow()).id;
      const programId = (await site.db.selectFrom('programs').select('id').where('slug', '=', UPCOMING.program).executeTakeFirstOrThrow()).id;
      const visitorCsrf = await csrfOn(visitor, '/contact');
      const memberCsrf = await csrfOn(member, '/account');
      const deskCsrf = await csrfOn(desk, '/admin');

      for (const [index, payload] of DESK_PAYLOADS.entries()) {
        const label = JSON.stringify(payload);
        site.clock.advance(61 * 60_000);
        await post(visitor, '/contact', { _csrf: visitorCsrf, name: payload, email: `xss-inquiry-${index}@example.net`, company: payload, topic: 'other', message: payload, website: '' }, `contact ← ${label}`);
        await post(
          visitor, `${event}/call`,
          { _csrf: visitorCsrf, kind: 'speaker', name: payload, email: `xss-call-${index}@example.net`, organisation: payload, title: payload, summary: payload, website: '' },
          `call ← ${label}`,
        );
        // The member's answer is stored, shown on the desk's registrations page, then cancelled so the next one can be stored.
        await post(member, `${event}/register`, { _csrf: memberCsrf, q0: payload, q1: '' }, `event registration ← ${label}`);
        await open(desk, `/admin/events/${eventId}/registrations`, `desk registrations ← ${label}`);
        await post(member, `${event}/cancel`, { _csrf: memberCsrf }, `event cancel after ${label}`);
        await post(
          member, program,
          { _csrf: memberCsrf, areas: 'ai', sector: '', goals: payload, languages: 'en', city: payload, time_zone: payload, availability: 'weekend', not_own_company: '1' },
          `program registration ← ${label}`,
        );
        await open(desk, `/admin/programs/${programId}/registrations`, `desk program registrations ← ${label}`);
      }
      const inquiries = await site.db.selectFrom('inquiries').select('id').where('email', 'like', 'xss-inquiry-%').execute();
      const proposals = await site.db.selectFrom('event_submissions').select('id').where('email', 'like', 'xss-call-%').execute();
      // Multi-line samples are refused in one-line fields (name, title): their answers were checked above.
      expect(inquiries.length, 'inquiries stored with payloads').toBeGreaterThanOrEqual(DESK_PAYLOADS.length - 2);
      expect(proposals.length, 'proposals stored with payloads').toBeGreaterThanOrEqual(DESK_PAYLOADS.length - 2);
      const [firstProposal] = proposals;
      // Review notes and the inquiry status through the desk's own forms.
      for (const payload of DESK_PAYLOADS.slice(0, 4)) {
        await post(desk, `/admin/events/${eventId}/submissions/${firstProposal!.id}`, { _csrf: deskCsrf, status: 'submitted', review_notes: payload }, `review notes ← ${JSON.stringify(payload)}`);
        await post(desk, `/admin/inquiries/${inquiries[0]!.id}/status`, { _csrf: deskCsrf, status: payload }, `inquiry status ← ${JSON.stringify(payload)}`);
      }
      // The event's questions and call text, through the settings form: one question per one-line payload.
      const oneLine = DESK_PAYLOADS.filter((payload) => !payload.includes('\n'));
      await post(
        desk, `/admin/events/${eventId}/settings`,
        { _csrf: deskCsrf, questions: oneLine.join('\n'), waitlist: '1', call_kinds: 'speaker', call_closes: '2027-05-31T18:00', call_intro: DESK_PAYLOADS.join('\n\n') },
        'event settings ← every payload',
      );
      // Stored (line breaks normalised on the way), so the pages below show it.
      const { call_intro: intro } = await site.db.selectFrom('event_settings').select('call_intro').where('event_id', '=', eventId).executeTakeFirstOrThrow();
      for (const payload of oneLine) expect(intro, 'call text stored').toContain(payload);

      const deskPages = [
        '/admin/inquiries', ...inquiries.map((row) => `/admin/inquiries/${row.id}`),
        `/admin/events/${eventId}/submissions`, ...proposals.map((row) => `/admin/events/${eventId}/submissions/${row.id}`),
        `/admin/events/${eventId}/settings`, `/admin/events/${eventId}/registrations`, `/admin/programs/${programId}/registrations`, `/admin/programs/${programId}/matching`,
        '/admin/activity', '/admin/events', '/admin/programs', '/admin',
      ];
      for (const path of deskPages) await open(desk, path);
      for (const path of [event, `${event}/call`, program]) await open(member, path, `member ${path}`);
      for (const path of [event, `${event}/call`, '/events']) await open(visitor, path, `public ${path}`);

      // The HTML part of every email to the payload-named senders and to the member, opened with scripts on.
      for (const raw of (await outboxMessages(site.app))) {
        if (!/^To: .*(xss-(inquiry|call)-|erika\.member@)/im.test(raw)) continue;
        const mail = await simpleParser(raw);
        if (!mail.html) continue;
        await visitor.page.setContent(mail.html, { waitUntil: 'load' });
        effects.push(...(await findXssEffects(visitor.page, { inlineStylesAllowed: true })).map((effect) => `email "${mail.subject}": ${effect}`));
        effects.push(...visitor.trouble.dialogs.splice(0));
      }
    } finally {
      await Promise.all([visitor.context.close(), member.context.close(), desk.context.close()]);
    }
    expect(effects).toEqual([]);
  });
});

describe('XSS payloads in the site settings', () => {
  it('the organisation and the imprint and privacy texts hold payloads; the desk, the imprint and privacy pages in each language and the email footer show them as text', async () => {
    const desk = await openWatched();
    const reader = await openWatched();
    const effects: string[] = [];
    const settingsForm = DESK_FORMS.find((form) => form.name === 'desk site settings')!;
    const days = { retainSnapshotsDays: '365', retainErrorsDays: '90', retainUserAgentsDays: '30', retainClicksDays: '180', retainRateLimitsDays: '2' };
    try {
      await signInToDesk(desk.page, site);
      await desk.page.goto(`${site.origin}${settingsForm.page}`);
      const csrf = await desk.page.locator(`form[action="${settingsForm.action}"] input[name="_csrf"]`).inputValue();
      for (const [index, payload] of DESK_PAYLOADS.entries()) {
        const label = JSON.stringify(payload);
        const oneLine = payload.replace(/[\r\n]+/g, ' ').slice(0, 190);
        const fields = {
          _csrf: csrf, orgName: oneLine, orgAddress: `${payload}\nLine two ${index}`, orgEmail: '', orgPhone: oneLine,
          imprintEn: payload, imprintDe: payload, imprintZh: '', privacyEn: payload, privacyDe: '', privacyZh: payload, consentNetworkLog: '1', ...days,
        };
        const response = await postForm(desk.page, settingsForm.action, fields);
        expect(response?.status(), `settings ← ${label}`).toBeLessThan(400);
        effects.push(...(await xssEffectsOn(desk.page, desk.trouble, `settings ← ${label}`)));
        for (const path of ['/imprint', '/de/imprint', '/zh/imprint', '/privacy', '/de/privacy', '/zh/privacy']) {
          const shown = await reader.page.goto(`${site.origin}${path}`);
          expect(shown?.status(), path).toBe(200);
          effects.push(...(await xssEffectsOn(reader.page, reader.trouble, `${path} ← ${label}`)));
        }
      }
      await desk.page.goto(`${site.origin}/admin/activity`);
      effects.push(...(await xssEffectsOn(desk.page, desk.trouble, '/admin/activity')));

      // A transactional email's footer carries the organisation and address last saved.
      site.clock.advance(61 * 60_000);
      await reader.page.goto(`${site.origin}/login`);
      const loginCsrf = await reader.page.locator('form[action="/login"] input[name="_csrf"]').inputValue();
      await postForm(reader.page, '/login', { _csrf: loginCsrf, email: PEOPLE.member.email });
      const mails = await outboxMessages(site.app);
      const last = mails.at(-1)!;
      const mail = await simpleParser(last);
      expect(mail.text).toContain('Line two');
      await reader.page.setContent(String(mail.html), { waitUntil: 'load' });
      effects.push(...(await findXssEffects(reader.page, { inlineStylesAllowed: true })).map((effect) => `email footer: ${effect}`));
      effects.push(...reader.trouble.dialogs.splice(0));
    } finally {
      await desk.context.close();
      await reader.context.close();
    }
    expect(effects).toEqual([]);
  });
});

/** XML text: the payload arrives in the feed as the characters it is. */
const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Feeds whose title, items' titles, authors, summaries and HTML hold the desk payloads (JSON Feed and RSS 2.0). */
const PAYLOAD_FEEDS: Readonly<Record<string, ExtraFeed>> = {
  '/xss.json': {
    type: 'application/feed+json',
    body: (base) => JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: DESK_PAYLOADS[1],
      home_page_url: `${base}/`,
      language: 'en',
      items: DESK_PAYLOADS.map((payload, index) => ({
        id: `xss-json-${index}`,
        url: `${base}/a/xss-json-${index}`,
        title: `json ${index} ${payload}`,
        authors: [{ name: payload }],
        date_published: '2026-11-20T08:00:00Z',
        summary: `${payload} summary ${index}`,
        content_html: `<p>${payload}</p>${payload}<a href="javascript:window.__xss=1">more</a>`,
      })),
    }),
  },
  '/xss.xml': {
    type: 'application/rss+xml',
    body: (base) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>${xmlText(DESK_PAYLOADS[0]!)}</title><link>${base}/</link><language>en</language>
${DESK_PAYLOADS.map((payload, index) => `<item><title>${xmlText(`rss ${index} ${payload}`)}</title><link>${base}/a/xss-rss-${index}</link><guid isPermaLink="false">xss-rss-${index}</guid>
<dc:creator>${xmlText(payload)}</dc:creator><pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate><description>${xmlText(`${payload} summary ${index}`)}</description>
<content:encoded>${xmlText(`<p>${payload}</p><img src="x" onerror="window.__xss=1">`)}</content:encoded></item>`).join('\n')}
</channel></rss>`,
  },
};

describe('XSS payloads in the curation inbox', () => {
  it('feeds, rule phrases, notes and assignments hold payloads; the inbox, every entry page, the promoted story\'s edit page and the setup pages show them as text', async () => {
    const server = await startFeedServer(PAYLOAD_FEEDS);
    const { context, page, trouble } = await openWatched();
    const effects: string[] = [];
    const open = async (path: string, what = path) => {
      const response = await page.goto(`${site.origin}${path}`);
      expect(response?.status(), what).toBe(200);
      effects.push(...(await xssEffectsOn(page, trouble, what)));
    };
    const post = async (action: string, fields: Record<string, string>, what: string) => {
      const response = await postForm(page, action, { _csrf: csrf, ...fields });
      expect(response?.status(), what).toBeLessThan(500);
      effects.push(...(await xssEffectsOn(page, trouble, what)));
      return response?.status() ?? 0;
    };
    let csrf = '';
    try {
      await signInToDesk(page, site);
      await page.goto(`${site.origin}/admin/inbox/sources`);
      csrf = await page.locator('form[action="/admin/inbox/sources"] input[name="_csrf"]').inputValue();

      // Rules first, so they act on the items as they arrive: a payload as the phrase, and as a topic (refused, the form comes back with it).
      for (const [index, payload] of DESK_PAYLOADS.entries()) {
        const label = JSON.stringify(payload);
        await post('/admin/inbox/rules', { phrase: payload, action: 'star', value: '' }, `rule phrase ← ${label}`);
        await post('/admin/inbox/rules', { phrase: `xss topic ${index}`, action: 'topic', value: payload }, `rule topic ← ${label}`);
      }
      const rules = await site.db.selectFrom('curation_rules').select('phrase').execute();
      expect(rules.length, 'rules stored with payloads as phrases').toBeGreaterThanOrEqual(DESK_PAYLOADS.length - MULTI_LINE_PAYLOADS.slice(0, 2).length);

      // The payload feeds, added on the desk and polled by the web process's job loop.
      for (const path of Object.keys(PAYLOAD_FEEDS)) expect(await post('/admin/inbox/sources', { url: `${server.base}${path}` }, `source ${path}`)).toBe(200);
      const sourceIds = (await site.db.selectFrom('curation_sources').select('id').where('url', 'like', `${server.base}/xss.%`).execute()).map((row) => row.id);
      expect(sourceIds.length).toBe(2);
      const itemsOf = () => site.db.selectFrom('curation_items').select(['id', 'cluster_id']).where('source_id', 'in', sourceIds).orderBy('id').execute();
      const unpolled = async () => (await site.db.selectFrom('curation_sources').select('id').where('id', 'in', sourceIds).where('state', '=', 'new').execute()).length;
      for (let attempt = 0; attempt < 120 && (await unpolled()) > 0; attempt++) await page.waitForTimeout(250);
      const failing = await site.db.selectFrom('curation_sources').select(['url', 'state', 'last_error']).where('id', 'in', sourceIds).where('state', '!=', 'ok').execute();
      expect(failing, 'both payload feeds polled and healthy').toEqual([]);
      const items = await itemsOf();
      expect(items.length, 'every payload item arrived').toBe(2 * DESK_PAYLOADS.length);
      const leads = [...new Set(items.map((item) => item.cluster_id ?? item.id))];

      // A note and an assignment holding payloads: the assignee is refused (the form comes back with both), then the note is saved with a colleague.
      const owner = await site.db.selectFrom('staff').select('id').where('email', '=', PEOPLE.owner.email).executeTakeFirstOrThrow();
      for (const [index, payload] of DESK_PAYLOADS.entries()) {
        const label = JSON.stringify(payload);
        const lead = leads[index % leads.length]!;
        expect(await post(`/admin/inbox/items/${lead}/triage`, { note: payload, assignee: payload, board: '' }, `entry note and assignee ← ${label}`)).toBe(400);
        expect(await post(`/admin/inbox/items/${lead}/triage`, { note: `${payload}\n${index}`, assignee: String(owner.id), board: '' }, `entry note ← ${label}`)).toBe(200);
      }
      const notes = await site.db.selectFrom('curation_items').select('note').where('id', 'in', leads).where('note', '!=', '').execute();
      expect(notes.length, 'notes stored with payloads').toBe(Math.min(leads.length, DESK_PAYLOADS.length));

      // One entry promoted: the draft story's edit page shows the sources' summaries as the editor's note.
      expect(await post(`/admin/inbox/items/${leads[0]}/promote`, {}, 'promote')).toBe(200);
      const promoted = await site.db.selectFrom('curation_items').innerJoin('stories', 'stories.id', 'curation_items.story_id').select('stories.slug').where('curation_items.id', '=', leads[0]!).executeTakeFirstOrThrow();
      expect(page.url()).toBe(`${site.origin}/admin/stories/${promoted.slug}/edit`);

      const pages = [
        '/admin/inbox', '/admin/inbox?page=2', '/admin/inbox?starred=1', `/admin/inbox?source=${sourceIds[0]}`, ...leads.map((id) => `/admin/inbox/items/${id}`),
        `/admin/stories/${promoted.slug}/edit`, '/admin/inbox/rules', '/admin/inbox/sources', '/admin/activity',
      ];
      for (const path of pages) await open(path);
    } finally {
      await context.close();
      await server.close();
    }
    expect(effects).toEqual([]);
  });
});
