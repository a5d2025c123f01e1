import { describe, expect, it } from 'vitest';
import { Invalid } from '../lib/errors.js';
import { checkEventDraft, draftOfEvent, EMPTY_EVENT_DRAFT, type EventDraft } from './event-draft.js';
import type { Event, EventInput } from './events.js';
import { splitBody } from '../content/body.js';

const morning: EventDraft = {
  ...EMPTY_EVENT_DRAFT,
  slug: 'pitch-morning',
  title: 'Pitch morning',
  body: 'Teaser\r\n\r\n<!-- members-only -->\r\nSecret',
  starts_on: '2027-03-04',
  starts_time: '09:30',
  ends_on: '2027-03-04',
  ends_time: '12:00',
  registration_closes: '2027-03-03T18:00',
  sectors: ['robotics'],
};

/** The problems of a draft the checker refuses, as `field: message`. */
function problemsOf(draft: EventDraft): string[] {
  try {
    checkEventDraft(draft);
  } catch (error) {
    if (error instanceof Invalid) return error.problems.map((problem) => `${problem.where}: ${problem.message}`);
    throw error;
  }
  throw new Error('the draft was accepted');
}

function asEvent(input: EventInput): Event {
  return { ...input, id: 1, body: splitBody(input.body), sectors: input.sectors.map((slug) => ({ slug, name: slug })), updatedAt: '' };
}

describe('event drafts', () => {
  it('converts local Shanghai times to UTC, normalises line endings, and reads back the same form', () => {
    const input = checkEventDraft(morning);
    expect([input.startsAt, input.endsAt, input.registrationClosesAt]).toEqual(['2027-03-04T01:30:00.000Z', '2027-03-04T04:00:00.000Z', '2027-03-03T10:00:00.000Z']);
    expect(input.body).toBe('Teaser\n\n<!-- members-only -->\nSecret');
    expect(draftOfEvent(asEvent(input))).toEqual({ ...morning, body: input.body });
  });

  it('accepts the seconds browsers may add to time inputs', () => {
    const input = checkEventDraft({ ...morning, starts_time: '09:30:00', registration_closes: '2027-03-03T18:00:00' });
    expect([input.startsAt, input.registrationClosesAt]).toEqual(['2027-03-04T01:30:00.000Z', '2027-03-03T10:00:00.000Z']);
  });

  it('stores an all-day event in Berlin from local midnight to the midnight after its last day, ignoring times', () => {
    const input = checkEventDraft({ ...morning, all_day: true, time_zone: 'Europe/Berlin', starts_on: '2027-03-27', ends_on: '2027-03-28', ends_time: 'soon', registration_closes: '' });
    // The clocks go forward on March 28: the range ends at 22:00 UTC (midnight CEST), not 23:00.
    expect([input.startsAt, input.endsAt]).toEqual(['2027-03-26T23:00:00.000Z', '2027-03-28T22:00:00.000Z']);
    expect(draftOfEvent(asEvent(input))).toMatchObject({ all_day: true, starts_on: '2027-03-27', starts_time: '', ends_on: '2027-03-28', ends_time: '' });
  });

  it('names every bad field at once', () => {
    expect(problemsOf({ ...morning, slug: 'Not A Slug', title: ' ', capacity: '2.5', url: 'ftp://example.org', online_url: 'http://example.org', organiser: 'someone' })).toEqual([
      'slug: must be a slug: lowercase letters, digits and single hyphens',
      'title: must not be empty',
      'online_url: must be an https URL',
      'organiser: must be one of own, external',
      'url: must be an http or https URL',
      'capacity: must be a whole number',
    ]);
  });

  it('asks for times unless the event is all-day, and refuses times that do not exist or run backwards', () => {
    expect(problemsOf({ ...morning, starts_time: '', ends_time: '' })).toEqual([
      'starts_time: enter the start time, or tick "All-day event"',
      'ends_time: enter the end time, or tick "All-day event"',
    ]);
    expect(problemsOf({ ...morning, starts_time: '24:00' })).toEqual(['starts_time: must be a time HH:MM (24-hour)']);
    expect(problemsOf({ ...morning, time_zone: 'Europe/Berlin', starts_on: '2027-03-28', starts_time: '02:00', ends_on: '2027-03-28', registration_closes: '' })).toEqual([
      'starts_time: 2027-03-28 02:00 does not exist in Europe/Berlin: the clocks skip that hour',
    ]);
    expect(problemsOf({ ...morning, ends_time: '09:30' })).toEqual(['ends_time: the end must be after the start']);
    expect(problemsOf({ ...morning, all_day: true, ends_on: '2027-03-03', registration_closes: '' })).toEqual(['ends_on: the last day must not be before the first day']);
  });

  it('keeps the registration window before the end of the event', () => {
    expect(problemsOf({ ...morning, registration_opens: '2027-03-04T12:00', registration_closes: '' })).toEqual(['registration_opens: registration must open before the event ends']);
    expect(problemsOf({ ...morning, registration_closes: '2027-03-04T12:01' })).toEqual(['registration_closes: registration must close by the time the event ends']);
    expect(problemsOf({ ...morning, registration_opens: '2027-03-03T18:00' })).toEqual(['registration_closes: registration must close after it opens']);
    expect(checkEventDraft({ ...morning, registration_closes: '2027-03-04T12:00' }).registrationClosesAt).toBe('2027-03-04T04:00:00.000Z');
  });

  it('refuses a mistyped members-only line, by body line', () => {
    expect(problemsOf({ ...morning, body: 'Teaser\n- <!-- members-only -->\nSecret' })).toEqual([
      'body: looks like a members-only line but is not exactly "<!-- members-only -->" on a line of its own (HTML comments are not allowed in bodies)',
    ]);
  });
});
