import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase } from '../../test/support/databases.js';
import type { Database } from '../db/database.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import { fixedClock } from '../lib/clock.js';
import { getAllEvents } from './events.service.js';
import type { Event } from './events.js';
import { ARCHIVE_DATES, CHANGED_RULES_EVENTS, TIMED_EVENTS } from './ical-fixtures.js';
import { eventUid, refold, renderCalendar } from './ical.js';

// The .ics of every demo event parses with ical.js, and its dates are the archive's local dates.

const now = new Date('2026-11-28T12:00:00Z');
const options = { siteUrl: 'https://insights.example.org', siteName: 'Innovation Insights', now };
let db: Database;
let demo: Event[];

beforeAll(async () => {
  db = await createTestDatabase('sqlite');
  await importContent(db, DEMO_DIR, { clock: fixedClock(now) });
  demo = await getAllEvents(db);
});
afterAll(() => destroyTestDatabase(db));

function parse(text: string) {
  return new ICAL.Component(ICAL.parse(text));
}

describe('demo events', () => {
  it('every demo event has its archive dates, as DATE values with an exclusive end', () => {
    expect(demo.map((event) => event.slug).sort()).toEqual(Object.keys(ARCHIVE_DATES).sort());
    for (const event of demo) {
      const vevent = parse(renderCalendar([event], options)).getFirstSubcomponent('vevent')!;
      const [first, last] = ARCHIVE_DATES[event.slug]!;
      const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
      const end = vevent.getFirstPropertyValue('dtend') as ICAL.Time;
      expect(start.isDate, event.slug).toBe(true);
      expect(start.toString()).toBe(first);
      const dayAfterLast = new Date(`${last}T00:00:00Z`);
      dayAfterLast.setUTCDate(dayAfterLast.getUTCDate() + 1);
      expect(end.toString()).toBe(dayAfterLast.toISOString().slice(0, 10));
      expect(vevent.getFirstPropertyValue('uid')).toBe(`event-${event.id}@insights.example.org`);
      expect(vevent.getFirstPropertyValue('summary')).toBe(event.title);
    }
  });

  it('the subscribable feed holds every event once, and the Chinese address survives folding intact', () => {
    const text = renderCalendar(demo, { ...options, name: 'Events' });
    const calendar = parse(text);
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(demo.length);
    const wise = calendar.getAllSubcomponents('vevent').find((vevent) => String(vevent.getFirstPropertyValue('location')).includes('北辰东路'));
    expect(wise?.getFirstPropertyValue('location')).toBe('(北京朝阳)北辰东路8号院北京国际会议中心, Beijing');
    // All-day dates are floating DATE values: no TZID is referenced, so no VTIMEZONE is needed.
    const referenced = new Set([...text.matchAll(/;TZID=([^:;]+)/g)].map((match) => match[1]!));
    const defined = new Set(calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid')));
    expect([...referenced].filter((zone) => !defined.has(zone))).toEqual([]);
  });

  it('never carries members-only text', () => {
    const text = renderCalendar(demo, options);
    for (const event of demo) if (event.body.membersOnly) expect(text).not.toContain(event.body.membersOnly.slice(0, 60).replace(/[,;]/g, ''));
    expect(text).not.toContain('Sample analysis for members');
  });
});

describe('timed events', () => {
  it('keep their local wall-clock time under a TZID with a VTIMEZONE for each zone', () => {
    const text = renderCalendar(TIMED_EVENTS, options);
    const calendar = parse(text);
    const zones = calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid')).sort();
    expect(zones).toEqual(['Asia/Shanghai', 'Europe/Berlin']);
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    const seen = events.map((event) => [event.startDate.toString(), event.startDate.zone?.tzid, event.endDate.toString()]);
    expect(seen).toEqual([
      ['2024-03-05T09:30:00', 'Asia/Shanghai', '2024-03-05T17:00:00'],
      ['2024-07-01T18:00:00', 'Europe/Berlin', '2024-07-01T21:30:00'],
      ['2024-01-15T09:00:00', 'Europe/Berlin', '2024-01-16T12:00:00'],
    ]);
    // The absolute instants match what is stored (09:30 CST = 01:30 UTC; 18:00 CEST = 16:00 UTC).
    expect(events.map((event) => event.startDate.toJSDate().toISOString())).toEqual(TIMED_EVENTS.map((event) => new Date(event.startsAt).toISOString()));
  });

  it('keep their instant in zones whose rules changed (São Paulo without DST since 2019, Mexico City since 2022)', () => {
    const calendar = parse(renderCalendar(CHANGED_RULES_EVENTS, options));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    expect(events.map((event) => [event.startDate.toString(), event.startDate.zone?.tzid])).toEqual([
      ['2024-12-05T09:30:00', 'America/Sao_Paulo'],
      ['2024-07-01T10:00:00', 'America/Mexico_City'],
    ]);
    // 09:30 in São Paulo (UTC−3 all year now) is 12:30 UTC; 10:00 in Mexico City (UTC−6) is 16:00 UTC.
    expect(events.map((event) => event.startDate.toJSDate().toISOString())).toEqual(['2024-12-05T12:30:00.000Z', '2024-07-01T16:00:00.000Z']);
    expect(CHANGED_RULES_EVENTS.map((event) => event.startsAt)).toEqual(['2024-12-05T12:30:00.000Z', '2024-07-01T16:00:00.000Z']);
  });

  it('DTSTAMP is UTC, the UID does not change when the event does, text is escaped', () => {
    const text = renderCalendar([TIMED_EVENTS[0]!], options);
    expect(text).toMatch(/\r\nDTSTAMP:20261128T120000Z\r\n/);
    const edited = renderCalendar([{ ...TIMED_EVENTS[0]!, title: 'Renamed', slug: 'renamed' }], options);
    expect(parse(edited).getFirstSubcomponent('vevent')!.getFirstPropertyValue('uid')).toBe(eventUid(TIMED_EVENTS[0]!, options.siteUrl));
    expect(text).toContain('SUMMARY:Timed event 9001\\; with\\, special\\\\characters');
  });

  it('public files leave out the online link; the registrant copy has it', () => {
    expect(renderCalendar(TIMED_EVENTS, options)).not.toContain('meet.example.org');
    expect(renderCalendar(TIMED_EVENTS, { ...options, withOnlineLink: true }).replace(/\r\n /g, '')).toContain('https://meet.example.org/secret-room');
  });

  it('the registrant copy leaves out a link the event keeps but no longer uses (online switched off)', () => {
    const offline = { ...TIMED_EVENTS[0]!, online: false };
    expect(renderCalendar([offline], { ...options, withOnlineLink: true }).replace(/\r\n /g, '')).not.toContain('meet.example.org');
  });
});

describe('folding', () => {
  it('folds every line at 75 octets without splitting a UTF-8 character, with CRLF line ends', () => {
    const text = renderCalendar(TIMED_EVENTS, options);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    for (const line of lines) {
      const bytes = Buffer.from(line, 'utf8');
      expect(bytes.length).toBeLessThanOrEqual(75);
      // Each physical line decodes on its own: no character was cut in half.
      expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(line);
    }
    const location = parse(text).getFirstSubcomponent('vevent')!.getFirstPropertyValue('location');
    expect(location).toBe(`${TIMED_EVENTS[0]!.venue}, ${TIMED_EVENTS[0]!.address}, Beijing, Online`);
  });

  it('refold undoes earlier folding before folding again', () => {
    const long = `DESCRIPTION:${'汉'.repeat(40)}`;
    const once = refold(`${long}\r\n`);
    expect(refold(once)).toBe(once);
    expect(once.split('\r\n')[0]).toHaveLength(12 + 21); // 12 ASCII + 21 × 3 octets = 75
  });
});
