import { expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { joinBody } from '../content/body.js';
import { translateIssue } from '../issues/issue-translation.service.js';
import { getPublicIssue } from '../issues/issues.service.js';
import type { LoadedItem } from '../issues/issues.js';
import { fixedClock } from '../lib/clock.js';
import { getProgram } from '../programs/programs.service.js';
import { translateAll } from '../translations/translations.service.js';
import { DEMO_DIR } from './demo.js';
import { importContent } from './import.service.js';

// The demo's translations (issue 14): the 2024 Spring issue, its stories and report, and the
// Innovators Club, fully in German and Chinese: no text falls back to English, none is older
// than its original, and every figure, date, name and address of the original's body is in
// the translation's too.

const clock = fixedClock('2026-11-28T12:00:00Z');

/** What a translation must carry over unchanged: numbers, e-mail addresses, and the organisations named. */
function factsOf(body: string, names: readonly string[]): string[] {
  const numbers = body.match(/\d+/g) ?? [];
  const addresses = body.match(/[\w.]+@[\w.]+\w/g) ?? [];
  return [...new Set([...numbers, ...addresses, ...names.filter((name) => body.includes(name))])];
}

function textOf(item: LoadedItem): { title: string; body: string; names: readonly string[] } {
  switch (item.target) {
    case 'story': return { title: item.story.title, body: joinBody(item.story.body), names: item.story.organizations };
    case 'event': return { title: item.event.title, body: joinBody(item.event.body), names: [] };
    case 'program': return { title: item.program.title, body: joinBody(item.program.body), names: [] };
    case 'report': return { title: item.report.title, body: joinBody(item.report.body), names: [item.report.partner ?? ''] };
  }
}

forEachDialect('demo translations', ({ db }) => {
  it('has the 2024 Spring issue, its stories and report, and the Innovators Club in German and Chinese, whole and current', async () => {
    await importContent(db(), DEMO_DIR, { clock });
    const original = await getPublicIssue(db(), '2024-spring', clock.now());
    const program = await getProgram(db(), 'ahk-innovators-club');
    for (const language of ['de', 'zh'] as const) {
      const translated = await translateIssue(db(), original, language);
      expect(translated.issue, language).toMatchObject({ translated: true, stale: false, english: [] });
      expect(translated.items.size).toBe(4);
      for (const notes of translated.items.values()) expect(notes, language).toMatchObject({ translated: true, stale: false, english: [] });
      for (const fact of factsOf(joinBody(original.issue.intro), ['McKinsey'])) expect(joinBody(translated.loaded.issue.intro), language).toContain(fact);

      const items = original.sections.flatMap((section) => section.items);
      const translatedItems = translated.loaded.sections.flatMap((section) => section.items);
      items.forEach((item, index) => {
        const before = textOf(item);
        const after = textOf(translatedItems[index]!);
        for (const fact of factsOf(before.body, before.names)) expect(after.body, `${language}: ${before.title}`).toContain(fact);
      });

      const [club] = await translateAll(db(), 'program', [program], language);
      expect(club).toMatchObject({ translated: true, stale: false, english: [] });
      for (const fact of factsOf(joinBody(program.body), ['AHK Innovators Club', 'Christoph Hering'])) expect(joinBody(club!.value.body), language).toContain(fact);
    }
  });
});
