import type { Event } from './events.js';
import { localToInstant } from '../lib/local-time.js';

// Shared by the iCalendar tests (ical.js and Python's icalendar): the demo events' local
// dates exactly as the newsletter archive prints them, and timed events in two zones.

/** slug → [first day, last day] as printed in the archive (local dates, Asia/Shanghai). */
export const ARCHIVE_DATES: Record<string, readonly [string, string]> = {
  'xceleration-days-2023': ['2023-11-08', '2023-11-11'], // "November 8-11 in Shanghai"
  'asiamold-2024': ['2024-03-04', '2024-03-06'], // "March 4-6, 2024"
  'cimp-autoecosystems-expo-2024': ['2024-03-07', '2024-03-10'], // "March 7-10, 2024"
  'world-of-tech-2023-shenzhen': ['2023-11-24', '2023-11-25'], // "2023/11/24-25"
  'wise2023-beijing': ['2023-11-28', '2023-11-29'], // "2023/11/28-29"
  'google-devfest-2023-shanghai': ['2023-12-10', '2023-12-10'], // "2023/12/10"
  'global-automotive-electronics-summit-2023-shanghai': ['2023-12-12', '2023-12-12'], // "2023/12/12"
  'dtcn2023-shanghai': ['2023-12-15', '2023-12-15'], // "2023/12/15"
  'innovation-dialogue-kick-off-guangzhou': ['2023-03-03', '2023-03-03'], // "On March 3"
  're-opening-ahk-innovation-hub': ['2024-01-18', '2024-01-18'], // "On January 18"
};

/** A timed event for the tests: `start`/`end` are local `YYYY-MM-DDTHH:MM` in `zone`. */
export function timedEvent(id: number, zone: string, start: string, end: string, extra: Partial<Event> = {}): Event {
  return {
    id,
    slug: `timed-${id}`,
    title: `Timed event ${id}; with, special\\characters`,
    body: { teaser: 'A public teaser.', membersOnly: 'SECRET members-only analysis' },
    startsAt: localToInstant(start, zone),
    endsAt: localToInstant(end, zone),
    timeZone: zone,
    allDay: false,
    venue: '北京国际会议中心',
    address: '(北京朝阳)北辰东路8号院北京国际会议中心，北京市朝阳区北辰东路8号院，一个很长的中文地址用于测试折行',
    city: 'Beijing',
    online: true,
    onlineUrl: 'https://meet.example.org/secret-room',
    organiser: 'own',
    organiserName: 'AHK Greater China',
    url: null,
    capacity: 10,
    registrationOpensAt: null,
    registrationClosesAt: null,
    sectors: [],
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...extra,
  };
}

/** Timed events: morning in Shanghai, one in Berlin in summer (CEST) and one in winter (CET). */
export const TIMED_EVENTS: readonly Event[] = [
  timedEvent(9001, 'Asia/Shanghai', '2024-03-05T09:30', '2024-03-05T17:00'),
  timedEvent(9002, 'Europe/Berlin', '2024-07-01T18:00', '2024-07-01T21:30'),
  timedEvent(9003, 'Europe/Berlin', '2024-01-15T09:00', '2024-01-16T12:00'),
];

/**
 * Timed events in zones whose rules changed: Brazil dropped DST in 2019, Mexico in 2022. A
 * VTIMEZONE from an outdated tz set would still shift these by an hour.
 */
export const CHANGED_RULES_EVENTS: readonly Event[] = [
  timedEvent(9004, 'America/Sao_Paulo', '2024-12-05T09:30', '2024-12-05T12:00'),
  timedEvent(9005, 'America/Mexico_City', '2024-07-01T10:00', '2024-07-01T11:00'),
];
