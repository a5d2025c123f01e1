import { readCsvRecords, type LocatedRecord } from '../lib/csv-records.js';
import { z } from 'zod';
import type { Problem } from '../lib/errors.js';
import { checkRole, companyKey, emailKey, LANGUAGES, type Language, type Membership } from './members.js';
import { CONSENT_COLUMN, formatConsentCell, parseConsentCell, type CsvConsent } from './contacts-csv-consent.js';

// The contacts CSV (DESIGN.md, docs/desk/people.md): one header line, then one contact per
// record. This module is pure: it turns bytes into validated rows (or every problem with its
// line number) and rows back into bytes. What needs the database lives in the import service.

/** The header, exactly; it may add `role` (the contact's job title), then `consent` (contacts-csv-consent.ts). */
export const CONTACTS_CSV_COLUMNS = ['email', 'name', 'company', 'member', 'language', 'topics'] as const;

/** The optional column with the contact's role (job title); a file without it leaves roles as they are. */
export const ROLE_COLUMN = 'role';

/** One valid record of the file. */
export interface ContactsCsvRow {
  /** The CSV line the record starts on (the header is line 1). */
  readonly line: number;
  readonly email: string;
  readonly emailKey: string;
  readonly name: string;
  /** Absent for a public subscriber. */
  readonly company: { readonly name: string; readonly key: string; readonly membership: Membership } | null;
  readonly language: Language;
  /** Topic slugs, without repeats; empty means all topics. */
  readonly topics: readonly string[];
  /** The `role` column ('' clears a role); null when the file has no `role` column. */
  readonly role: string | null;
  /** The `consent` column: when and where the person agreed to the newsletter; null when empty or absent. */
  readonly consent: CsvConsent | null;
}

/** What `parseContactsCsv` found: valid rows, and every problem (nothing to import if any). */
export interface ParsedContactsCsv {
  readonly rows: readonly ContactsCsvRow[];
  readonly problems: readonly Problem[];
}

/** A contact as the export writes it. */
export interface ContactsCsvRecord {
  readonly email: string;
  readonly name: string;
  readonly company: { readonly name: string; readonly membership: Membership } | null;
  readonly language: Language;
  readonly topics: readonly string[];
  readonly role: string;
  /** The latest newsletter confirmation (contacts-csv-consent.ts `csvConsentOf`), or null. */
  readonly consent: CsvConsent | null;
}

// Spreadsheets run a cell that starts with one of these as a formula. The export writes such a
// cell with a leading `'` (which spreadsheets show as text); the import removes exactly one `'`
// before these characters, so a cell that already started with `'` gets one more on export.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED = /^'(?='*[=+\-@\t\r])/;

/** A cell as written to the file: prefixed with `'` when a spreadsheet would run it as a formula. */
export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell as read from the file: the export's `'` guard removed again. */
export function unguardCell(value: string): string {
  return value.replace(GUARDED, '');
}

/** One record's cells, checked one by one; cross-row rules are checked afterwards. */
const recordSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'email is missing')
    .max(254, 'email is longer than 254 characters')
    .email('email is not a valid address'),
  name: z.string().trim().max(200, 'name is longer than 200 characters'),
  company: z.string().trim().max(200, 'company is longer than 200 characters'),
  member: z.string().trim().toLowerCase().pipe(z.enum(['yes', 'no', ''], { errorMap: () => ({ message: 'member must be yes or no' }) })),
  language: z
    .string()
    .trim()
    .toLowerCase()
    .transform((value) => value || 'en')
    .pipe(z.enum(LANGUAGES, { errorMap: () => ({ message: `language must be one of ${LANGUAGES.join(', ')} (or empty for en)` }) })),
  topics: z.string().transform((value) => [...new Set(value.split(';').map((slug) => slug.trim().toLowerCase()).filter(Boolean))]),
});

type RecordValues = z.output<typeof recordSchema>;

/** The header's columns (the six, then optionally `role`, then optionally `consent`), or the problem with it. */
function readHeader(cells: readonly string[] | undefined): { columns: readonly string[] } | { problem: Problem } {
  const header = (cells ?? []).map((cell) => cell.trim());
  const six = CONTACTS_CSV_COLUMNS.join(',');
  for (const extra of [[], [ROLE_COLUMN], [CONSENT_COLUMN], [ROLE_COLUMN, CONSENT_COLUMN]]) {
    const columns = [...CONTACTS_CSV_COLUMNS, ...extra];
    if (header.join(',') === columns.join(',')) return { columns };
  }
  return { problem: { line: 1, message: `the header must be exactly ${six}, optionally followed by ,${ROLE_COLUMN} and then ,${CONSENT_COLUMN} (found ${header.length > 0 ? header.join(',') : 'nothing'})` } };
}

/** A record's values, or its problems; `emailKey` is set whenever the address itself is valid. */
interface CheckedRecord {
  readonly values?: RecordValues;
  readonly emailKey?: string;
  readonly problems: readonly Problem[];
}

function checkRecord(record: LocatedRecord, topics: ReadonlySet<string>, columns: readonly string[], today: string): CheckedRecord & { consent?: CsvConsent | null; role?: string | null } {
  if (record.cells.length !== columns.length) {
    return { problems: [{ line: record.line, message: `expected ${columns.length} fields (${columns.join(',')}), found ${record.cells.length}` }] };
  }
  const consentAt = columns.indexOf(CONSENT_COLUMN);
  const roleAt = columns.indexOf(ROLE_COLUMN);
  const consent = consentAt >= 0 ? parseConsentCell(unguardCell(record.cells[consentAt]!), record.line, today) : { consent: null };
  const role = roleAt >= 0 ? checkRole(unguardCell(record.cells[roleAt]!)) : { role: null };
  const raw = Object.fromEntries(CONTACTS_CSV_COLUMNS.map((column, index) => [column, unguardCell(record.cells[index]!)]));
  const parsed = recordSchema.safeParse(raw);
  if (!parsed.success) {
    const email = recordSchema.shape.email.safeParse(raw.email);
    const problems = parsed.error.issues.map((issue) => ({ line: record.line, message: issue.message }));
    if ('problem' in role) problems.push({ line: record.line, message: role.problem });
    return { emailKey: email.success ? emailKey(email.data) : undefined, problems: 'problem' in consent ? [...problems, consent.problem] : problems };
  }
  const values = parsed.data;
  const problems: Problem[] = 'problem' in consent ? [consent.problem] : [];
  if ('problem' in role) problems.push({ line: record.line, message: role.problem });
  if (values.member === 'yes' && values.company === '') problems.push({ line: record.line, message: 'member is yes but company is empty' });
  if (values.company !== '' && values.member === '') problems.push({ line: record.line, message: `member must be yes or no for company "${values.company}"` });
  const unknown = values.topics.filter((slug) => !topics.has(slug));
  if (unknown.length > 0) {
    problems.push({ line: record.line, message: `unknown topic${unknown.length === 1 ? '' : 's'} ${unknown.map((slug) => `"${slug}"`).join(', ')} (known: ${[...topics].join(', ')})` });
  }
  return { values: problems.length > 0 ? undefined : values, emailKey: emailKey(values.email), problems, consent: 'consent' in consent ? consent.consent : null, role: 'role' in role ? role.role : null };
}

/**
 * Reads and validates a whole contacts CSV. Every bad record is reported with its line; rows
 * are only useful when there are no problems. `topics` holds the known topic slugs.
 */
export function parseContactsCsv(
  input: Buffer | string,
  topics: ReadonlySet<string>,
  onRow?: (done: number, total: number) => void,
  /** `YYYY-MM-DD`: consent dates after it are refused. */
  today: string = new Date().toISOString().slice(0, 10),
): ParsedContactsCsv {
  const read = readCsvRecords(input);
  if (read.problem) return { rows: [], problems: [read.problem] };
  const [header, ...records] = read.records;
  const readHeaderResult = readHeader(header?.line === 1 ? header.cells : undefined);
  if ('problem' in readHeaderResult) return { rows: [], problems: [readHeaderResult.problem] };
  const { columns } = readHeaderResult;

  const rows: ContactsCsvRow[] = [];
  const problems: Problem[] = [];
  const emailLines = new Map<string, number>();
  const companies = new Map<string, { membership: Membership; line: number; name: string }>();
  for (const [index, record] of records.entries()) {
    if (onRow && (index % 500 === 499 || index === records.length - 1)) onRow(index + 1, records.length);
    const checked = checkRecord(record, topics, columns, today);
    problems.push(...checked.problems);
    const key = checked.emailKey;
    const firstLine = key === undefined ? undefined : emailLines.get(key);
    if (key !== undefined && firstLine !== undefined) {
      problems.push({ line: record.line, message: `${key} is already on line ${firstLine} (addresses are compared without regard to case)` });
      continue;
    }
    if (key !== undefined) emailLines.set(key, record.line);
    if (!checked.values || key === undefined) continue;
    const values = checked.values;
    let company: ContactsCsvRow['company'] = null;
    if (values.company !== '') {
      const membership: Membership = values.member === 'yes' ? 'active' : 'lapsed';
      const nameKey = companyKey(values.company);
      const seen = companies.get(nameKey);
      if (seen && seen.membership !== membership) {
        problems.push({ line: record.line, message: `company "${values.company}" is member=${values.member} here but member=${values.member === 'yes' ? 'no' : 'yes'} on line ${seen.line}` });
        continue;
      }
      if (!seen) companies.set(nameKey, { membership, line: record.line, name: values.company });
      // The first spelling of a company in the file names it.
      company = { name: seen?.name ?? values.company, key: nameKey, membership };
    }
    rows.push({ line: record.line, email: values.email, emailKey: key, name: values.name, company, language: values.language, topics: values.topics, role: checked.role ?? null, consent: checked.consent ?? null });
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { rows, problems };
}

function quoteCell(value: string): string {
  const guarded = guardCell(value);
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Writes contacts as a contacts CSV with the `role` and `consent` columns (LF line ends, RFC 4180 quoting, formula cells guarded). */
export function formatContactsCsv(records: readonly ContactsCsvRecord[]): string {
  const lines = [[...CONTACTS_CSV_COLUMNS, ROLE_COLUMN, CONSENT_COLUMN].join(',')];
  for (const record of records) {
    const member = record.company ? (record.company.membership === 'active' ? 'yes' : 'no') : '';
    lines.push([record.email, record.name, record.company?.name ?? '', member, record.language, record.topics.join(';'), record.role, formatConsentCell(record.consent)].map(quoteCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
