import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase } from '../../../test/support/databases.js';
import { importContent } from '../../content-folder/import.service.js';
import type { Database } from '../../db/database.js';
import { listAllIssues, loadIssue } from '../../issues/issues.service.js';
import { translateIssue } from '../../issues/issue-translation.service.js';
import { LANGUAGES, type Language } from '../../i18n/languages.js';
import { translator } from '../../i18n/messages.js';
import { fixedClock } from '../../lib/clock.js';
import { compileEdition } from './edition.js';
import { prepareEdition } from './placeholders.js';

// THE ONE INVARIANT for email, in every language: the teaser edition never holds members-only
// text. Every body kind (intro, story, event, program, report) gets a members-only canary, and
// the story and the intro a German and a Chinese translation with a canary of their own; the
// teaser edition's HTML and text parts never show any, in any language, the full edition's do.
// The chrome is in the edition's language and its links go to that language's version.
// Per-recipient values are escaped.

const CANARY = `EDITION-CANARY-${randomBytes(6).toString('hex')}`;
const files: Record<string, string> = {
  'stories/s.md': `---\ntitle: Canary story\nkind: news\n---\nStory teaser.\n\n<!-- members-only -->\nStory secret ${CANARY}.\n`,
  'stories/i.md': `---\ntitle: Canary interview\nkind: interview\n---\nInterview teaser with ![a chart of exports](https://example.org/chart.png).\n<!-- members-only -->\n**${CANARY}** said the interviewee.\n`,
  'events/e.md': `---\ntitle: Canary event\nstarts: 2027-03-04T09:30\nends: 2027-03-04T17:00\ntime_zone: Asia/Shanghai\ncity: Shanghai\norganiser: own\n---\nEvent teaser.\n<!-- members-only -->\nDoor code ${CANARY}.\n`,
  'programs/p.md': `---\ntitle: Canary program\nroles:\n  - participant\n---\nProgram teaser.\n<!-- members-only -->\nNotes ${CANARY}.\n`,
  'reports/r.md': `---\ntitle: Canary report\nsegments:\n  - key: all\n    name: all respondents\n    respondents: 10\nfindings:\n  - title: A finding\n    statement: agree\n    segment: all\n    count: 7\n---\nReport teaser.\n<!-- members-only -->\nTables ${CANARY}.\n`,
  'stories/s.de.md': `---\ntitle: Kanarien-Geschichte\n---\nAnreißer der Geschichte.\n\n<!-- members-only -->\nGeheime Analyse ${CANARY}-de.\n`,
  'stories/s.zh.md': `---\ntitle: 金丝雀故事\n---\n故事摘要。\n\n<!-- members-only -->\n会员分析 ${CANARY}-zh。\n`,
  'issues/2026-fall.zh.md': `---\ntitle: 2026年秋季刊\n---\n写给所有人的导语。\n\n<!-- members-only -->\n写给会员的导语 ${CANARY}-zh。\n`,
  // A report computed from responses: a public finding and a members-only one whose title is a canary.
  'reports/q.md': `---\ntitle: Canary survey\nsegments:\n  - key: all\n    name: all members\n  - key: it\n    name: IT companies\nsegment_columns: [industry]\nquestions:\n  - key: ai\n    text: Do you use AI?\n    kind: single\n    answers:\n      - code: 'yes'\n        text: 'Yes'\n      - code: 'no'\n        text: 'No'\nfindings:\n  - title: Public survey finding\n    statement: use AI\n    segment: {column: industry, value: it}\n    question: ai\n    answers: ['yes']\n  - title: Finding ${CANARY}\n    statement: use AI secretly\n    segment: {column: industry, value: it}\n    question: ai\n    answers: ['no']\n    members_only: true\n---\nSurvey teaser.\n`,
  'reports/q.responses.csv': `respondent,industry,ai\n${Array.from({ length: 40 }, (_, i) => `m${i},${i < 20 ? 'it' : 'trade'},${i % 4 === 0 ? 'no' : 'yes'}`).join('\n')}\n`,
  'issues/2026-fall.md': `---\ntitle: 2026 Fall Issue\nseason: fall\nyear: 2026\nstatus: published\npublished_at: 2026-10-01T08:00:00Z\nsections:\n  - kind: landscape\n    heading: Landscape\n    items:\n      - story: s\n  - kind: spotlight\n    heading: Spotlight\n    items:\n      - story: i\n  - kind: upcoming_events\n    heading: Upcoming\n    items:\n      - event: e\n  - kind: programs\n    heading: Programs\n    items:\n      - program: p\n  - kind: report\n    heading: Report\n    items:\n      - report: r\n      - report: q\n---\nIntro for all \uE000greeting\uE001.\n\n<!-- members-only -->\nIntro for members ${CANARY}.\n`,
};

describe('editions', () => {
  let db: Database;
  let folder: string;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    folder = await mkdtemp(join(tmpdir(), 'insights-edition-'));
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(folder, path, '..'), { recursive: true });
      await writeFile(join(folder, path), text);
    }
    await importContent(db, folder, { clock: fixedClock('2026-11-01T00:00:00Z') });
  }, 60_000);
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await destroyTestDatabase(db);
  });

  const compile = async (edition: 'full' | 'teaser', language: Language = 'en') => {
    const [issue] = await listAllIssues(db);
    const loaded = (await translateIssue(db, await loadIssue(db, issue!), language)).loaded;
    return compileEdition(loaded, edition, { name: 'Innovation Insights', url: 'https://insights.example.org' }, language);
  };
  const values = { greeting: 'Hello <b>Ann</b> & "Co",', unsubscribe_url: 'https://insights.example.org/unsubscribe/1-2-abc', preferences_url: 'https://insights.example.org/account', web_url: 'https://insights.example.org/issues/2026-fall' };

  it('the teaser edition never holds members-only text, in either part; the full edition holds all of it', async () => {
    const teaser = prepareEdition(await compile('teaser')).personalise(values);
    const full = prepareEdition(await compile('full')).personalise(values);
    for (const part of [teaser.html, teaser.text]) {
      expect(part).not.toContain(CANARY);
      expect(part).toContain('Story teaser');
      expect(part).toContain('Members get the full version');
    }
    expect(full.html.split(CANARY).length - 1).toBeGreaterThanOrEqual(6);
    expect(full.text.split(CANARY).length - 1).toBeGreaterThanOrEqual(6);
    expect(full.html).not.toContain('Members get the full version');
  });

  it.each(LANGUAGES)('in %s too: the teaser holds no members-only text of any language, the chrome is translated, the links stay in the language', async (language) => {
    const t = translator(language);
    const teaserTemplate = await compile('teaser', language);
    const fullTemplate = await compile('full', language);
    const teaser = prepareEdition(teaserTemplate).personalise(values);
    const full = prepareEdition(fullTemplate).personalise(values);
    for (const part of [teaser.html, teaser.text]) {
      expect(part).not.toContain(CANARY);
      expect(part).toContain(t('email.edition.membersGetFull'));
    }
    expect(full.html).not.toContain(t('email.edition.membersGetFull'));
    expect(full.html.split(CANARY).length - 1).toBeGreaterThanOrEqual(6);
    expect(full.text.split(CANARY).length - 1).toBeGreaterThanOrEqual(6);
    const lang = language === 'zh' ? 'zh-Hans' : language;
    expect(teaser.html).toContain(`<html lang="${lang}"`);
    expect(teaser.html).toContain(`>${t('email.edition.viewInBrowser')}</a>`);
    expect(teaser.text).toContain(`${t('email.edition.unsubscribe')}: https://insights.example.org/unsubscribe/1-2-abc`);
    const prefix = language === 'en' ? '' : `/${language}`;
    expect(teaser.html).toContain(`href="https://insights.example.org${prefix}/stories/s"`);
    expect(teaser.html).toContain(`href="https://insights.example.org${prefix}/login"`);
    expect(teaser.text).toContain(`https://insights.example.org${prefix}/login`);
    if (language !== 'en') {
      expect(teaser.html).not.toContain('>View in your browser<');
      expect(full.html).toContain(`${CANARY}-${language}`);
      expect(fullTemplate.subject).toBe(t('email.edition.membersSubject', { title: language === 'zh' ? '2026年秋季刊' : '2026 Fall Issue' }));
    }
    if (language === 'de') expect(teaser.html).toContain('Anreißer der Geschichte');
    if (language === 'zh') expect(teaser.text).toContain('故事摘要');
  });

  it('both editions show the reports’ findings; only the full one the members-only finding and the statistics line', async () => {
    const teaser = prepareEdition(await compile('teaser')).personalise(values);
    const full = prepareEdition(await compile('full')).personalise(values);
    // 15 of 20 IT companies, 30 of 40 members: 75% vs. 75% (±0 pp); the counts finding 7 of 10: 70%.
    for (const part of [teaser.html, teaser.text, full.html, full.text]) {
      expect(part).toContain('Key findings');
      expect(part).toContain('Public survey finding');
      expect(part).toContain('75% vs. 75% (±0 pp)');
      expect(part).toContain('IT companies, n = 20; all members, n = 40');
      expect(part).toContain('70%');
    }
    for (const part of [teaser.html, teaser.text]) {
      expect(part).not.toContain(CANARY);
      // The footnote line is the members'; the public chart's alt text says what its whiskers show, as on the web.
      expect(part).not.toContain('95% intervals:');
    }
    for (const part of [full.html, full.text]) {
      expect(part).toContain(`Finding ${CANARY}`);
      expect(part).toContain('25% vs. 25% (±0 pp)');
      expect(part).toContain('95% intervals: IT companies 53.1%–88.8%');
    }
  });

  it.each(LANGUAGES)('in %s, each finding’s chart is an attached PNG shown by cid; the teaser has none of the members-only finding', async (language) => {
    const [teaser, full] = [await compile('teaser', language), await compile('full', language)];
    const shown = (html: string) => [...html.matchAll(/<img src="cid:([^"]+)" alt="([^"]*)" width="480"/g)].map((m) => ({ cid: m[1]!, alt: m[2]! }));
    // Three findings for members (the counts report's, the public survey one, the members-only one); two for the public.
    expect(shown(full.html)).toHaveLength(3);
    expect(shown(teaser.html)).toHaveLength(2);
    for (const template of [teaser, full]) {
      // Every <img> has its PNG and every PNG its <img>; no chart leaves by a public URL.
      expect(template.images!.map((image) => image.cid)).toEqual(shown(template.html).map((image) => image.cid));
      expect(template.html).not.toMatch(/<img src="https?:[^>]+width="480"/);
      expect(template.html.match(/<img src="cid:/g)).toHaveLength(template.images!.length);
      for (const image of template.images!) expect(image.content.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    }
    const secret = shown(full.html).find((image) => image.alt.includes(CANARY))!;
    expect(secret).toBeDefined();
    const secretPng = full.images!.find((image) => image.cid === secret.cid)!.content;
    expect(teaser.images!.some((image) => image.content.equals(secretPng))).toBe(false);
    expect(teaser.images!.map((image) => image.cid)).not.toContain(secret.cid);
  });

  it('substitutes per-recipient values escaped in HTML, plain in text; content cannot forge a placeholder', async () => {
    const template = await compile('teaser');
    expect(template.html).not.toContain('\uE000greeting\uE001.');
    const { html, text } = prepareEdition(template).personalise(values);
    expect(html).toContain('Hello &lt;b&gt;Ann&lt;/b&gt; &amp; &quot;Co&quot;,');
    expect(html).not.toContain('<b>Ann</b>');
    expect(text).toContain('Hello <b>Ann</b> & "Co",');
    expect(html).toContain('href="https://insights.example.org/unsubscribe/1-2-abc"');
    expect(text).toContain('Unsubscribe: https://insights.example.org/unsubscribe/1-2-abc');
    expect(html.match(/Hello &lt;b&gt;Ann/g)).toHaveLength(1);
    expect(html).toContain('alt="a chart of exports"');
    expect(text).toContain('[a chart of exports]');
    expect(html).toMatch(/@media only screen and \(min-width:480px\)/);
    expect(html).not.toMatch(/fonts\.googleapis|<link /);
  });
});
