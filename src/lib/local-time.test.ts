import { describe, expect, it } from 'vitest';
import { dayAfterToInstant, formatEventSpan, instantToLocal, lastDayOf, localToInstant, zoneLabel } from './local-time.js';

describe('event time', () => {
  it('stores Shanghai local times as UTC and reads them back', () => {
    expect(localToInstant('2024-03-04T09:30', 'Asia/Shanghai')).toBe('2024-03-04T01:30:00.000Z');
    expect(instantToLocal('2024-03-04T01:30:00.000Z', 'Asia/Shanghai')).toBe('2024-03-04T09:30');
  });

  it('keeps all-day ranges on the local calendar', () => {
    const startsAt = localToInstant('2024-03-04', 'Asia/Shanghai');
    const endsAt = dayAfterToInstant('2024-03-06', 'Asia/Shanghai');
    expect(startsAt).toBe('2024-03-03T16:00:00.000Z');
    expect(endsAt).toBe('2024-03-06T16:00:00.000Z');
    expect(lastDayOf(endsAt, 'Asia/Shanghai')).toBe('2024-03-06');
    expect(formatEventSpan({ startsAt, endsAt, timeZone: 'Asia/Shanghai', allDay: true })).toBe('March 4–6, 2024');
  });

  it('formats one day, month-spanning ranges and timed events with the zone label', () => {
    const oneDay = { startsAt: localToInstant('2023-12-10', 'Asia/Shanghai'), endsAt: dayAfterToInstant('2023-12-10', 'Asia/Shanghai') };
    expect(formatEventSpan({ ...oneDay, timeZone: 'Asia/Shanghai', allDay: true })).toBe('December 10, 2023');
    const span = { startsAt: localToInstant('2023-11-28', 'Asia/Shanghai'), endsAt: dayAfterToInstant('2023-12-02', 'Asia/Shanghai') };
    expect(formatEventSpan({ ...span, timeZone: 'Asia/Shanghai', allDay: true })).toBe('November 28 – December 2, 2023');
    const timed = {
      startsAt: localToInstant('2023-11-08T09:30', 'Asia/Shanghai'),
      endsAt: localToInstant('2023-11-08T17:00', 'Asia/Shanghai'),
      timeZone: 'Asia/Shanghai',
      allDay: false,
    };
    expect(formatEventSpan(timed)).toBe('November 8, 2023, 09:30–17:00 CST');
  });

  it('labels each end of a time range on the night the clocks change', () => {
    const span = {
      startsAt: localToInstant('2024-10-27T01:00', 'Europe/Berlin'),
      endsAt: localToInstant('2024-10-27T04:00', 'Europe/Berlin'),
      timeZone: 'Europe/Berlin',
      allDay: false,
    };
    expect(formatEventSpan(span)).toBe('October 27, 2024, 01:00 CEST–04:00 CET');
  });

  it('labels German summer and winter time', () => {
    expect(zoneLabel('2024-07-01T10:00:00.000Z', 'Europe/Berlin')).toBe('CEST');
    expect(zoneLabel('2024-01-01T10:00:00.000Z', 'Europe/Berlin')).toBe('CET');
  });
});
