import { describe, expect, it } from 'vitest';
import { FIELD_LIMITS, tooLong } from '../content/fields.js';
import { checkEventDraft, EMPTY_EVENT_DRAFT } from '../events/event-draft.js';
import { SETTINGS_LIMITS } from '../events/event.schema.js';
import { settingsFromDraft } from '../events/event-settings.service.js';
import { checkIssueDraft, ISSUE_LIMITS } from '../issues/issue-editing.service.js';
import { Invalid, type Problem } from '../lib/errors.js';
import { checkProgramDraft, EMPTY_PROGRAM_DRAFT } from '../programs/program-draft.js';
import { checkReportDraft, EMPTY_REPORT_DRAFT } from '../reports/report-draft.js';
import { checkStoryDraft } from '../stories/story-draft.js';
import { STORY_LIMITS } from '../stories/story.schema.js';

// The desk refuses the lengths the importer refuses (import-refusals.test.ts), with the same
// numbers: one past the limit is refused at its field, the limit itself is taken.

const x = (count: number) => 'x'.repeat(count);

/** The problems of a desk check that throws `Invalid` (or none when it accepts). */
function thrown(check: () => unknown): Problem[] {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof Invalid) return [...error.problems];
    throw error;
  }
}

const story = { slug: 'a-story', title: 'A story', kind: 'news', body: 'Text.', topics: [], sectors: [], organizations: '', sources: [] };
const event = { ...EMPTY_EVENT_DRAFT, slug: 'an-event', title: 'An event', all_day: true, starts_on: '2027-03-03', ends_on: '2027-03-03' };
const program = { ...EMPTY_PROGRAM_DRAFT, slug: 'a-program', title: 'A program', roles: ['mentor'] };
const report = { ...EMPTY_REPORT_DRAFT, slug: 'a-report', title: 'A report', segments: [{ key: 'all', name: 'all', respondents: '10' }] };
const settings = { questions: '', waitlist: true, call_kinds: ['speaker'], call_closes: '', call_intro: '' };
const source = { author: '', title: '', outlet: 'Technode', publishedOn: '', url: '' };

describe('the desk’s length limits are the importer’s', () => {
  const cases: { name: string; check: (length: number) => Problem[]; limit: number; where: string; message?: string }[] = [
    { name: 'story slug', limit: STORY_LIMITS.slug, where: 'slug', check: (n) => checkStoryDraft({ ...story, slug: x(n) }).problems },
    { name: 'story title', limit: STORY_LIMITS.title, where: 'title', check: (n) => checkStoryDraft({ ...story, title: x(n) }).problems },
    { name: 'story body', limit: STORY_LIMITS.body, where: 'body', check: (n) => checkStoryDraft({ ...story, body: x(n) }).problems },
    { name: 'story source outlet', limit: FIELD_LIMITS.name, where: 'sources.0.outlet', check: (n) => checkStoryDraft({ ...story, sources: [{ ...source, outlet: x(n) }] }).problems },
    { name: 'event title', limit: FIELD_LIMITS.title, where: 'title', check: (n) => thrown(() => checkEventDraft({ ...event, title: x(n) })) },
    { name: 'event venue', limit: FIELD_LIMITS.name, where: 'venue', check: (n) => thrown(() => checkEventDraft({ ...event, venue: x(n) })) },
    { name: 'event slug', limit: FIELD_LIMITS.slug, where: 'slug', check: (n) => thrown(() => checkEventDraft({ ...event, slug: x(n) })) },
    { name: 'event body', limit: FIELD_LIMITS.body, where: 'body', check: (n) => thrown(() => checkEventDraft({ ...event, body: x(n) })) },
    { name: 'program contact', limit: FIELD_LIMITS.name, where: 'contact_name', check: (n) => thrown(() => checkProgramDraft({ ...program, contact_name: x(n) })) },
    { name: 'program body', limit: FIELD_LIMITS.body, where: 'body', check: (n) => thrown(() => checkProgramDraft({ ...program, body: x(n) })) },
    { name: 'report subtitle', limit: FIELD_LIMITS.title, where: 'subtitle', check: (n) => thrown(() => checkReportDraft({ ...report, subtitle: x(n) })) },
    { name: 'report body', limit: FIELD_LIMITS.body, where: 'body', check: (n) => thrown(() => checkReportDraft({ ...report, body: x(n) })) },
    { name: 'issue title', limit: ISSUE_LIMITS.title, where: 'title', check: (n) => checkIssueDraft({ title: x(n), intro: '', sections: [] }).problems },
    { name: 'issue intro', limit: ISSUE_LIMITS.intro, where: 'intro', check: (n) => checkIssueDraft({ title: 'T', intro: x(n), sections: [] }).problems },
    {
      name: 'question',
      limit: SETTINGS_LIMITS.label,
      where: 'questions',
      message: `line 1: at most ${SETTINGS_LIMITS.label} characters`,
      check: (n) => thrown(() => settingsFromDraft({ ...settings, questions: x(n) }, { timeZone: 'Asia/Shanghai' })),
    },
    {
      name: 'call intro',
      limit: SETTINGS_LIMITS.intro,
      where: 'call_intro',
      message: `at most ${SETTINGS_LIMITS.intro} characters`,
      check: (n) => thrown(() => settingsFromDraft({ ...settings, call_intro: x(n) }, { timeZone: 'Asia/Shanghai' })),
    },
  ];

  for (const { name, check, limit, where, message } of cases) {
    it(`${name}: ${limit} characters are taken, ${limit + 1} refused at ${where}`, () => {
      expect(check(limit).filter((problem) => problem.where === where)).toEqual([]);
      expect(check(limit + 1).filter((problem) => problem.where === where).map((problem) => problem.message)).toContain(message ?? tooLong(limit));
    });
  }
});
