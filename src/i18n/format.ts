import { DateTime, IANAZone } from 'luxon';
import { isLanguage, type Language } from './languages.js';

// Dates, times and figures as our pages and emails show them, per language. The strings are built
// from the patterns below, not by Intl: Node's ICU output changes between versions (Node 20 and 22
// differ) and its Chinese ranges ("2024/3/4 – 2024/3/6") are not our style. Digits are always
// ASCII and the month names are listed here, so the output is the same on every Node. Times are
// read from luxon's numeric fields only (never its locale). Bad input throws, naming the value.

/** An instant: an ISO date-time with its offset (`2024-03-04T01:30:00Z`) or a Date. */
export type Instant = string | Date;

/** A calendar day: an ISO date (`2024-03-04`), or the day an instant falls on in an IANA zone. */
export type Day = string | { readonly instant: Instant; readonly zone: string };

/** An event's span in its zone; an all-day event ends (exclusively) at the midnight after its last day. */
export interface EventWhen {
  readonly starts: Instant;
  readonly ends: Instant;
  readonly timeZone: string;
  readonly allDay?: boolean;
}

type Ymd = Pick<DateTime, 'year' | 'month' | 'day'>;

interface Patterns {
  readonly date: (d: Ymd) => string;
  readonly shortDate: (d: Ymd) => string;
  readonly month: (d: Ymd) => string;
  readonly sameMonth: (first: Ymd, last: Ymd) => string;
  readonly sameYear: (first: Ymd, last: Ymd) => string;
  readonly otherYears: (first: Ymd, last: Ymd) => string;
  readonly time: (clock: string) => string;
  readonly when: (date: string, times: string, zone: string) => string;
  readonly percent: (number: string) => string;
  readonly points: (signedNumber: string) => string;
  readonly comparison: (share: string, compared: string, gap: string) => string;
  readonly group: string;
  readonly decimal: string;
  /** Names of the zones our readers know by name; any other zone shows its IANA name. */
  readonly zones: Readonly<Record<string, string>>;
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DE_MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

const enShort = (d: Ymd) => `${d.day} ${EN_MONTHS[d.month - 1]}`;
const enDate = (d: Ymd) => `${enShort(d)} ${d.year}`;
const deShort = (d: Ymd) => `${d.day}. ${DE_MONTHS[d.month - 1]}`;
const deDate = (d: Ymd) => `${deShort(d)} ${d.year}`;
const zhShort = (d: Ymd) => `${d.month}月${d.day}日`;
const zhDate = (d: Ymd) => `${d.year}年${zhShort(d)}`;

const PATTERNS: Readonly<Record<Language, Patterns>> = {
  en: {
    date: enDate,
    shortDate: enShort,
    month: (d) => `${EN_MONTHS[d.month - 1]} ${d.year}`,
    sameMonth: (first, last) => `${first.day}–${enDate(last)}`,
    sameYear: (first, last) => `${enShort(first)} – ${enDate(last)}`,
    otherYears: (first, last) => `${enDate(first)} – ${enDate(last)}`,
    time: (clock) => clock,
    when: (date, times, zone) => `${date}, ${times} ${zone}`,
    percent: (number) => `${number}%`,
    points: (number) => `${number} pp`,
    comparison: (share, compared, gap) => `${share} vs. ${compared} (${gap})`,
    group: ',',
    decimal: '.',
    zones: { 'Asia/Shanghai': 'China time', 'Europe/Berlin': 'German time' },
  },
  de: {
    date: deDate,
    shortDate: deShort,
    month: (d) => `${DE_MONTHS[d.month - 1]} ${d.year}`,
    sameMonth: (first, last) => `${first.day}.–${deDate(last)}`,
    sameYear: (first, last) => `${deShort(first)} – ${deDate(last)}`,
    otherYears: (first, last) => `${deDate(first)} – ${deDate(last)}`,
    time: (clock) => `${clock} Uhr`,
    when: (date, times, zone) => `${date}, ${times} ${zone}`,
    percent: (number) => `${number} %`,
    points: (number) => `${number} Pp.`,
    comparison: (share, compared, gap) => `${share} vs. ${compared} (${gap})`,
    group: '.',
    decimal: ',',
    zones: { 'Asia/Shanghai': 'chinesische Zeit', 'Europe/Berlin': 'deutsche Zeit' },
  },
  zh: {
    date: zhDate,
    shortDate: zhShort,
    month: (d) => `${d.year}年${d.month}月`,
    sameMonth: (first, last) => `${zhDate(first)}至${last.day}日`,
    sameYear: (first, last) => `${zhDate(first)}至${zhShort(last)}`,
    otherYears: (first, last) => `${zhDate(first)}至${zhDate(last)}`,
    time: (clock) => clock,
    when: (date, times, zone) => `${date} ${times} ${zone}`,
    percent: (number) => `${number}%`,
    points: (number) => `${number}个百分点`,
    comparison: (share, compared, gap) => `${share} 对比 ${compared}（${gap}）`,
    group: ',',
    decimal: '.',
    zones: { 'Asia/Shanghai': '北京时间', 'Europe/Berlin': '德国时间' },
  },
};

/** A day in full: "4 March 2024", "4. März 2024", "2024年3月4日". */
export function formatDate(language: Language, date: Day): string {
  return patternsOf(language).date(dayOf(date));
}

/** A day without its year: "4 March", "4. März", "3月4日". */
export function formatShortDate(language: Language, date: Day): string {
  return patternsOf(language).shortDate(dayOf(date));
}

/** A month of a year (`2024-03` or any day in it): "March 2024", "März 2024", "2024年3月". */
export function formatMonth(language: Language, month: string | Day): string {
  const patterns = patternsOf(language);
  if (typeof month === 'string' && /^\d{4}-\d{2}$/.test(month)) {
    const first = DateTime.fromISO(`${month}-01`, { zone: 'utc' });
    if (!first.isValid) throw new Error(`invalid month "${month}" (expected YYYY-MM)`);
    return patterns.month(first);
  }
  return patterns.month(dayOf(month));
}

/** Days from `first` to `last`, both included: "4–6 March 2024", "4.–6. März 2024", "2024年3月4日至6日". */
export function formatDateRange(language: Language, first: Day, last: Day): string {
  return rangeOf(patternsOf(language), dayOf(first), dayOf(last));
}

/** The time of day of an instant in `zone`: "09:30", "09:30 Uhr". */
export function formatTime(language: Language, instant: Instant, zone: string): string {
  return patternsOf(language).time(clockOf(zonedTime(instant, zone)));
}

/** From `start` to `end` on one local day of `zone`: "09:30–17:00", "09:30–17:00 Uhr". */
export function formatTimeRange(language: Language, start: Instant, end: Instant, zone: string): string {
  const [from, to] = [zonedTime(start, zone), zonedTime(end, zone)];
  if (to < from) throw new Error(`time range ends before it starts: ${String(start)} – ${String(end)}`);
  if (from.toISODate() !== to.toISODate()) throw new Error(`time range ${String(start)} – ${String(end)} spans more than one day in ${zone}`);
  return patternsOf(language).time(`${clockOf(from)}–${clockOf(to)}`);
}

/** The zone as readers know it, with its offset at `instant`: "China time (UTC+8)", any other "America/New_York (UTC−5)". */
export function zoneLabel(language: Language, zone: string, instant: Instant): string {
  return labelOf(patternsOf(language), zone, [zonedTime(instant, zone).offset]);
}

/**
 * An event's when-line: one day "4 March 2024, 09:30–17:00 China time (UTC+8)", several days (or
 * all-day) only the days, "4–6 March 2024". On the night clocks change both offsets show.
 */
export function formatEventWhen(language: Language, event: EventWhen): string {
  const patterns = patternsOf(language);
  const start = zonedTime(event.starts, event.timeZone);
  const end = zonedTime(event.ends, event.timeZone);
  if (end < start) throw new Error(`event ends before it starts: ${String(event.starts)} – ${String(event.ends)}`);
  if (event.allDay) return rangeOf(patterns, start, end.minus({ days: 1 }));
  if (start.toISODate() !== end.toISODate()) return rangeOf(patterns, start, end);
  const times = formatTimeRange(language, event.starts, event.ends, event.timeZone);
  return patterns.when(patterns.date(start), times, labelOf(patterns, event.timeZone, [start.offset, end.offset]));
}

/** A whole number with grouping: "2,500", "2.500". */
export function formatInteger(language: Language, value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not a whole number: ${value}`);
  return numberOf(patternsOf(language), value, 0);
}

/** A share (0..1) as a percentage, rounded half away from zero: 0.55 → "55%", "55 %". */
export function formatPercent(language: Language, share: number, decimals = 0): string {
  checkFinite(share, 'share');
  const patterns = patternsOf(language);
  return patterns.percent(numberOf(patterns, roundHalfAwayFromZero(share * 100, decimals), decimals));
}

/** A gap in percentage points with its sign: 21 → "+21 pp", "+21 Pp.", "+21个百分点"; −3 → "−3 pp"; 0 → "±0 pp". */
export function formatPointGap(language: Language, points: number, decimals = 0): string {
  checkFinite(points, 'gap');
  const patterns = patternsOf(language);
  const rounded = roundHalfAwayFromZero(points, decimals);
  const sign = rounded > 0 ? '+' : rounded < 0 ? '' : '±';
  return patterns.points(`${sign}${numberOf(patterns, rounded, decimals)}`);
}

/**
 * Two shares and their gap: "55% vs. 34% (+21 pp)". The gap is the exact one, rounded; when whole
 * numbers would make it disagree with the shown shares (54.5% vs 34.4% is +20.1 pp), all three get
 * one decimal, or two (as reports/findings.ts does).
 */
export function formatComparison(language: Language, share: number, comparedShare: number): string {
  checkFinite(share, 'share');
  checkFinite(comparedShare, 'compared share');
  const gap = (share - comparedShare) * 100;
  const addsUp = (decimals: number) => {
    const shown = (value: number) => roundHalfAwayFromZero(value * 100, decimals);
    return roundHalfAwayFromZero(shown(share) - shown(comparedShare), decimals) === roundHalfAwayFromZero(gap, decimals);
  };
  const decimals = [0, 1].find(addsUp) ?? 2;
  return patternsOf(language).comparison(
    formatPercent(language, share, decimals),
    formatPercent(language, comparedShare, decimals),
    formatPointGap(language, gap, decimals),
  );
}

/** A decimal number, rounded half away from zero, with the language's separators: 3.898 → "3.90", "3,90"; negatives with a real minus. */
export function formatDecimal(language: Language, value: number, decimals: number): string {
  checkFinite(value, 'number');
  return numberOf(patternsOf(language), roundHalfAwayFromZero(value, decimals), decimals);
}

function patternsOf(language: Language): Patterns {
  if (!isLanguage(language)) throw new Error(`unknown language "${String(language)}" (expected en, de or zh)`);
  return PATTERNS[language];
}

function rangeOf(patterns: Patterns, first: DateTime, last: DateTime): string {
  const [from, to] = [first.toISODate()!, last.toISODate()!];
  if (to < from) throw new Error(`date range ends before it starts: ${from} – ${to}`);
  if (from === to) return patterns.date(first);
  if (first.year !== last.year) return patterns.otherYears(first, last);
  return first.month === last.month ? patterns.sameMonth(first, last) : patterns.sameYear(first, last);
}

function labelOf(patterns: Patterns, zone: string, offsets: readonly number[]): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  return `${patterns.zones[zone] ?? zone} (${[...new Set(offsets)].map(offsetOf).join(' → ')})`;
}

/** "UTC+8", "UTC+5:30", "UTC−3" (a real minus), "UTC+0". */
function offsetOf(minutes: number): string {
  const [hours, rest] = [Math.floor(Math.abs(minutes) / 60), Math.abs(minutes) % 60];
  return `UTC${minutes < 0 ? '−' : '+'}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

function dayOf(day: Day): DateTime {
  if (typeof day !== 'string') return zonedTime(day.instant, day.zone);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(day) ? DateTime.fromISO(day, { zone: 'utc' }) : null;
  if (!date?.isValid) throw new Error(`invalid date "${day}" (expected YYYY-MM-DD)`);
  return date;
}

function zonedTime(instant: Instant, zone: string): DateTime {
  // A string without an offset would be read in some zone we did not choose, so it is refused.
  const time =
    instant instanceof Date ? DateTime.fromJSDate(instant)
    : /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(instant) ? DateTime.fromISO(instant)
    : null;
  if (!time?.isValid) throw new Error(`invalid instant "${String(instant)}" (expected an ISO date-time with an offset, e.g. 2024-03-04T01:30:00Z)`);
  if (!IANAZone.isValidZone(zone)) throw new Error(`unknown time zone "${zone}" (expected an IANA name, e.g. Asia/Shanghai)`);
  return time.setZone(zone);
}

function clockOf(time: DateTime): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/** `value` already rounded to `decimals`, grouped, with the language's separators and a real minus. */
function numberOf(patterns: Patterns, value: number, decimals: number): string {
  const [whole = '', fraction] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, patterns.group);
  return `${value < 0 ? '−' : ''}${grouped}${fraction ? patterns.decimal + fraction : ''}`;
}

function roundHalfAwayFromZero(value: number, decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) throw new Error(`decimals must be a whole number from 0 to 6, not ${decimals}`);
  const factor = 10 ** decimals;
  // Guard against 54.999999 from binary fractions before rounding.
  const cleaned = Math.round(value * factor * 1e6) / 1e6;
  return (Math.sign(cleaned) * Math.round(Math.abs(cleaned))) / factor;
}

function checkFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new Error(`${what} is not a finite number: ${value}`);
}
