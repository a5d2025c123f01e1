import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase } from '../../test/support/databases.js';
import type { Database } from '../db/database.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import { fixedClock } from '../lib/clock.js';
import { getAllEvents } from './events.service.js';
import type { Event } from './events.js';
import { ARCHIVE_DATES, CHANGED_RULES_EVENTS, TIMED_EVENTS } from './ical-fixtures.js';
import { renderCalendar } from './ical.js';

// A second, independent parser: Debian's python3-icalendar, run by /usr/bin/python3 (a python3
// earlier on PATH would not see Debian's packages). scripts/test.mjs leaves this file out, with
// a NOT-run line, when that module is missing.

const PARSER = String.raw`
import json, sys
from icalendar import Calendar
calendar = Calendar.from_ical(sys.stdin.buffer.read())
out = {"zones": [str(c.get("TZID")) for c in calendar.walk("VTIMEZONE")], "events": []}
for event in calendar.walk("VEVENT"):
    start, end = event.get("DTSTART"), event.get("DTEND")
    out["events"].append({
        "uid": str(event.get("UID")),
        "summary": str(event.get("SUMMARY")),
        "location": str(event.get("LOCATION")) if event.get("LOCATION") else None,
        "start": start.dt.isoformat(), "end": end.dt.isoformat(),
        "tzid": start.params.get("TZID"),
        "utc": start.dt.astimezone(__import__("datetime").timezone.utc).isoformat() if hasattr(start.dt, "hour") else None,
        "stamp": event.get("DTSTAMP").dt.isoformat(),
    })
print(json.dumps(out))
`;

interface Parsed {
  zones: string[];
  events: { uid: string; summary: string; location: string | null; start: string; end: string; tzid: string | undefined; utc: string | null; stamp: string }[];
}

function pythonParse(ics: string): Parsed {
  const result = spawnSync('/usr/bin/python3', ['-c', PARSER], { input: ics, encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`python icalendar failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Parsed;
}

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

it('Python icalendar reads every demo event with the archive’s local dates', () => {
  expect(demo).toHaveLength(Object.keys(ARCHIVE_DATES).length);
  for (const event of demo) {
    const parsed = pythonParse(renderCalendar([event], options));
    expect(parsed.events).toHaveLength(1);
    const [first, last] = ARCHIVE_DATES[event.slug]!;
    const end = new Date(`${last}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    expect(parsed.events[0]).toMatchObject({ uid: `event-${event.id}@insights.example.org`, summary: event.title, start: first, end: end.toISOString().slice(0, 10), stamp: '2026-11-28T12:00:00+00:00' });
  }
  const wise = pythonParse(renderCalendar(demo, options)).events.find((event) => event.location?.includes('北辰东路'));
  expect(wise?.location).toBe('(北京朝阳)北辰东路8号院北京国际会议中心, Beijing');
});

it('Python icalendar reads timed events at their local time, in their zone, at the right instant', () => {
  const parsed = pythonParse(renderCalendar(TIMED_EVENTS, options));
  expect([...parsed.zones].sort()).toEqual(['Asia/Shanghai', 'Europe/Berlin']);
  expect(parsed.events.map((event) => [event.start, event.tzid, event.end])).toEqual([
    ['2024-03-05T09:30:00+08:00', 'Asia/Shanghai', '2024-03-05T17:00:00+08:00'],
    ['2024-07-01T18:00:00+02:00', 'Europe/Berlin', '2024-07-01T21:30:00+02:00'],
    ['2024-01-15T09:00:00+01:00', 'Europe/Berlin', '2024-01-16T12:00:00+01:00'],
  ]);
  expect(parsed.events.map((event) => event.utc)).toEqual(TIMED_EVENTS.map((event) => event.startsAt.replace('.000Z', '+00:00')));
  expect(parsed.events[0]!.location).toBe(`${TIMED_EVENTS[0]!.venue}, ${TIMED_EVENTS[0]!.address}, Beijing, Online`);
});

it('Python icalendar reads events in zones whose rules changed at the right instant (São Paulo, Mexico City)', () => {
  const parsed = pythonParse(renderCalendar(CHANGED_RULES_EVENTS, options));
  expect(parsed.events.map((event) => [event.start, event.tzid, event.utc])).toEqual([
    ['2024-12-05T09:30:00-03:00', 'America/Sao_Paulo', '2024-12-05T12:30:00+00:00'],
    ['2024-07-01T10:00:00-06:00', 'America/Mexico_City', '2024-07-01T16:00:00+00:00'],
  ]);
});
