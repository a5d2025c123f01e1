import type { ConsentEvent } from '../consent/consent.js';
import type { Problem } from '../lib/errors.js';

// The contacts CSV's optional seventh column, `consent` (docs/members.md, "Consent"): when and
// where the person agreed to the newsletter, written `YYYY-MM-DD <source text>`, e.g.
// `2024-03-01 X-Days sign-up sheet`. Empty: no consent on record (a new contact is then
// imported not subscribed). Pure: parsing and writing the cell only.

/** The column's name; the header may end with it or leave it out. */
export const CONSENT_COLUMN = 'consent';

/** A consent as the file states it. */
export interface CsvConsent {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly text: string;
}

const CELL = /^(\d{4})-(\d{2})-(\d{2})\s+(\S[\s\S]*)$/;
const EXAMPLE = '"2024-03-01 X-Days sign-up sheet"';

/** Reads a consent cell: null when empty, else the consent or a problem naming the line. */
export function parseConsentCell(cell: string, line: number, today: string): { consent: CsvConsent | null } | { problem: Problem } {
  const value = cell.trim();
  if (value === '') return { consent: null };
  const match = CELL.exec(value);
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  if (!match) return { problem: { line, message: `consent must be a date and where it was given, like ${EXAMPLE} (found "${shown}")` } };
  const [, year, month, day, text] = match as unknown as [string, string, string, string, string];
  const date = `${year}-${month}-${day}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) return { problem: { line, message: `consent date ${date} is not a calendar date (write YYYY-MM-DD, like ${EXAMPLE})` } };
  if (date > today) return { problem: { line, message: `consent date ${date} is in the future` } };
  if (text.trim().length > 300) return { problem: { line, message: 'consent text is longer than 300 characters' } };
  return { consent: { date, text: text.trim().replace(/\s+/g, ' ') } };
}

/** The ledger's `source` of an imported consent: the file's name and the cell's text. */
export function importConsentSource(fileName: string, consent: CsvConsent): string {
  return `${fileName}: ${consent.text}`;
}

/**
 * A contact's latest confirmation as the export writes it: its date and, for an imported one,
 * the text the file gave (without the file name, so export and import round-trip); for others
 * where it came from (`form /subscribe`, `link /subscribe/confirm`, `desk staff 3 …`).
 */
export function csvConsentOf(event: ConsentEvent | undefined): CsvConsent | null {
  if (!event) return null;
  const date = event.occurredAt.slice(0, 10);
  if (event.sourceKind === 'import') {
    const colon = event.source.indexOf(': ');
    return { date, text: colon >= 0 ? event.source.slice(colon + 2) : event.source };
  }
  return { date, text: `${event.sourceKind} ${event.source}` };
}

/** The cell of a consent, '' for none. */
export function formatConsentCell(consent: CsvConsent | null): string {
  return consent ? `${consent.date} ${consent.text}` : '';
}
