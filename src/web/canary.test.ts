import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { createTestApp, csrfTokenIn, decodeHtml, visibleText } from '../../test/support/app.js';
import { formBody } from '../../test/support/desk.js';
import { createContact, signInMember } from '../../test/support/people.js';
import type { App } from '../app.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { compileEdition } from '../delivery/render/edition.js';
import { clickToken } from '../engagement/engagement.js';
import { trackingKey } from '../engagement/engagement.service.js';
import { importContent } from '../content-folder/import.service.js';
import { getPublicIssue } from '../issues/issues.service.js';
import { fixedClock } from '../lib/clock.js';
import { Invalid, formatProblem } from '../lib/errors.js';
import { pathIn } from './locale.js';
import { routeUrls } from './register-public.js';
import { PUBLIC_ROUTES } from './route-table.js';

// THE ONE INVARIANT: members-only text never leaves through a public surface. Every body kind
// gets a members-only part holding a unique marker; then every public page reachable from /,
// plus the feed, the sitemap and everything it lists, is fetched: the marker never appears,
// and the public teasers do.

const CANARY = `CANARY-${randomBytes(6).toString('hex')}`;
const TEASER = 'Public teaser of the canary story';

const files: Record<string, string> = {
  'stories/canary-story.md': `---\ntitle: Canary story\nkind: news\ntopics:\n  - technology-trends\norganizations:\n  - Canary Org\n  - Canary Innovator\n---\n${TEASER}.\n\n<!-- members-only -->\nSecret analysis ${CANARY} in the story.\n`,
  // An innovator in the directory whose members-only part and contact person hold the canary: neither may appear on any public page.
  'innovators/canary-innovator.md': `---\nname: Canary Innovator\ncountry: CN\nkind: startup\ncity: Shenzhen\nsectors:\n  - automotive\ntechnologies:\n  - Canary tech\ncontacts:\n  - name: Contact ${CANARY}\n    role: Head of ${CANARY}\n    email: ${CANARY}@example.com\n    language: zh\n    source: the canary test\n---\nA public innovator profile.\n\n<!-- members-only -->\nInnovator notes ${CANARY}.\n`,
  'stories/canary-interview.md': `---\ntitle: Canary interview\nkind: interview\n---\nAn interview teaser.\n<!-- members-only -->\n**${CANARY}** said the interviewee.\n`,
  // Online with a link, places and an open call (the test clock is 2026-11-28): the event page,
  // its .ics, the feed and the call form are all public and must never show the link.
  'events/canary-event.md': `---\ntitle: Canary event\nstarts: 2027-03-04T09:30\nends: 2027-03-04T17:00\ntime_zone: Asia/Shanghai\ncity: Shanghai\norganiser: own\nonline: true\nonline_url: https://meet.example/${CANARY}\ncapacity: 5\ncall_for:\n  - speaker\ncall_closes: 2027-03-01T18:00\n---\nAn event teaser.\n<!-- members-only -->\nDoor code ${CANARY}.\n`,
  // Translations with members-only parts of their own: the German and Chinese pages must not show them either.
  'stories/canary-story.de.md': `---\ntitle: Kanarien-Beitrag\n---\nÖffentlicher Anriss des Kanarien-Beitrags.\n\n<!-- members-only -->\nGeheime Analyse ${CANARY} im Beitrag.\n`,
  'stories/canary-story.zh.md': `---\ntitle: 金丝雀文章\n---\n金丝雀文章的公开摘要。\n\n<!-- members-only -->\n文章中的秘密分析 ${CANARY}。\n`,
  'issues/2026-fall.zh.md': `---\ntitle: 2026年秋季刊\n---\n金丝雀期刊的公开导语。\n\n<!-- members-only -->\n会员导语 ${CANARY}。\n`,
  'programs/canary-program.md': `---\ntitle: Canary program\nroles:\n  - participant\n---\nA program teaser.\n<!-- members-only -->\nInternal notes ${CANARY}.\n`,
  'reports/canary-report.md': `---\ntitle: Canary report\nsegments:\n  - key: all\n    name: all respondents\n    respondents: 10\nfindings:\n  - title: A finding\n    statement: agree\n    segment: all\n    count: 7\n---\nA report teaser.\n<!-- members-only -->\nFull tables ${CANARY}.\n`,
  // A report computed from responses with a members-only finding: its title, statement and figures never appear publicly.
  'reports/canary-survey.md': `---\ntitle: Canary survey\nsegments:\n  - key: all\n    name: all members\n  - key: it\n    name: IT companies\nsegment_columns: [industry]\nquestions:\n  - key: ai\n    text: Do you use AI?\n    kind: single\n    answers:\n      - code: 'yes'\n        text: 'Yes'\n      - code: 'no'\n        text: 'No'\nfindings:\n  - title: Public survey finding\n    statement: use AI\n    segment: {column: industry, value: it}\n    question: ai\n    answers: ['yes']\n  - title: Members finding ${CANARY}\n    statement: do not use AI ${CANARY}\n    segment: {column: industry, value: it}\n    question: ai\n    answers: ['no']\n    members_only: true\n---\nSurvey teaser.\n`,
  'reports/canary-survey.responses.csv': `respondent,industry,ai\n${Array.from({ length: 40 }, (_, i) => `m${i},${i < 20 ? 'it' : 'trade'},${i % 4 === 0 ? 'no' : 'yes'}`).join('\n')}\n`,
  'issues/2026-fall.md': `---\ntitle: 2026 Fall Issue\nseason: fall\nyear: 2026\nstatus: published\npublished_at: 2026-10-01T08:00:00Z\nsections:\n  - kind: landscape\n    heading: Landscape\n    items:\n      - label: Story 1\n        story: canary-story\n  - kind: spotlight\n    heading: Spotlight\n    items:\n      - story: canary-interview\n  - kind: upcoming_events\n    heading: Upcoming\n    items:\n      - event: canary-event\n  - kind: programs\n    heading: Programs\n    items:\n      - program: canary-program\n  - kind: report\n    heading: Report\n    items:\n      - report: canary-report\n      - report: canary-survey\n---\nThe canary issue intro.\n\n<!-- members-only -->\nIntro for members ${CANARY}.\n`,
  // An issue of the requests' quarter (the clock's, 2026 Q4) with an Innovation platform section: it shows
  // the quarter's figures, never the requests' members, companies, messages or the innovator's contact.
  'issues/2026-winter.md': `---\ntitle: 2026 Winter Issue\nseason: winter\nyear: 2026\nstatus: published\npublished_at: 2026-11-20T08:00:00Z\nsections:\n  - kind: innovation_platform\n    heading: Canary platform\n---\nThe canary winter intro.\n\n<!-- members-only -->\nWinter intro for members ${CANARY}.\n`,
};

/** Members who ask for an introduction to the canary innovator: their addresses, companies and messages hold the canary. */
const REQUESTERS = ['a', 'b', 'c'].map((letter) => ({ email: `${letter}-${CANARY.toLowerCase()}@member.example`, company: `Member ${letter} ${CANARY} GmbH`, message: `Request ${letter} ${CANARY}: a partnership.` }));

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'insights-canary-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(folder, path, '..'), { recursive: true });
    await writeFile(join(folder, path), text);
  }
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Same-origin links of a page: href and src attributes that are paths on this site. */
function linksOf(body: string, siteUrl: string): string[] {
  const links: string[] = [];
  for (const match of body.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    let url = decodeHtml(match[1]!);
    if (url.startsWith(siteUrl)) url = url.slice(siteUrl.length) || '/';
    if (!url.startsWith('/') || url.startsWith('//')) continue;
    links.push(url.split('#')[0]!);
  }
  // JSON Feed: its items' and pages' addresses.
  for (const match of body.matchAll(/"(?:url|next_url|feed_url|home_page_url)": "([^"]+)"/g)) {
    const url = match[1]!;
    if (url.startsWith(siteUrl)) links.push(url.slice(siteUrl.length) || '/');
  }
  for (const match of body.matchAll(/<loc>([^<]+)<\/loc>/g)) {
    const url = decodeHtml(match[1]!);
    if (url.startsWith(siteUrl)) links.push(url.slice(siteUrl.length) || '/');
  }
  return links;
}

const NEAR_MISSES = [
  '<!--members-only-->',
  '<!-- Members-Only -->',
  '<!--  members-only  -->',
  '<!-- members-only --> and more',
  '- <!-- members-only -->',
  '> <!-- members-only -->',
  '\u200b<!-- members-only -->',
  '<!-- members\u00a0only -->',
  '<!-- members_only -->',
];

forEachDialect('members-only canary', ({ db }) => {
  it('refuses a body whose members-only line is mistyped, instead of publishing everything', async () => {
    for (const variant of NEAR_MISSES) {
      const dir = await mkdtemp(join(tmpdir(), 'insights-near-miss-'));
      try {
        await mkdir(join(dir, 'stories'));
        await writeFile(join(dir, 'stories', 'leaky.md'), `---\ntitle: Leaky\nkind: news\n---\nTeaser.\n${variant}\nSecret ${CANARY}.\n`);
        const error = await importContent(db(), dir, { clock: fixedClock('2026-11-28T12:00:00Z') }).catch((e: unknown) => e);
        expect(error, JSON.stringify(variant)).toBeInstanceOf(Invalid);
        expect((error as Invalid).problems.map(formatProblem), JSON.stringify(variant)).toEqual([
          expect.stringMatching(/^stories\/leaky\.md:6: looks like a members-only line but is not exactly/),
        ]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  });

  let app: App;
  beforeAll(async () => {
    const clock = fixedClock('2026-11-28T12:00:00Z');
    await importContent(db(), DEMO_DIR, { clock });
    await importContent(db(), folder, { clock });
    app = await createTestApp(db(), { clock });
    for (const requester of REQUESTERS) {
      await createContact(db(), requester.email, { name: requester.company, membership: 'active' });
      const cookie = await signInMember(app, requester.email);
      const form = await app.http.inject({ url: '/innovators/canary-innovator/introduction', headers: { cookie } });
      const asked = await app.http.inject({
        method: 'POST', url: '/innovators/canary-innovator/introduction', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: csrfTokenIn(form.body), purpose: 'partnership', message: requester.message, consent: '1' }),
      });
      if (asked.statusCode !== 303) throw new Error(`introduction request not taken: ${asked.statusCode}`);
    }
  });

  it('never shows members-only text on any public surface, and shows the teasers', async () => {
    const siteUrl = 'http://insights.test';
    const queue = ['/', '/de', '/zh', '/feed.xml', '/feed.json', '/de/feed.json', '/zh/feed.json', '/zh/feed.xml', '/sitemap.xml', '/robots.txt', '/issues/no-such-issue', '/de/stories/no-such-story'];
    // Public searches for the canary words (the marker, its random part, the words around it in
    // each language): the public searches public text only, so none finds a thing. The marker is
    // searched as its two words ("canary <hex>", the same tokens): the page repeats the query, and
    // only a leak would put the marker itself on the page.
    const hex = CANARY.slice('CANARY-'.length);
    const canarySearches = [`canary ${hex}`, hex, `${hex.slice(0, 5)}`, `door code ${hex}`, 'Geheime Analyse', '秘密分析', `internal notes ${hex}`, 'full tables'];
    for (const language of ['en', 'de', 'zh'] as const) for (const q of canarySearches) queue.push(pathIn(language, `/search?q=${encodeURIComponent(q)}`));
    queue.push('/search?q=canary');
    const seen = new Set<string>();
    const bodies = new Map<string, string>();
    const visit = async (url: string) => {
      seen.add(url);
      const response = await app.http.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeLessThan(500);
      const body = response.body;
      expect(body.includes(CANARY), `members-only text leaked on ${url}`).toBe(false);
      // The introduction requesters' addresses hold the canary in lower case.
      expect(body.toLowerCase().includes(CANARY.toLowerCase()), `a requester's address or company on ${url}`).toBe(false);
      expect(JSON.stringify(response.headers).includes(CANARY), `leaked in headers of ${url}`).toBe(false);
      // The online link (which holds the canary too) is for confirmed registrants only.
      expect(body.replace(/\r\n[ \t]/g, '').includes('meet.example'), `online link on ${url}`).toBe(false);
      bodies.set(url, body);
      return body;
    };
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      const body = await visit(url);
      for (const link of linksOf(body, siteUrl)) if (!seen.has(link)) queue.push(link);
    }
    // Every GET of the public route table is a public surface without a session: those no link
    // reached (personal pages signed out, one-time links) are fetched at an address built from
    // the canary content, with made-up tokens, and checked the same way.
    for (const route of PUBLIC_ROUTES.filter((r) => r.method === 'GET')) for (const { url: localised } of routeUrls(route)) {
      const pattern = new RegExp(`^${localised.replace(/:\w+/g, '[^/?]+')}(\\?|$)`);
      if ([...seen].some((url) => pattern.test(url))) continue;
      const slug = route.url.startsWith('/topics/') ? 'technology-trends' : route.url.startsWith('/organizations/') ? 'canary-org' : route.url.startsWith('/innovators/') ? 'canary-innovator' : route.url.startsWith('/programs/') ? 'canary-program' : route.url.startsWith('/stories/') ? 'canary-story' : route.url.startsWith('/issues/') ? '2026-fall' : 'canary-event';
      const url = localised.replace(/:(\w+)/g, (_match, name: string) => (name === 'slug' ? slug : name === 'role' ? 'participant' : 'x'.repeat(43)));
      await visit(url);
      expect(pattern.test(url), `${localised} → ${url}`).toBe(true);
    }
    // The click redirect's pages (engagement): a made-up token is a 404 (above); a valid token
    // whose link is gone is a 410 linking to the issues, in every language; checked the same way.
    const key = await trackingKey(db(), undefined, fixedClock('2026-11-28T12:00:00Z'));
    for (const language of ['en', 'de', 'zh'] as const) {
      const url = pathIn(language, `/r/${clickToken(key, { deliveryId: 999_999, recipientId: 1, index: 0 })}`);
      await visit(url);
      expect((await app.http.inject({ url })).statusCode, url).toBe(410);
      expect(bodies.get(url)).toContain(`href="${pathIn(language, '/issues')}"`);
    }
    // The crawl reached every kind of public page, in every language.
    for (const language of ['en', 'de', 'zh'] as const) {
      for (const url of [
        '/issues', '/issues/2026-fall', '/stories/canary-story', '/stories/canary-interview', '/events',
        '/events/canary-event', '/programs/canary-program', '/login', '/subscribe',
        '/events.ics', '/events/canary-event/calendar.ics', '/events/canary-event/call', '/contact', '/feed.xml', '/feed.json',
        '/topics/technology-trends', '/topics/technology-trends/feed.xml', '/topics/technology-trends/feed.json',
        '/organizations/canary-org', '/organizations/canary-org/feed.xml', '/organizations/canary-org/feed.json',
        '/innovators', '/innovators/canary-innovator', '/issues/2026-winter',
      ]) {
        expect(seen.has(pathIn(language, url)), `crawl did not reach ${pathIn(language, url)}`).toBe(true);
      }
    }
    expect(seen.size).toBeGreaterThan(120);
    // The teasers are public.
    expect(bodies.get('/issues/2026-fall')).toContain(TEASER);
    // The public finding of the survey report is public, with its chart; the members-only one is not (checked above).
    expect(bodies.get('/issues/2026-fall')).toContain('Public survey finding');
    expect(bodies.get('/issues/2026-fall')).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(bodies.get('/stories/canary-story')).toContain(TEASER);
    // The translations are what the German and Chinese readers get, teasers only.
    expect(bodies.get('/de/stories/canary-story')).toContain('Öffentlicher Anriss des Kanarien-Beitrags.');
    expect(bodies.get('/zh/stories/canary-story')).toContain('金丝雀文章的公开摘要。');
    expect(bodies.get('/zh/issues/2026-fall')).toContain('2026年秋季刊');
    expect(bodies.get('/zh/issues/2026-fall')).toContain('金丝雀文章');
    expect(bodies.get('/feed.xml')).toContain('The canary issue intro.');
    expect(bodies.get('/feed.json')).toContain('The canary issue intro.');
    // A topic's page and feeds carry the story's public teaser, never its members-only part.
    expect(bodies.get('/topics/technology-trends')).toContain('Canary story');
    expect(bodies.get('/topics/technology-trends/feed.xml')).toContain(TEASER);
    expect(bodies.get('/topics/technology-trends/feed.json')).toContain(TEASER);
    expect(bodies.get('/de/topics/technology-trends/feed.json')).toContain('Öffentlicher Anriss des Kanarien-Beitrags.');
    // The feeds in Chinese carry the translation's public intro (never its members-only part).
    expect(bodies.get('/zh/feed.json')).toContain('金丝雀期刊的公开导语。');
    expect(bodies.get('/zh/feed.xml')).toContain('金丝雀期刊的公开导语。');
    expect(bodies.get('/events/canary-event')).toContain('An event teaser.');
    // The new surfaces were really served: the call form is open, the calendars hold the event.
    expect(bodies.get('/events/canary-event/call')).toContain('name="title"');
    expect(bodies.get('/events/canary-event/calendar.ics')).toContain('SUMMARY:Canary event');
    expect(bodies.get('/events.ics')).toContain('SUMMARY:Canary event');
    expect(bodies.get('/contact')).toContain('name="message"');
    // The introduction request page of the canary innovator was served (signed out: the sign-in invitation), in every language.
    for (const language of ['en', 'de', 'zh'] as const) expect(seen.has(pathIn(language, '/innovators/canary-innovator/introduction')), language).toBe(true);
    expect(bodies.get('/innovators/canary-innovator/introduction')).toContain('Sign in to ask for one.');
    // The Innovation platform section shows the quarter's figures (the three canary requests), in every language, and nothing of a request.
    for (const [language, requested] of [['en', 'Introductions requested 3'], ['de', 'Angefragte Vorstellungen 3'], ['zh', '申请的引荐 3']] as const) {
      const text = visibleText(bodies.get(pathIn(language, '/issues/2026-winter'))!);
      expect(text).toContain(requested);
      expect(text).toMatch(/(Sectors|Branchen|行业)[:：] ?Automotive \(3\)/);
    }
    // Search: a canary word finds nothing for the public; the public teasers are found.
    for (const q of [`canary ${hex}`, hex, 'Geheime Analyse', '秘密分析']) expect(bodies.get(`/search?q=${encodeURIComponent(q)}`), q).toMatch(/No results for/);
    expect(bodies.get('/search?q=canary')).toContain('href="/stories/canary-story"');
    // A crawl of every public page in three languages: ~30 s alone on SQLite, up to a minute on PGlite beside other files.
  }, 180_000);

  it('keeps the Innovation platform section of the teaser email free of members-only text and contact data', async () => {
    const clock = fixedClock('2026-11-28T12:00:00Z');
    const loaded = await getPublicIssue(db(), '2026-winter', clock.now());
    const site = { name: 'Innovation Insights', url: 'http://insights.test' };
    for (const language of ['en', 'de', 'zh'] as const) {
      const compiled = await compileEdition(loaded, 'teaser', site, language);
      for (const part of [compiled.html, compiled.text]) {
        expect(part.includes(CANARY), `members-only text or contact data in the ${language} teaser`).toBe(false);
        expect(part.toLowerCase().includes(CANARY.toLowerCase()), `a requester's address in the ${language} teaser`).toBe(false);
        expect(part).toContain(`http://insights.test${pathIn(language, '/innovators')}`);
      }
      expect(compiled.text).toContain({ en: '- Introductions requested: 3', de: '- Angefragte Vorstellungen: 3', zh: '- 申请的引荐: 3' }[language]);
    }
  });

  // THE ONE EXCEPTION (docs/feeds.md, "Private feed"): the member's full-text feed is opened by its
  // token alone. Without the current token nothing members-only is served, whoever asks.
  it('serves the private feed\'s members-only text for its current token only: not for a wrong, made-up or rotated one', async () => {
    await createContact(db(), 'canary-reader@member.example', { name: 'Canary Member GmbH', membership: 'active' });
    const member = await signInMember(app, 'canary-reader@member.example');
    const makeLink = async () => {
      const account = await app.http.inject({ url: '/account', headers: { cookie: member } });
      const made = await app.http.inject({ method: 'POST', url: '/account/private-feed', headers: { cookie: member }, payload: { _csrf: csrfTokenIn(account.body) } });
      expect(made.statusCode).toBe(200);
      return decodeHtml(/id="private-feed-url"[^>]*value="([^"]+)"/.exec(made.body)![1]!).slice('http://insights.test'.length);
    };
    const first = await makeLink();
    const opened = await app.http.inject({ url: first });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain(CANARY);
    const current = await makeLink();
    const token = /\/feeds\/private\/([^/]+)\.xml$/.exec(current)![1]!;
    const wrong = [
      first, // rotated: stopped at once
      `/feeds/private/${'x'.repeat(43)}.xml`,
      `/feeds/private/${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}.xml`,
      `/de/feeds/private/${token.slice(1)}.xml`,
      `/feeds/private/${token}.json`,
      `/feeds/private/${encodeURIComponent(`${token}' OR '1'='1`)}.xml`,
    ];
    for (const url of wrong) for (const cookie of [undefined, member]) {
      // A member's session opens nothing here either: only the token does.
      const response = await app.http.inject({ url, headers: cookie ? { cookie } : {} });
      expect(response.statusCode, url).toBe(404);
      expect(response.body.includes(CANARY), `members-only text for ${url}`).toBe(false);
      expect(JSON.stringify(response.headers).includes(CANARY)).toBe(false);
    }
    for (const url of [current, current.replace('/feeds/', '/zh/feeds/')]) {
      const response = await app.http.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain(CANARY);
      expect(response.headers['cache-control']).toBe('private, no-store');
    }
  });
});
