import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { importContentFiles } from '../../test/support/content.js';
import { viewBody, teaserSummary } from '../content/audience.js';
import type { SplitBody } from '../content/body.js';
import { fixedClock } from '../lib/clock.js';
import { getStoryBySlug } from '../stories/stories.service.js';
import { translateAll } from '../translations/translations.service.js';
import type { KyselyPlugin } from 'kysely';
import { itemKey, translateIssue } from './issue-translation.service.js';
import { listAllIssues, loadIssue } from './issues.service.js';
import type { LoadedIssue, LoadedItem } from './issues.js';

// THE ONE INVARIANT, per language, at the data level: every body kind (intro, story, event,
// program, report) has a German and a Chinese translation whose members-only part holds a
// canary of its language; a public view of the translated issue never holds any canary, a
// member's holds its language's. The Chinese story translation has no members-only part of its
// own, so members read the original's, and the public still reads neither.

const CANARY = { en: `EN-${randomBytes(5).toString('hex')}`, de: `DE-${randomBytes(5).toString('hex')}`, zh: `ZH-${randomBytes(5).toString('hex')}` };
const split = (teaser: string, secret: string) => `${teaser}\n\n<!-- members-only -->\n${secret}\n`;

const originals: Record<string, string> = {
  'stories/s.md': `---\ntitle: Canary story\nkind: news\n---\n${split('Story teaser.', `Story secret ${CANARY.en}.`)}`,
  'events/e.md': `---\ntitle: Canary event\nstarts: 2027-03-04T09:30\nends: 2027-03-04T17:00\ntime_zone: Asia/Shanghai\ncity: Shanghai\norganiser: own\n---\n${split('Event teaser.', `Door code ${CANARY.en}.`)}`,
  'programs/p.md': `---\ntitle: Canary program\nroles:\n  - participant\n---\n${split('Program teaser.', `Notes ${CANARY.en}.`)}`,
  'reports/r.md': `---\ntitle: Canary report\nsegments:\n  - key: all\n    name: all respondents\n    respondents: 10\n---\n${split('Report teaser.', `Tables ${CANARY.en}.`)}`,
  'issues/2026-fall.md': `---\ntitle: 2026 Fall Issue\nseason: fall\nyear: 2026\nstatus: published\npublished_at: 2026-10-01T08:00:00Z\nsections:\n  - kind: landscape\n    heading: Landscape\n    items:\n      - label: Story 1\n        story: s\n      - event: e\n      - program: p\n      - report: r\n---\n${split('Intro teaser.', `Intro for members ${CANARY.en}.`)}`,
};

function translations(language: 'de' | 'zh'): Record<string, string> {
  const secret = (what: string) => `${what} ${CANARY[language]}.`;
  return {
    // The Chinese story translates the teaser only: its members read the original's members-only part.
    [`stories/s.${language}.md`]: `---\ntitle: Story ${language}\n---\n${language === 'zh' ? '故事摘要。\n' : split('Anriss der Geschichte.', secret('Geheim'))}`,
    [`events/e.${language}.md`]: `---\ntitle: Event ${language}\ncity: ${language === 'de' ? 'Schanghai' : '上海'}\n---\n${split(`Event teaser ${language}.`, secret('Door'))}`,
    [`programs/p.${language}.md`]: `---\ntitle: Program ${language}\n---\n${split(`Program teaser ${language}.`, secret('Notes'))}`,
    [`reports/r.${language}.md`]: `---\ntitle: Report ${language}\n---\n${split(`Report teaser ${language}.`, secret('Tables'))}`,
    [`issues/2026-fall.${language}.md`]: `---\ntitle: Issue ${language}\nsections:\n  - heading: Landscape ${language}\n---\n${split(`Intro teaser ${language}.`, secret('Intro'))}`,
  };
}

function bodyOf(item: LoadedItem): SplitBody {
  switch (item.target) {
    case 'story': return item.story.body;
    case 'event': return item.event.body;
    case 'program': return item.program.body;
    case 'report': return item.report.body;
  }
}

/** Every body of an issue as one audience reads it, with the summaries every audience shares. */
function readAll(loaded: LoadedIssue, audience: 'public' | 'member'): string {
  const bodies = [loaded.issue.intro, ...loaded.sections.flatMap((section) => section.items.map(bodyOf))];
  return bodies.map((body) => `${viewBody(body, audience).html}\n${teaserSummary(body)}`).join('\n');
}

forEachDialect('translated issue', ({ db }) => {
  it('never shows the public a translation’s members-only text, in any language; members read their language’s', async () => {
    await importContentFiles(db(), fixedClock('2026-11-01T00:00:00Z'), { files: { ...originals, ...translations('de'), ...translations('zh') } });
    const [issue] = await listAllIssues(db());
    const loaded = await loadIssue(db(), issue!);
    for (const language of ['en', 'de', 'zh'] as const) {
      const { loaded: translated } = await translateIssue(db(), loaded, language);
      const publicText = readAll(translated, 'public');
      for (const canary of Object.values(CANARY)) expect(publicText, language).not.toContain(canary);
      expect(publicText).toContain(language === 'en' ? 'Intro teaser.' : `Intro teaser ${language}.`);
      const memberText = readAll(translated, 'member');
      // Five bodies; the Chinese story's members-only part is the original's.
      expect(memberText.split(CANARY[language]).length - 1, language).toBe(language === 'zh' ? 4 : 5);
      expect(memberText.split(CANARY.en).length - 1, language).toBe(language === 'en' ? 5 : language === 'zh' ? 1 : 0);
    }
  });

  it('overlays the issue and every item with one query, and names what is still English', async () => {
    const [issue] = await listAllIssues(db());
    const loaded = await loadIssue(db(), issue!);
    let queries = 0;
    const plugin: KyselyPlugin = { transformQuery: (args) => (queries++, args.node), transformResult: async (args) => args.result };
    const zh = await translateIssue(db().withPlugin(plugin), loaded, 'zh');
    expect(queries).toBe(1);
    expect(zh.loaded.issue.title).toBe('Issue zh');
    expect(zh.loaded.sections[0]!.heading).toBe('Landscape zh');
    expect(zh.issue).toMatchObject({ language: 'zh', translated: true, stale: false, english: ['sections[0].items[0].label'] });
    const [story, event] = zh.loaded.sections[0]!.items;
    expect(story!.target === 'story' && story!.story.title).toBe('Story zh');
    expect(event!.target === 'event' && [event!.event.city, event!.event.startsAt]).toEqual(['上海', '2027-03-04T01:30:00.000Z']);
    expect(zh.items.get(itemKey(story!))?.english).toEqual(['membersOnly']);
    expect(zh.items.get(itemKey(event!))?.english).toEqual([]);
    expect((await translateIssue(db().withPlugin(plugin), loaded, 'en')).loaded).toEqual(loaded);
    expect(queries).toBe(1);
  });

  it('keeps a story’s members-only translation from the public outside an issue too', async () => {
    const story = (await getStoryBySlug(db(), 's'))!;
    for (const language of ['de', 'zh'] as const) {
      const [seen] = await translateAll(db(), 'story', [story], language);
      const html = viewBody(seen!.value.body, 'public').html;
      for (const canary of Object.values(CANARY)) expect(html).not.toContain(canary);
      expect(viewBody(seen!.value.body, 'public').withheld).toBe(true);
    }
  });
});
