import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/messages.js';
import { NOTHING_TRANSLATED } from '../../issues/translation-editing.service.js';
import { checkTranslation } from '../../translations/translation-checks.js';
import { localizeProblem } from './translation.pages.js';

// The translation page shows the checks' problems in the desk's language by matching their
// English text against the deskTranslating.problem.* messages: each problem a translator meets,
// made by the real checks, must be known, so a changed check text fails here, not on a German desk.

const problemsOf = (title: string | undefined, body: string) =>
  checkTranslation('story', {}, title === undefined ? {} : { title }, body).problems.map((problem) => problem.message);

const MADE = [
  ...problemsOf(' ', ''),
  ...problemsOf('two\nlines', ''),
  ...problemsOf('x'.repeat(301), ''),
  ...problemsOf(undefined, 'Teaser.\n<!--members-only-->\nMembers.'),
  ...problemsOf(undefined, 'Teaser.\n<!--public-only-->\nPublic.'),
  ...problemsOf(undefined, 'Teaser.\n<!-- members-only -->\nOne.\n<!-- members-only -->\nTwo.'),
  ...problemsOf(undefined, 'Teaser.\n<!-- members-only -->\n<!-- public-only -->\nPublic.\n<!-- /public-only -->'),
  ...problemsOf(undefined, 'Teaser.\n<!-- public-only -->\nPublic.'),
  NOTHING_TRANSLATED,
];

describe('translation problems in the desk’s language', () => {
  it('knows every problem the checks make for a translator', () => {
    expect(MADE.length).toBeGreaterThanOrEqual(9);
    for (const language of ['de', 'zh'] as const) {
      const t = translator(language);
      for (const message of MADE) expect(localizeProblem(t, message), `${language}: ${message}`).not.toBe(message);
    }
  });

  it('keeps the numbers and the markers of a problem', () => {
    const t = translator('de');
    expect(localizeProblem(t, 'must be at most 300 characters')).toBe('darf höchstens 300 Zeichen lang sein');
    expect(localizeProblem(t, MADE[3]!)).toContain('„<!-- members-only -->“');
    expect(localizeProblem(translator('en'), MADE[3]!)).toBe(MADE[3]);
    expect(localizeProblem(t, 'a text the page does not know')).toBe('a text the page does not know');
  });
});
