import { describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { forEachDialect } from '../../test/support/databases.js';
import { importContentFiles } from '../../test/support/content.js';
import { splitBody } from '../content/body.js';
import { fixedClock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { getStoryBySlug } from '../stories/stories.service.js';
import { deleteUnusedStory } from '../stories/stories.queries.js';
import { digestOf, overlay, stateOf } from './overlay.js';
import { getTranslationStates, getTranslationsOfItem, loadTranslations, saveTranslation, translateAll, translationsFor, writeTranslation } from './translations.service.js';
import { listAllIssues, loadIssue } from '../issues/issues.service.js';
import type { TranslatableReport, Translation } from './translations.js';

// Translations over originals: the overlay and its English fallbacks (pure), and the table on
// every engine: batched loading, the desk's checks, "older than the original", and deletion.

const clock = fixedClock('2026-12-01T10:00:00Z');

function translation<K extends Translation['kind']>(kind: K, text: Translation<K>['text'], body: string, originalDigest = '', language: Translation['language'] = 'de'): Translation<K> {
  return { kind, itemId: 1, language, text, body: splitBody(body), originalDigest, originalUpdatedAt: '', createdAt: '', updatedAt: '' };
}

describe('overlay', () => {
  const story = { id: 1, slug: 's', title: 'BYD tripled its sales', body: splitBody('Teaser.\n\n<!-- members-only -->\nMembers part.'), sources: [{ outlet: 'Reuters' }] };

  it('takes every text the translation has and keeps the facts', () => {
    const t = translation('story', { title: 'BYD verdreifachte den Absatz' }, 'Anriss.\n\n<!-- members-only -->\nMitgliederteil.', digestOf('story', story));
    const seen = overlay('story', story, 'de', t);
    expect(seen.value).toEqual({ ...story, title: 'BYD verdreifachte den Absatz', body: { teaser: 'Anriss.', membersOnly: 'Mitgliederteil.' } });
    expect(seen).toMatchObject({ english: [], translated: true, stale: false, language: 'de' });
  });

  it('names what falls back to English: a missing title, teaser or members-only part', () => {
    const seen = overlay('story', story, 'de', translation('story', {}, 'Nur ein Anriss.'));
    expect(seen.value.title).toBe(story.title);
    expect(seen.value.body).toEqual({ teaser: 'Nur ein Anriss.', membersOnly: 'Members part.' });
    expect(seen.english).toEqual(['title', 'membersOnly']);
    expect(overlay('story', story, 'zh', undefined)).toEqual({ value: story, language: 'zh', english: ['title', 'teaser', 'membersOnly'], translated: false, stale: false });
    expect(overlay('story', story, 'en', undefined)).toEqual({ value: story, language: 'en', english: [], translated: true, stale: false });
  });

  it('is older than the original once the original text changes, not when only facts do', () => {
    const t = translation('story', { title: 'Titel' }, '', digestOf('story', story));
    expect(stateOf('story', story, t)).toBe('current');
    expect(overlay('story', { ...story, sources: [] }, 'de', t).stale).toBe(false);
    expect(overlay('story', { ...story, title: 'A new title' }, 'de', t).stale).toBe(true);
    expect(stateOf('story', { ...story, body: splitBody('Other teaser.') }, t)).toBe('older');
    expect(stateOf('story', story, undefined)).toBe('missing');
  });

  it('matches report segments by key and findings by position', () => {
    const report: TranslatableReport = {
      title: 'Report', subtitle: null, publisher: 'Chamber', partner: null, body: splitBody('About.'),
      segments: [{ key: 'all', name: 'all industries' }, { key: 'automotive', name: 'automotive industry' }],
      findings: [{ title: 'More R&D', statement: 'research in China' }, { title: 'Partners', statement: 'local partners' }],
    };
    const seen = overlay('report', report, 'zh', translation('report', {
      title: '报告', subtitle: '不用', segments: [{ key: 'automotive', name: '汽车行业' }], findings: [{ title: '更多研发' }],
    }, '关于。', '', 'zh'));
    expect(seen.value.subtitle).toBeNull();
    expect(seen.value.segments.map((s) => s.name)).toEqual(['all industries', '汽车行业']);
    expect(seen.value.findings).toEqual([{ title: '更多研发', statement: 'research in China' }, report.findings[1]]);
    expect(seen.english).toEqual(['publisher', 'segments[0].name', 'findings[0].statement', 'findings[1].title', 'findings[1].statement']);
  });

  it('translates an issue’s title, intro, headings and labels by position, leaving its items alone', () => {
    const loaded = {
      issue: { id: 3, slug: '2024-spring', title: '2024 Spring Issue', intro: splitBody('Welcome.') },
      sections: [
        { kind: 'report', heading: 'Preview', items: [{ label: null, target: 'report', report: { id: 9 } }] },
        { kind: 'landscape', heading: 'Landscape', items: [{ label: 'Story 1', target: 'story' }, { label: 'Story 2', target: 'story' }] },
      ],
    };
    const seen = overlay<'issue', typeof loaded>('issue', loaded, 'de', translation('issue', {
      title: 'Ausgabe Frühjahr 2024', sections: [{ heading: 'Vorschau' }, { heading: 'Landschaft', items: [{ label: 'Beitrag 1' }] }],
    }, 'Willkommen.'));
    expect(seen.value.issue).toEqual({ ...loaded.issue, title: 'Ausgabe Frühjahr 2024', intro: { teaser: 'Willkommen.', membersOnly: null } });
    expect(seen.value.sections.map((s) => [s.kind, s.heading, s.items.map((i) => i.label)])).toEqual([
      ['report', 'Vorschau', [null]],
      ['landscape', 'Landschaft', ['Beitrag 1', 'Story 2']],
    ]);
    expect(seen.value.sections[0]!.items[0]).toEqual(loaded.sections[0]!.items[0]);
    expect(seen.english).toEqual(['sections[1].items[1].label']);
  });
});

const story = (slug: string, title: string) => `---\ntitle: ${title}\nkind: news\n---\n${title}: the teaser.\n\n<!-- members-only -->\nMembers part of ${slug}.\n`;

/** Counts the statements a database handle runs. */
function counting(): { plugin: KyselyPlugin; count: () => number } {
  let n = 0;
  return {
    plugin: { transformQuery: (args) => (n++, args.node), transformResult: async (args) => args.result },
    count: () => n,
  };
}

forEachDialect('translations', ({ db }) => {
  it('stores a translation per item and language, and loads many in one query', async () => {
    await importContentFiles(db(), clock, { files: { 'stories/one.md': story('one', 'One'), 'stories/two.md': story('two', 'Two'), 'stories/three.md': story('three', 'Three') } });
    const stories = await Promise.all(['one', 'two', 'three'].map(async (slug) => (await getStoryBySlug(db(), slug))!));
    for (const [index, original] of stories.entries()) {
      await saveTranslation(db(), clock, original, { kind: 'story', language: 'de', text: { title: `Titel ${index}` }, body: `Anriss ${index}.\n<!-- members-only -->\nMitglieder ${index}.` });
    }
    await saveTranslation(db(), clock, stories[0]!, { kind: 'story', language: 'zh', text: { title: '一' }, body: '' });

    const queries = counting();
    const seen = await translateAll(db().withPlugin(queries.plugin), 'story', stories, 'de');
    expect(queries.count()).toBe(1);
    expect(seen.map((s) => [s.value.title, s.value.body.membersOnly, s.stale])).toEqual([
      ['Titel 0', 'Mitglieder 0.', false],
      ['Titel 1', 'Mitglieder 1.', false],
      ['Titel 2', 'Mitglieder 2.', false],
    ]);
    // Written in canonical form: the members-only line on its own after a blank line.
    const [de, zh] = await getTranslationsOfItem(db(), 'story', stories[0]!.id);
    expect(de).toMatchObject({ language: 'de', body: { teaser: 'Anriss 0.', membersOnly: 'Mitglieder 0.' }, originalUpdatedAt: stories[0]!.updatedAt });
    expect(zh).toMatchObject({ language: 'zh', text: { title: '一' }, body: { teaser: '', membersOnly: null } });
    const zhSeen = await translateAll(db(), 'story', stories, 'zh');
    expect(zhSeen.map((s) => [s.value.title, s.translated, s.english])).toEqual([
      ['一', true, ['teaser', 'membersOnly']],
      ['Two', false, ['title', 'teaser', 'membersOnly']],
      ['Three', false, ['title', 'teaser', 'membersOnly']],
    ]);

    const set = await loadTranslations(db().withPlugin(queries.plugin), [{ kind: 'story', id: stories[1]!.id }, { kind: 'issue', id: 1 }, { kind: 'report', id: 2 }], 'de');
    expect(queries.count()).toBe(2);
    expect(set.get('story', stories[1]!.id)?.text).toEqual({ title: 'Titel 1' });
    expect(set.get('story', stories[0]!.id)).toBeUndefined();
    expect((await translationsFor(db(), 'story', stories.map((s) => s.id), 'en')).size).toBe(0);
  });

  it('refuses a translated body with a mistyped members-only line and saves nothing', async () => {
    const original = (await getStoryBySlug(db(), 'two'))!;
    const error = await saveTranslation(db(), clock, original, { kind: 'story', language: 'zh', text: { title: '二' }, body: '摘要。\n<!--members-only-->\n会员内容。' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).problems).toEqual([{ where: 'body', line: 2, message: expect.stringMatching(/looks like a members-only line/) }]);
    expect((await getTranslationsOfItem(db(), 'story', original.id)).map((t) => t.language)).toEqual(['de']);
  });

  it('is older than the original after the original’s text changes, also when the same translation is written again', async () => {
    const before = (await getStoryBySlug(db(), 'two'))!;
    await importContentFiles(db(), fixedClock('2026-12-02T10:00:00Z'), { files: { 'stories/two.md': story('two', 'Two, revised') } });
    const after = (await getStoryBySlug(db(), 'two'))!;
    const [de] = await getTranslationsOfItem(db(), 'story', after.id);
    expect(stateOf('story', after, de)).toBe('older');
    // Re-importing the unchanged translation does not claim it was made from the new original.
    expect(await writeTranslation(db(), after, { kind: 'story', language: 'de', text: { title: 'Titel 1' }, body: 'Anriss 1.\n\n<!-- members-only -->\nMitglieder 1.' }, '2026-12-02T10:00:00Z')).toBe(false);
    expect(stateOf('story', after, (await getTranslationsOfItem(db(), 'story', after.id))[0])).toBe('older');
    expect(de!.originalUpdatedAt).toBe(before.updatedAt);
    // A changed translation is made from the current original.
    await writeTranslation(db(), after, { kind: 'story', language: 'de', text: { title: 'Zwei, überarbeitet' }, body: '' }, '2026-12-02T11:00:00.000Z');
    const [rewritten] = await getTranslationsOfItem(db(), 'story', after.id);
    expect(stateOf('story', after, rewritten)).toBe('current');
    expect(rewritten).toMatchObject({ originalUpdatedAt: after.updatedAt, createdAt: de!.createdAt, updatedAt: '2026-12-02T11:00:00.000Z' });
  });

  it('refuses what the content folder refuses: an empty or two-line text, more sections than the original, a label it lacks', async () => {
    const original = (await getStoryBySlug(db(), 'one'))!;
    const refused = async (promise: Promise<unknown>) => ((await promise.catch((e: unknown) => e)) as Invalid).problems;
    expect(await refused(saveTranslation(db(), clock, original, { kind: 'story', language: 'zh', text: { title: ' ' }, body: '' }))).toEqual([{ where: 'title', message: 'must not be empty' }]);
    expect(await refused(saveTranslation(db(), clock, original, { kind: 'story', language: 'zh', text: { title: 'a\nb' }, body: '' }))).toEqual([{ where: 'title', message: 'must be on one line' }]);

    await importContentFiles(db(), clock, {
      files: {
        'stories/one.md': story('one', 'One'),
        'issues/2026-fall.md': '---\ntitle: 2026 Fall Issue\nseason: fall\nyear: 2026\nstatus: draft\nsections:\n  - kind: news\n    heading: News\n    items:\n      - story: one\n---\nIntro.\n',
      },
    });
    const [issue] = await listAllIssues(db());
    const loaded = await loadIssue(db(), issue!);
    const original2 = { ...loaded, id: issue!.id, updatedAt: issue!.updatedAt };
    const text = { title: 'Herbst 2026', sections: [{ heading: 'Nachrichten', items: [{ label: 'Beitrag' }] }, { heading: 'Zu viel' }] };
    expect(await refused(saveTranslation(db(), clock, original2, { kind: 'issue', language: 'de', text, body: 'Einleitung.' }))).toEqual([
      { where: 'sections[0].items[0].label', message: 'the original’s item has no label to translate' },
      { where: 'sections[1]', message: 'the original has 1 section; translate them in the original\'s order' },
    ]);
    await saveTranslation(db(), clock, original2, { kind: 'issue', language: 'de', text: { title: '  Herbst 2026 ', sections: [{ heading: 'Nachrichten' }] }, body: 'Einleitung.' });
    expect((await getTranslationsOfItem(db(), 'issue', issue!.id))[0]?.text).toEqual({ title: 'Herbst 2026', sections: [{ heading: 'Nachrichten' }] });
  });

  it('tells the desk which translations are missing, current or older, in one query', async () => {
    const stories = await Promise.all(['one', 'two'].map(async (slug) => (await getStoryBySlug(db(), slug))!));
    const queries = counting();
    const states = await getTranslationStates(db().withPlugin(queries.plugin), 'story', stories);
    expect(queries.count()).toBe(1);
    expect(states.get(stories[0]!.id)).toEqual({ de: 'current', zh: 'current' });
    expect(states.get(stories[1]!.id)).toEqual({ de: 'current', zh: 'missing' });
    expect((await getTranslationStates(db(), 'story', [{ ...stories[0]!, title: 'Changed' }])).get(stories[0]!.id)).toEqual({ de: 'older', zh: 'older' });
  });

  it('goes with its original when the original is deleted', async () => {
    const three = (await getStoryBySlug(db(), 'three'))!;
    expect(await deleteUnusedStory(db(), three.id)).toBe(true);
    expect(await getTranslationsOfItem(db(), 'story', three.id)).toEqual([]);
  });
});
