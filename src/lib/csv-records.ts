import { CsvError, parse } from 'csv-parse/sync';
import type { Problem } from './errors.js';

// A CSV file as records with the line each starts on (quoted newlines counted), for imports
// that name every bad line (the contacts CSV, survey responses). Quoted newlines count as lines;
// blank lines are skipped, not reported.

/** One record and the 1-based line it starts on. */
export interface LocatedRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

interface RecordWithInfo {
  readonly record: string[];
  readonly info: { readonly bytes_records: number };
}

function stripBom(input: Buffer): Buffer {
  return input.length >= 3 && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? input.subarray(3) : input;
}

/** Splits the bytes into records with their start lines (blank lines skipped); a malformed file gives one problem. */
export function readCsvRecords(input: Buffer | string): { records: LocatedRecord[]; problem?: Problem } {
  const bytes = stripBom(typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  let parsed: RecordWithInfo[];
  try {
    // csv-parse's typings do not model `info: true`, which wraps each record with its info.
    parsed = parse(bytes, { info: true, relax_column_count: true, record_delimiter: ['\r\n', '\n'] }) as unknown as RecordWithInfo[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      return { records: [], problem: { line, message: `the file is not valid CSV: ${error.message.replace(/^[^:]*:\s*/, '')}` } };
    }
    throw error;
  }
  const records: LocatedRecord[] = [];
  let offset = 0;
  let line = 1;
  for (const { record, info } of parsed) {
    if (!(record.length === 1 && record[0] === '')) records.push({ line, cells: record });
    for (let index = offset; index < info.bytes_records; index++) if (bytes[index] === 0x0a) line++;
    offset = info.bytes_records;
  }
  return { records };
}
