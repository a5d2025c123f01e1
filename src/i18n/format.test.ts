import { Settings } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  formatComparison, formatDate, formatDateRange, formatEventWhen, formatInteger, formatMonth, formatPercent,
  formatPointGap, formatShortDate, formatTime, formatTimeRange, zoneLabel,
} from './format.js';
import type { Language } from './languages.js';

// Instants are UTC; local times are worked out by hand in the comments (Shanghai is UTC+8 all
// year; Berlin UTC+1, UTC+2 from 31 March 2024 01:00Z to 27 October 2024 01:00Z).
const SHANGHAI = 'Asia/Shanghai';
const BERLIN = 'Europe/Berlin';
const byLanguage = (en: string, de: string, zh: string): [Language, string][] => [['en', en], ['de', de], ['zh', zh]];

describe('dates', () => {
  it.each(byLanguage('4 March 2024', '4. März 2024', '2024年3月4日'))('%s: a day in full', (language, expected) => {
    expect(formatDate(language, '2024-03-04')).toBe(expected);
  });

  it.each(byLanguage('4 March', '4. März', '3月4日'))('%s: a day without its year', (language, expected) => {
    expect(formatShortDate(language, '2024-03-04')).toBe(expected);
  });

  it.each(byLanguage('March 2024', 'März 2024', '2024年3月'))('%s: a month of a year', (language, expected) => {
    expect(formatMonth(language, '2024-03')).toBe(expected);
    expect(formatMonth(language, '2024-03-31')).toBe(expected);
  });

  it('takes the day an instant falls on in its zone, across month and year boundaries', () => {
    // 2024-02-29T16:30Z is 1 March 00:30 in Shanghai, still 29 February 17:30 in Berlin.
    expect(formatDate('en', { instant: '2024-02-29T16:30:00Z', zone: SHANGHAI })).toBe('1 March 2024');
    expect(formatDate('de', { instant: '2024-02-29T16:30:00Z', zone: BERLIN })).toBe('29. Februar 2024');
    // 2023-12-31T16:30Z is New Year's Day 00:30 in Shanghai.
    expect(formatDate('zh', { instant: '2023-12-31T16:30:00.000Z', zone: SHANGHAI })).toBe('2024年1月1日');
    expect(formatMonth('zh', { instant: '2023-12-31T16:30:00Z', zone: SHANGHAI })).toBe('2024年1月');
    expect(formatMonth('en', { instant: '2023-12-31T16:30:00Z', zone: BERLIN })).toBe('December 2023');
    expect(formatDate('en', { instant: new Date('2024-03-04T01:30:00Z'), zone: SHANGHAI })).toBe('4 March 2024');
    expect(formatShortDate('de', { instant: '2024-03-04T09:30:00+08:00', zone: BERLIN })).toBe('4. März');
  });
});

describe('date ranges', () => {
  it.each(byLanguage('4–6 March 2024', '4.–6. März 2024', '2024年3月4日至6日'))('%s: in one month', (language, expected) => {
    expect(formatDateRange(language, '2024-03-04', '2024-03-06')).toBe(expected);
  });

  it.each(byLanguage('28 February – 2 March 2024', '28. Februar – 2. März 2024', '2024年2月28日至3月2日'))('%s: across months', (language, expected) => {
    expect(formatDateRange(language, '2024-02-28', '2024-03-02')).toBe(expected);
  });

  it.each(byLanguage('30 December 2023 – 2 January 2024', '30. Dezember 2023 – 2. Januar 2024', '2023年12月30日至2024年1月2日'))('%s: across years', (language, expected) => {
    expect(formatDateRange(language, '2023-12-30', '2024-01-02')).toBe(expected);
  });

  it('shows one day once, and takes zoned instants', () => {
    expect(formatDateRange('de', '2024-03-04', '2024-03-04')).toBe('4. März 2024');
    // 2024-01-31T16:00Z is 1 February in Shanghai: the range stays in one month.
    expect(formatDateRange('en', { instant: '2024-01-31T16:00:00Z', zone: SHANGHAI }, '2024-02-03')).toBe('1–3 February 2024');
  });
});

describe('times and zones', () => {
  it.each(byLanguage('09:30', '09:30 Uhr', '09:30'))('%s: a time of day in its zone', (language, expected) => {
    expect(formatTime(language, '2024-03-04T01:30:00Z', SHANGHAI)).toBe(expected);
  });

  it.each(byLanguage('09:30–17:00', '09:30–17:00 Uhr', '09:30–17:00'))('%s: a time range on one day', (language, expected) => {
    expect(formatTimeRange(language, '2024-03-04T01:30:00Z', '2024-03-04T09:00:00Z', SHANGHAI)).toBe(expected);
  });

  it.each(byLanguage('China time (UTC+8)', 'chinesische Zeit (UTC+8)', '北京时间 (UTC+8)'))('%s: China', (language, expected) => {
    expect(zoneLabel(language, SHANGHAI, '2024-03-04T01:30:00Z')).toBe(expected);
  });

  it.each(byLanguage('German time (UTC+1)', 'deutsche Zeit (UTC+1)', '德国时间 (UTC+1)'))('%s: Germany in winter', (language, expected) => {
    expect(zoneLabel(language, BERLIN, '2024-03-04T08:30:00Z')).toBe(expected);
  });

  it('follows Berlin across both clock changes of 2024', () => {
    expect(zoneLabel('en', BERLIN, '2024-07-01T07:30:00Z')).toBe('German time (UTC+2)');
    // Spring: 00:59Z is 01:59 CET, 01:00Z is 03:00 CEST.
    expect(formatTime('en', '2024-03-31T00:59:00Z', BERLIN)).toBe('01:59');
    expect(zoneLabel('en', BERLIN, '2024-03-31T00:59:00Z')).toBe('German time (UTC+1)');
    expect(formatTime('en', '2024-03-31T01:00:00Z', BERLIN)).toBe('03:00');
    expect(zoneLabel('de', BERLIN, '2024-03-31T01:00:00Z')).toBe('deutsche Zeit (UTC+2)');
    // Autumn: 02:30 happens twice, first in summer time (00:30Z), then in winter time (01:30Z).
    expect(formatTime('de', '2024-10-27T00:30:00Z', BERLIN)).toBe('02:30 Uhr');
    expect(zoneLabel('zh', BERLIN, '2024-10-27T00:30:00Z')).toBe('德国时间 (UTC+2)');
    expect(formatTime('de', '2024-10-27T01:30:00Z', BERLIN)).toBe('02:30 Uhr');
    expect(zoneLabel('zh', BERLIN, '2024-10-27T01:30:00Z')).toBe('德国时间 (UTC+1)');
  });

  it('names any other zone by its IANA name with the offset at that instant', () => {
    expect(zoneLabel('en', 'America/New_York', '2024-03-04T14:30:00Z')).toBe('America/New_York (UTC−5)');
    expect(zoneLabel('de', 'America/New_York', '2024-07-04T14:30:00Z')).toBe('America/New_York (UTC−4)');
    expect(zoneLabel('zh', 'Asia/Kolkata', '2024-03-04T14:30:00Z')).toBe('Asia/Kolkata (UTC+5:30)');
    expect(zoneLabel('en', 'Europe/London', '2024-01-04T14:30:00Z')).toBe('Europe/London (UTC+0)');
    expect(zoneLabel('en', 'UTC', '2024-01-04T14:30:00Z')).toBe('UTC');
  });
});

describe('an event’s when-line', () => {
  const oneDay = { starts: '2024-03-04T01:30:00Z', ends: '2024-03-04T09:00:00Z', timeZone: SHANGHAI };

  it.each(byLanguage(
    '4 March 2024, 09:30–17:00 China time (UTC+8)',
    '4. März 2024, 09:30–17:00 Uhr chinesische Zeit (UTC+8)',
    '2024年3月4日 09:30–17:00 北京时间 (UTC+8)',
  ))('%s: one day', (language, expected) => {
    expect(formatEventWhen(language, oneDay)).toBe(expected);
  });

  it.each(byLanguage('4–6 March 2024', '4.–6. März 2024', '2024年3月4日至6日'))('%s: several days show only the days', (language, expected) => {
    expect(formatEventWhen(language, { starts: '2024-03-04T01:30:00Z', ends: '2024-03-06T09:00:00Z', timeZone: SHANGHAI })).toBe(expected);
  });

  it('ends an all-day event on the day before its exclusive midnight', () => {
    // Midnight in Shanghai is 16:00Z the day before.
    expect(formatEventWhen('en', { starts: '2024-03-03T16:00:00Z', ends: '2024-03-06T16:00:00Z', timeZone: SHANGHAI, allDay: true })).toBe('4–6 March 2024');
    expect(formatEventWhen('zh', { starts: '2024-03-03T16:00:00Z', ends: '2024-03-04T16:00:00Z', timeZone: SHANGHAI, allDay: true })).toBe('2024年3月4日');
    expect(formatEventWhen('de', { starts: '2024-12-29T16:00:00Z', ends: '2025-01-02T16:00:00Z', timeZone: SHANGHAI, allDay: true })).toBe('30. Dezember 2024 – 2. Januar 2025');
  });

  it('uses the day and offset of the event’s zone, and both offsets on the night clocks change', () => {
    // 23:00Z on 3 March is already 4 March 07:00 in Shanghai.
    expect(formatEventWhen('en', { starts: '2024-03-03T23:00:00Z', ends: '2024-03-04T01:00:00Z', timeZone: SHANGHAI })).toBe('4 March 2024, 07:00–09:00 China time (UTC+8)');
    expect(formatEventWhen('en', { starts: new Date('2024-07-01T07:30:00Z'), ends: new Date('2024-07-01T15:00:00Z'), timeZone: BERLIN })).toBe('1 July 2024, 09:30–17:00 German time (UTC+2)');
    // 00:00Z is 01:00 CET, 02:00Z is 04:00 CEST.
    expect(formatEventWhen('de', { starts: '2024-03-31T00:00:00Z', ends: '2024-03-31T02:00:00Z', timeZone: BERLIN })).toBe('31. März 2024, 01:00–04:00 Uhr deutsche Zeit (UTC+1 → UTC+2)');
  });

  it('does not depend on luxon’s default locale or numbering system', () => {
    const [locale, numbering] = [Settings.defaultLocale, Settings.defaultNumberingSystem];
    Settings.defaultLocale = 'ar-EG';
    Settings.defaultNumberingSystem = 'arab';
    try {
      const line = formatEventWhen('zh', oneDay);
      expect(line).toBe('2024年3月4日 09:30–17:00 北京时间 (UTC+8)');
      expect(line.replace(/[0-9]/g, '')).not.toMatch(/\p{Nd}/u);
    } finally {
      Settings.defaultLocale = locale;
      Settings.defaultNumberingSystem = numbering;
    }
  });
});

describe('figures', () => {
  it.each(byLanguage('2,500', '2.500', '2,500'))('%s: a whole number with grouping', (language, expected) => {
    expect(formatInteger(language, 2500)).toBe(expected);
  });

  it('groups every three digits and writes a real minus', () => {
    expect(formatInteger('de', 1234567)).toBe('1.234.567');
    expect(formatInteger('en', 999)).toBe('999');
    expect(formatInteger('en', 0)).toBe('0');
    expect(formatInteger('en', -2500)).toBe('−2,500');
  });

  it.each(byLanguage('55%', '55 %', '55%'))('%s: a share as a percentage', (language, expected) => {
    expect(formatPercent(language, 0.55)).toBe(expected);
  });

  it('rounds shares half away from zero, with decimals in the language’s style', () => {
    expect(formatPercent('en', 0.125)).toBe('13%');
    expect(formatPercent('en', 0.546875, 1)).toBe('54.7%');
    expect(formatPercent('de', 0.546875, 1)).toBe('54,7 %');
    expect(formatPercent('zh', 0.005, 2)).toBe('0.50%');
    expect(formatPercent('de', 12.5)).toBe('1.250 %');
  });

  it.each(byLanguage('+21 pp', '+21 Pp.', '+21个百分点'))('%s: a gap in percentage points', (language, expected) => {
    expect(formatPointGap(language, 20.76)).toBe(expected);
  });

  it('signs gaps with a real minus, and a gap that rounds to nothing with ±', () => {
    expect(formatPointGap('en', -3.2)).toBe('−3 pp');
    expect(formatPointGap('en', -3.5)).toBe('−4 pp');
    expect(formatPointGap('en', 2.5)).toBe('+3 pp');
    expect(formatPointGap('de', 0.2)).toBe('±0 Pp.');
    expect(formatPointGap('de', 20.76, 1)).toBe('+20,8 Pp.');
    expect(formatPointGap('zh', -0.04, 1)).toBe('±0.0个百分点');
  });

  it.each(byLanguage('55% vs. 34% (+21 pp)', '55 % vs. 34 % (+21 Pp.)', '55% 对比 34%（+21个百分点）'))('%s: a comparison', (language, expected) => {
    // 35/64 = 54.6875 %, 114/336 = 33.9286 %, gap 20.759 pp.
    expect(formatComparison(language, 35 / 64, 114 / 336)).toBe(expected);
  });

  it('gives a comparison decimals when whole numbers would not add up', () => {
    // 54.5 % vs 34.4 % is +20.1 pp, but would show as 55% vs 34% (+20 pp).
    expect(formatComparison('en', 109 / 200, 688 / 2000)).toBe('54.5% vs. 34.4% (+20.1 pp)');
    expect(formatComparison('de', 109 / 200, 688 / 2000)).toBe('54,5 % vs. 34,4 % (+20,1 Pp.)');
    expect(formatComparison('zh', 0.005, 0.0045)).toBe('0.50% 对比 0.45%（+0.05个百分点）');
    expect(formatComparison('en', 0.31, 0.34)).toBe('31% vs. 34% (−3 pp)');
  });
});

describe('bad input', () => {
  it('throws an Error naming the value', () => {
    expect(() => formatDate('en', '2023-02-29')).toThrow('invalid date "2023-02-29"');
    expect(() => formatDate('en', '4 March 2024')).toThrow('invalid date "4 March 2024"');
    expect(() => formatMonth('en', '2024-13')).toThrow('invalid month "2024-13"');
    expect(() => formatTime('en', '2024-03-04T09:30', SHANGHAI)).toThrow('invalid instant "2024-03-04T09:30"');
    expect(() => formatTime('en', '2024-03-04', SHANGHAI)).toThrow('invalid instant "2024-03-04"');
    expect(() => formatTime('en', new Date(Number.NaN), SHANGHAI)).toThrow('invalid instant "Invalid Date"');
    expect(() => zoneLabel('en', 'Mars/Olympus', '2024-03-04T01:30:00Z')).toThrow('unknown time zone "Mars/Olympus"');
    expect(() => formatDate('en', { instant: '2024-03-04T01:30:00Z', zone: 'local' })).toThrow('unknown time zone "local"');
    expect(() => formatDate('fr' as Language, '2024-03-04')).toThrow('unknown language "fr"');
  });

  it('refuses ranges that end before they start, or times that span days', () => {
    expect(() => formatDateRange('en', '2024-03-06', '2024-03-04')).toThrow('date range ends before it starts: 2024-03-06 – 2024-03-04');
    expect(() => formatTimeRange('en', '2024-03-04T09:00:00Z', '2024-03-04T01:30:00Z', SHANGHAI)).toThrow('time range ends before it starts');
    // 15:00Z–17:00Z is 23:00–01:00 in Shanghai.
    expect(() => formatTimeRange('en', '2024-03-04T15:00:00Z', '2024-03-04T17:00:00Z', SHANGHAI)).toThrow('spans more than one day in Asia/Shanghai');
    expect(() => formatEventWhen('en', { starts: '2024-03-04T09:00:00Z', ends: '2024-03-04T01:30:00Z', timeZone: SHANGHAI })).toThrow('event ends before it starts');
  });

  it('refuses numbers that are not what the format shows', () => {
    expect(() => formatInteger('en', 2.5)).toThrow('not a whole number: 2.5');
    expect(() => formatInteger('en', Number.MAX_SAFE_INTEGER + 1)).toThrow('not a whole number');
    expect(() => formatPercent('en', Number.NaN)).toThrow('share is not a finite number: NaN');
    expect(() => formatPointGap('en', Number.POSITIVE_INFINITY)).toThrow('gap is not a finite number: Infinity');
    expect(() => formatPercent('en', 0.5, 7)).toThrow('decimals must be a whole number from 0 to 6, not 7');
    expect(() => formatComparison('en', 0.5, Number.NaN)).toThrow('compared share is not a finite number');
  });
});
