import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, destroyTestApp, TEST_SITE_URL, visibleText } from '../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase } from '../../test/support/databases.js';
import type { App } from '../app.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import type { Database } from '../db/database.js';
import { fixedClock } from '../lib/clock.js';

// The reading pages in German and Chinese: their UI (headings, labels, notes, dates and figures)
// in the page's language, links kept in it, and none of the English UI strings left. Content
// (titles, bodies) is the demo's English until translated, so only UI is checked here.

/** English UI strings of the reading pages that must not appear on a German or Chinese page. */
const ENGLISH_UI = [
  'Latest issue', 'From the archive', 'Published ', 'In this issue', 'Members can find the full version', 'Every issue so far',
  'Sources:', 'Source:', 'Survey report', 'Key findings', 'Share of surveyed companies', 'Published by', 'Survey period',
  ': 336 respondents', 'is for members', 'Members find', 'Topics', 'Sectors', 'Upcoming events', 'Past events', 'Subscribe to the calendar',
  'All cities', 'All sectors', 'Show events', 'Add to your calendar', 'download .ics', 'All events', 'Call for', 'Proposals are welcome',
  'Send a proposal', 'Register by', 'Cohort starts', 'Duration', 'Questions', 'months', 'Location', 'Organiser', 'Our event', 'Event website',
  'China time', 'January', 'February', 'March', 'December', 'respondents',
];

describe('the reading pages in German and Chinese', () => {
  let db: Database;
  let app: App;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    // Before the X-Days call closes, so the event page shows the call (fixed, so the dates never expire).
    const clock = fixedClock('2023-10-01T00:00:00Z');
    await importContent(db, DEMO_DIR, { clock });
    app = await createTestApp(db, { clock });
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestDatabase(db);
  });

  const page = async (url: string) => {
    const response = await app.http.inject({ url });
    expect(response.statusCode, url).toBe(200);
    return { html: response.body, text: visibleText(response.body) };
  };
  /** The page's own part: main, without the shell (whose translation layout.test covers). */
  const main = (html: string) => visibleText(/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '');
  /** The UI text of main: bodies written by editors (prose) left out, they are content. */
  const ui = (html: string) => main(html.replace(/<div class="prose[^"]*">[\s\S]*?<\/div>/g, ' '));
  const englishIn = (text: string) => ENGLISH_UI.filter((phrase) => text.includes(phrase));

  const expectations: Record<string, Record<'de' | 'zh', string[]>> = {
    '/issues': {
      de: ['Archiv', 'Alle bisherigen Ausgaben, die neueste zuerst.', '29. April 2024', '17. April 2023'],
      zh: ['往期', '迄今为止的全部期刊，最新的在前。', '2024年4月29日', '2023年4月17日'],
    },
    '/issues/2024-spring': {
      de: ['Aktuelle Ausgabe', 'Erschienen am 29. April 2024', 'In dieser Ausgabe', 'Umfragebericht', 'Wichtigste Ergebnisse', '55 % vs. 34 % (+21 Pp.)', 'Befragungszeitraum 19. Februar – 13. März 2024', 'Die vollständige Meldung ist Mitgliedern vorbehalten'],
      zh: ['最新一期', '发布于 2024年4月29日', '本期内容', '调查报告', '主要发现', '55% 对比 34%（+21个百分点）', '调查时间 2024年2月19日至3月13日', '全文 仅供会员阅读'],
    },
    '/issues/2023-winter': {
      de: ['4.–6. März 2024', '7.–10. März 2024', 'Quellen: ', 'Aufschlussreiche Zahlen', '12. Dezember 2023'],
      zh: ['2024年3月4日至6日', '2024年3月7日至10日', '来源：', '数据洞察', '2023年12月12日'],
    },
    '/stories/byd-tripled-sales-2022': {
      de: ['In ', 'Themen'],
      zh: ['刊于', '主题'],
    },
    '/events': {
      de: ['Veranstaltungen', 'Kommende Veranstaltungen', 'Kalender abonnieren', 'Alle Städte', 'Veranstaltungen anzeigen', '4.–6. März 2024', '24.–25. November 2023'],
      zh: ['活动', '即将举行的活动', '订阅日历', '全部城市', '显示活动', '2024年3月4日至6日', '2023年11月24日至25日'],
    },
    '/events/xceleration-days-2023': {
      de: ['Veranstaltung', '8.–11. November 2023', 'In Ihren Kalender übernehmen', '.ics herunterladen', 'Aufruf für', 'Vorschlag einreichen', 'Alle Veranstaltungen'],
      zh: ['活动', '2023年11月8日至11日', '添加到日历', '下载 .ics 文件', '征集', '提交提案', '全部活动'],
    },
    '/programs/ahk-innovators-club': {
      de: ['Programm', 'Anmeldung bis 31. Dezember 2023', 'Dauer 6 Monate', 'Rollen Mentor, Mentee', 'Fragen'],
      zh: ['项目', '报名截止 2023年12月31日', '时长 6个月', '角色 导师、学员', '咨询'],
    },
  };

  for (const language of ['de', 'zh'] as const) {
    it(`shows the archive, issues, a story, the events, an event and the program with ${language === 'de' ? 'German' : 'Chinese'} UI and no English UI`, async () => {
      for (const [path, wanted] of Object.entries(expectations)) {
        const { html } = await page(`/${language}${path}`);
        const text = main(html);
        expect(wanted[language].filter((phrase) => !text.includes(phrase)), `missing on /${language}${path}`).toEqual([]);
        expect(englishIn(ui(html)), `English UI on /${language}${path}`).toEqual([]);
        // Same-site links stay in the language (assets and mailto aside).
        const links = [...(/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '').matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1]!);
        expect(links.filter((href) => !href.startsWith(`/${language}/`)), `links leaving /${language} on ${path}`).toEqual([]);
      }
    });
  }

  it('says in the page’s language until when members register', async () => {
    const texts = async (url: string) => visibleText(/<section class="event-registration"[\s\S]*?<\/section>/.exec((await page(url)).html)?.[0] ?? '');
    expect(await texts('/de/events/xceleration-days-2023')).toBe(
      'Anmeldung Mitarbeitende unserer Mitgliedsunternehmen können sich registrieren; Anmeldeschluss: 8. November 2023, zu Beginn der Veranstaltung. Melden Sie sich an , um sich zu registrieren.',
    );
    expect(await texts('/zh/events/xceleration-days-2023')).toBe('报名 会员企业的员工可在2023年11月8日（活动开始时）前报名。请 登录 后报名。');
    expect(await texts('/events/xceleration-days-2023')).toBe('Registration Members of our member companies can register until 8 November 2023, when the event starts. Sign in to register.');
  });

  it('keeps the English pages English, dates from format.ts', async () => {
    const events = main((await page('/events')).html);
    expect(events).toContain('Upcoming events');
    expect(events).toContain('4–6 March 2024');
    const xdays = main((await page('/events/xceleration-days-2023')).html);
    expect(xdays).toContain('Add to your calendar: download .ics (Apple Calendar, Outlook) · Google Calendar');
    expect(xdays).toContain('Call for');
  });

  it('serves the feed of each language with its own links and words', async () => {
    const feed = (await app.http.inject({ url: '/de/feed.xml' })).body;
    expect(feed).toContain('xml:lang="de"');
    expect(feed).toContain('<subtitle>Die öffentliche Web-Ausgabe: die Anreißer jeder Ausgabe.</subtitle>');
    expect(feed).toContain(`href="${TEST_SITE_URL}/de/issues/2024-spring"`);
  });
});
