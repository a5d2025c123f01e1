import { guardCell } from '../members/contacts-csv.js';
import type { PairView } from './matching.service.js';
import { areaLabel, slotLabel, type Registration } from './registrations.js';

// The cohort roster as CSV: one line per registration, with whom they are paired in the given
// matching. Cells a spreadsheet would run as a formula are guarded with a leading `'`, as in the
// contacts export (text people typed reaches this file).

export const ROSTER_COLUMNS = [
  'role', 'name', 'email', 'company', 'paired_with', 'score', 'areas', 'sector', 'languages', 'city', 'time_zone', 'availability', 'capacity', 'not_own_company', 'in_their_words', 'sample',
] as const;

function cell(value: string): string {
  const guarded = guardCell(value);
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** The roster: registrations by role and name, each with their partners in `pairs` (empty when there is no matching yet). */
export function formatRosterCsv(registrations: readonly Registration[], pairs: readonly PairView[]): string {
  const lines = [ROSTER_COLUMNS.join(',')];
  for (const one of registrations) {
    const mine = pairs.filter((pair) => pair.mentor.id === one.id || pair.mentee.id === one.id);
    const partners = mine.map((pair) => (pair.mentor.id === one.id ? pair.mentee : pair.mentor)).map((other) => `${other.name} <${other.email}>`);
    lines.push(
      [
        one.role, one.name, one.email, one.company ?? '', partners.join('; '), mine.length > 0 ? String(mine.reduce((sum, pair) => sum + pair.points, 0) / 100) : '',
        one.areas.map(areaLabel).join('; '), one.sector ?? '', one.languages.join(';'), one.city ?? '', one.timeZone ?? '', one.availability.map(slotLabel).join('; '),
        one.capacity === null ? '' : String(one.capacity), one.notOwnCompany ? 'yes' : 'no', one.goals, one.sample ? 'yes' : 'no',
      ].map(cell).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
