import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { fixedClock } from '../lib/clock.js';
import { Invalid, formatProblem } from '../lib/errors.js';
import { getStoryBySlug } from '../stories/stories.service.js';
import { getReportsByIds } from '../reports/reports.service.js';
import { listAllIssues, loadIssue } from '../issues/issues.service.js';
import { overlay, stateOf } from '../translations/overlay.js';
import { getAllTranslations, translationsFor } from '../translations/translations.service.js';
import { renderContentFiles } from './export.service.js';
import { importContent } from './import.service.js';

// Translation files `<slug>.<lang>.md` beside their originals: read all or nothing with the
// originals, each problem at file:line (unknown slug or language, a fact where only texts
// belong, a mistyped members-only line, more sections or findings than the original has), and
// written back by the export.

const clock = fixedClock('2026-11-28T12:00:00Z');
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'insights-translations-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function folderWith(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(scratch, name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await mkdir(dir, { recursive: true });
  return dir;
}

const ORIGINALS = {
  'stories/byd.md': '---\ntitle: BYD tripled its sales\nkind: news\nsources:\n  - outlet: Reuters\n    published_on: 2023-01-02\n---\nTeaser.\n\n<!-- members-only -->\nMembers part.\n',
  'events/fair.md': '---\ntitle: A fair\nstarts: 2024-03-04\nends: 2024-03-06\ntime_zone: Asia/Shanghai\nvenue: Fair complex\ncity: Guangzhou\norganiser: external\n---\nAbout the fair.\n',
  'programs/club.md': '---\ntitle: Innovators Club\nroles:\n  - mentor\n  - mentee\n---\nAbout the club.\n<!-- members-only -->\nFor members.\n',
  'reports/survey.md': '---\ntitle: A survey\nsegments:\n  - key: all\n    name: all industries\n    respondents: 336\n  - key: automotive\n    name: automotive industry\n    respondents: 64\nfindings:\n  - title: More R&D\n    statement: research in China\n    segment: automotive\n    count: 35\n---\nAbout the survey.\n',
  'issues/2024-spring.md': '---\ntitle: 2024 Spring Issue\nseason: spring\nyear: 2024\nstatus: published\npublished_at: 2024-04-29T08:00:00Z\nsections:\n  - kind: report\n    heading: Preview\n    items:\n      - report: survey\n  - kind: landscape\n    heading: Landscape\n    items:\n      - label: Story 1\n        story: byd\n---\nWelcome.\n\n<!-- members-only -->\nFor members.\n',
};

const TRANSLATIONS = {
  'stories/byd.de.md': '---\n# Demo translation\ntitle: BYD verdreifachte seinen Absatz\n---\nAnriss.\n\n<!-- members-only -->\nMitgliederteil.\n',
  'stories/byd.zh.md': '---\ntitle: 比亚迪销量增长两倍\n---\n摘要。\n',
  'events/fair.zh.md': '---\ntitle: 博览会\nvenue: 展馆\ncity: 广州\n---\n关于博览会。\n',
  'programs/club.de.md': '---\ntitle: Innovators Club\n---\nÜber den Club.\n\n<!-- members-only -->\nFür Mitglieder.\n',
  'reports/survey.de.md': '---\ntitle: Eine Umfrage\nsegments:\n  - key: automotive\n    name: Automobilindustrie\nfindings:\n  - title: Mehr F&E\n    statement: forschen in China\n---\nÜber die Umfrage.\n',
  'issues/2024-spring.de.md': '---\ntitle: Ausgabe Frühjahr 2024\nsections:\n  - heading: Vorschau\n  - heading: Landschaft\n    items:\n      - label: Beitrag 1\n---\nWillkommen.\n\n<!-- members-only -->\nFür Mitglieder.\n',
};

forEachDialect('content import: translations', ({ db }) => {
  it('imports translations beside their originals and shows each kind in its language', async () => {
    const summary = await importContent(db(), await folderWith('ok', { ...ORIGINALS, ...TRANSLATIONS }), { clock });
    expect(summary).toMatchObject({ files: 11, stories: 1, translations: 6 });
    const story = (await getStoryBySlug(db(), 'byd'))!;
    const de = (await translationsFor(db(), 'story', [story.id], 'de')).get(story.id);
    expect(de).toMatchObject({ text: { title: 'BYD verdreifachte seinen Absatz' }, body: { teaser: 'Anriss.', membersOnly: 'Mitgliederteil.' } });
    expect(stateOf('story', story, de)).toBe('current');
    const zh = overlay('story', story, 'zh', (await translationsFor(db(), 'story', [story.id], 'zh')).get(story.id));
    expect(zh.value).toMatchObject({ title: '比亚迪销量增长两倍', body: { teaser: '摘要。', membersOnly: 'Members part.' }, sources: story.sources });
    expect(zh.english).toEqual(['membersOnly']);

    const [issue] = await listAllIssues(db());
    const loaded = await loadIssue(db(), issue!);
    const issueDe = overlay('issue', loaded, 'de', (await translationsFor(db(), 'issue', [issue!.id], 'de')).get(issue!.id));
    expect(issueDe.value.issue.title).toBe('Ausgabe Frühjahr 2024');
    expect(issueDe.value.sections.map((s) => [s.heading, s.items.map((i) => i.label)])).toEqual([['Vorschau', [null]], ['Landschaft', ['Beitrag 1']]]);
    expect(issueDe.english).toEqual([]);
    const report = [...(await getReportsByIds(db(), [loaded.sections[0]!.items[0]!.target === 'report' ? loaded.sections[0]!.items[0]!.report.id : 0])).values()][0]!;
    const reportDe = overlay('report', report, 'de', (await translationsFor(db(), 'report', [report.id], 'de')).get(report.id));
    expect(reportDe.value.segments.map((s) => [s.key, s.name, s.respondents])).toEqual([['all', 'all industries', 336], ['automotive', 'Automobilindustrie', 64]]);
    expect(reportDe.english).toEqual(['segments[0].name']);
  });

  it('re-imports without duplicating, and an unchanged translation of a changed original becomes older', async () => {
    await importContent(db(), await folderWith('again', { ...ORIGINALS, ...TRANSLATIONS }), { clock });
    expect(await getAllTranslations(db())).toHaveLength(6);
    const story = (await getStoryBySlug(db(), 'byd'))!;
    expect(stateOf('story', story, (await translationsFor(db(), 'story', [story.id], 'de')).get(story.id))).toBe('current');
    const changed = ORIGINALS['stories/byd.md'].replace('Teaser.', 'A new teaser.');
    await importContent(db(), await folderWith('changed', { 'stories/byd.md': changed, 'stories/byd.de.md': TRANSLATIONS['stories/byd.de.md'] }), { clock });
    const after = (await getStoryBySlug(db(), 'byd'))!;
    expect(stateOf('story', after, (await translationsFor(db(), 'story', [after.id], 'de')).get(after.id))).toBe('older');
    // A translation alone, of an original already in the database.
    await importContent(db(), await folderWith('alone', { 'stories/byd.de.md': TRANSLATIONS['stories/byd.de.md'].replace('Anriss.', 'Ein neuer Anriss.') }), { clock });
    expect(stateOf('story', after, (await translationsFor(db(), 'story', [after.id], 'de')).get(after.id))).toBe('current');
  });

  it('exports each translation beside its original, texts only, in canonical form', async () => {
    const files = new Map((await renderContentFiles(db())).map((file) => [file.path, file.text]));
    expect(files.get('stories/byd.de.md')).toBe('---\ntitle: BYD verdreifachte seinen Absatz\n---\nEin neuer Anriss.\n\n<!-- members-only -->\nMitgliederteil.\n');
    expect(files.get('issues/2024-spring.de.md')).toBe(TRANSLATIONS['issues/2024-spring.de.md']);
    expect(files.get('reports/survey.de.md')).toBe(TRANSLATIONS['reports/survey.de.md']);
    expect(files.get('events/fair.zh.md')).toBe(TRANSLATIONS['events/fair.zh.md']);
    expect([...files.keys()].filter((path) => /\.(de|zh)\.md$/.test(path)).sort()).toEqual(Object.keys(TRANSLATIONS).sort());
  });

  it('refuses bad translation files, each at file:line, and writes nothing', async () => {
    const before = await getAllTranslations(db());
    const dir = await folderWith('bad', {
      ...ORIGINALS,
      'stories/no-such-story.de.md': '---\ntitle: Gibt es nicht\n---\n',
      'stories/byd.fr.md': '---\ntitle: BYD a triplé ses ventes\n---\n',
      'stories/byd.en.md': '---\ntitle: BYD\n---\n',
      'topics/ai.de.md': '---\nname: KI\n---\n',
      'stories/byd.de.md': '---\ntitle: BYD\nkind: news\nsources:\n  - outlet: Reuters\n---\nAnriss.\n<!--members-only-->\nGeheim.\n',
      'stories/byd.zh.md': '---\ntitle: 比亚迪\ntitel: 比亚迪\n---\n',
      'issues/2024-spring.zh.md': '---\nsections:\n  - heading: 预览\n    items:\n      - label: 报告\n  - heading: 概况\n    kind: landscape\n    items:\n      - label: 故事 1\n        story: byd\n  - heading: 多余\n---\n',
      'reports/survey.zh.md': '---\nsegments:\n  - key: energy\n    name: 能源\n    respondents: 3\nfindings:\n  - title: 一\n  - title: 二\n---\n',
      'events/fair.de.md': '---\norganiser_name: Messe\n---\nÜber die Messe.\n<!-- members-only -->\nA\n<!-- members-only -->\nB\n',
    });
    const error = await importContent(db(), dir, { clock }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).problems.map(formatProblem)).toEqual([
      'events/fair.de.md:7: a second members-only line; a body has at most one',
      'issues/2024-spring.zh.md:7: sections[1].kind: is not translated: facts stay in the original (issues/2024-spring.md) only; remove it here',
      'issues/2024-spring.zh.md:10: sections[1].items[0].story: is not translated: facts stay in the original (issues/2024-spring.md) only; remove it here',
      'reports/survey.zh.md:5: segments[0].respondents: is not translated: facts stay in the original (reports/survey.md) only; remove it here',
      'stories/byd.de.md:3: kind: is not translated: facts stay in the original (stories/byd.md) only; remove it here',
      'stories/byd.de.md:4: sources: is not translated: facts stay in the original (stories/byd.md) only; remove it here',
      'stories/byd.de.md:8: looks like a members-only line but is not exactly "<!-- members-only -->" on a line of its own (HTML comments are not allowed in bodies)',
      'stories/byd.en.md:1: English is the original\'s language: write it in byd.md; a translation is byd.de.md (German) or byd.zh.md (Chinese)',
      'stories/byd.fr.md:1: unknown language "fr" in the file name; a translation is byd.de.md (German) or byd.zh.md (Chinese)',
      'stories/byd.zh.md:3: titel: unknown key',
      'stories/no-such-story.de.md:1: no story "no-such-story" to translate: stories/no-such-story.md is neither in the folder nor in the database',
      'topics/ai.de.md:1: topics have no translations; only stories, events, programs, reports and issues do',
    ]);
    expect(await getAllTranslations(db())).toEqual(before);
  });

  it('refuses more sections, items or findings than the original has, a segment it lacks, and a text it has none of', async () => {
    const dir = await folderWith('shape', {
      'issues/2024-spring.zh.md': '---\nsections:\n  - heading: 预览\n    items:\n      - label: 报告\n  - heading: 概况\n    items:\n      - label: 故事 1\n      - label: 故事 2\n  - heading: 多余\n---\n',
      'reports/survey.zh.md': '---\nsegments:\n  - key: energy\n    name: 能源\n  - key: all\n    name: 所有行业\n  - key: all\n    name: 全部\nfindings:\n  - title: 一\n  - title: 二\n---\n',
      'events/fair.de.md': '---\norganiser_name: Messe\n---\n',
    });
    const error = await importContent(db(), dir, { clock }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).problems.map(formatProblem)).toEqual([
      'events/fair.de.md:2: organiser_name: the original has no organiser name to translate',
      'issues/2024-spring.zh.md:5: sections[0].items[0].label: the original’s item has no label to translate',
      'issues/2024-spring.zh.md:9: sections[1].items[1]: the original\'s section has 1 item',
      'issues/2024-spring.zh.md:10: sections[2]: the original has 2 sections; translate them in the original\'s order',
      'reports/survey.zh.md:3: segments[0].key: the original has no segment "energy" (it has all, automotive)',
      'reports/survey.zh.md:7: segments[2].key: "all" is listed twice',
      'reports/survey.zh.md:11: findings[1]: the original has 1 finding; translate them in the original\'s order',
    ]);
  });
});
