import { guardCell } from '../members/contacts-csv.js';
import type { Registration } from './registrations.js';

// The desk's registration export: one row per registration, one column per question asked.
// Cells a spreadsheet would run as a formula (= + - @ tab CR) get a leading `'`.

function quoteCell(value: string): string {
  const guarded = guardCell(value);
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export const REGISTRATION_CSV_COLUMNS = ['status', 'queue', 'name', 'email', 'company', 'registered_at', 'confirmed_at', 'cancelled_at', 'checked_in_at'] as const;

/** Registrations as CSV (LF line ends, RFC 4180 quoting, formula cells guarded). */
export function formatRegistrationsCsv(registrations: readonly Registration[]): string {
  const questions = [...new Set(registrations.flatMap((registration) => registration.answers.map((answer) => answer.question)))];
  const lines = [[...REGISTRATION_CSV_COLUMNS, ...questions].map(quoteCell).join(',')];
  let queue = 0;
  for (const registration of registrations) {
    const answers = new Map(registration.answers.map((answer) => [answer.question, answer.answer]));
    const position = registration.status === 'waitlisted' ? String(++queue) : '';
    lines.push(
      [
        registration.status, position, registration.name, registration.email, registration.company ?? '', registration.registeredAt,
        registration.confirmedAt ?? '', registration.cancelledAt ?? '', registration.checkedInAt ?? '', ...questions.map((question) => answers.get(question) ?? ''),
      ].map(quoteCell).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
