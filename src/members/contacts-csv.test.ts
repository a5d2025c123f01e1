import { describe, expect, it } from 'vitest';
import { formatContactsCsv, guardCell, parseContactsCsv, unguardCell } from './contacts-csv.js';

// The contacts CSV on its own: every rule, line numbers, quoting and the formula guard.

const TOPICS = new Set(['technology-trends', 'startup-ecosystem', 'expert-interviews']);
const HEADER = 'email,name,company,member,language,topics';

function problemsOf(csv: string): string[] {
  return parseContactsCsv(csv, TOPICS).problems.map((problem) => `${problem.line}: ${problem.message}`);
}

describe('parseContactsCsv', () => {
  it('reads valid rows: defaults, trimming, topics, companies and public subscribers', () => {
    const { rows, problems } = parseContactsCsv(
      `${HEADER}\nmia@example.com, Mia Member ,Example GmbH,YES,de,technology-trends; startup-ecosystem;technology-trends\nreader@example.com,,,,,\nlapsed@example.com,Lars,Old AG,no,,\n`,
      TOPICS,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2, email: 'mia@example.com', emailKey: 'mia@example.com', name: 'Mia Member',
        company: { name: 'Example GmbH', key: 'example gmbh', membership: 'active' }, language: 'de', topics: ['technology-trends', 'startup-ecosystem'], role: null, consent: null,
      },
      { line: 3, email: 'reader@example.com', emailKey: 'reader@example.com', name: '', company: null, language: 'en', topics: [], role: null, consent: null },
      { line: 4, email: 'lapsed@example.com', emailKey: 'lapsed@example.com', name: 'Lars', company: { name: 'Old AG', key: 'old ag', membership: 'lapsed' }, language: 'en', topics: [], role: null, consent: null },
    ]);
  });

  it('reports every bad row with its line, counting newlines inside quoted fields', () => {
    const csv = [
      HEADER,
      'ok@example.com,"Two\nLines",,,en,', // lines 2-3
      'not-an-address,Bad,,,en,', // 4
      'Dup@Example.com,Again,,,en,', // 5
      '', // 6: blank, skipped
      'dup@example.com,Again,,,en,', // 7
      'm@example.com,M,,maybe,en,', // 8
      'y@example.com,Y,,yes,en,', // 9
      'l@example.com,L,,,fr,', // 10
      't@example.com,T,,,en,cooking', // 11
      'a@example.com,A,Acme,yes,en,', // 12
      'b@example.com,B,ACME ,no,en,', // 13
      'c@example.com,C,Acme,,en,', // 14
      'short@example.com,S', // 15
      '"quoted@example.com","Three\n\nLines",,,zz,', // 16-18
    ].join('\n');
    expect(problemsOf(csv)).toEqual([
      '4: email is not a valid address',
      '7: dup@example.com is already on line 5 (addresses are compared without regard to case)',
      '8: member must be yes or no',
      '9: member is yes but company is empty',
      '10: language must be one of en, de, zh (or empty for en)',
      '11: unknown topic "cooking" (known: technology-trends, startup-ecosystem, expert-interviews)',
      '13: company "ACME" is member=no here but member=yes on line 12',
      '14: member must be yes or no for company "Acme"',
      '15: expected 6 fields (email,name,company,member,language,topics), found 2',
      '16: language must be one of en, de, zh (or empty for en)',
    ]);
  });

  it('refuses a wrong header, an empty file and broken quoting with one problem', () => {
    expect(problemsOf('email,name,company,language,topics\na@example.com,A,,en,\n')).toEqual([
      '1: the header must be exactly email,name,company,member,language,topics, optionally followed by ,role and then ,consent (found email,name,company,language,topics)',
    ]);
    expect(problemsOf('')).toEqual(['1: the header must be exactly email,name,company,member,language,topics, optionally followed by ,role and then ,consent (found nothing)']);
    expect(problemsOf(`${HEADER}\na@example.com,"open,,,en,\n`)[0]).toMatch(/^\d+: the file is not valid CSV: /);
  });

  it('reads the optional consent column and reports bad consent values with their line', () => {
    const csv = [
      `${HEADER},consent`,
      'a@example.com,A,,,en,,2024-03-01 X-Days sign-up sheet', // 2
      'b@example.com,B,,,en,,', // 3: empty: no consent
      'c@example.com,C,,,en,,yesterday', // 4
      'd@example.com,D,,,en,,2024-02-30 sheet', // 5
      'e@example.com,E,,,en,,2024-03-01', // 6: no source text
      'f@example.com,F,,,en,,2027-01-01 from the future', // 7
      'g@example.com,G,,,en,', // 8: six fields under a seven-column header
    ].join('\n');
    expect(parseContactsCsv(csv, TOPICS, undefined, '2026-12-01').problems.map((problem) => `${problem.line}: ${problem.message}`)).toEqual([
      '4: consent must be a date and where it was given, like "2024-03-01 X-Days sign-up sheet" (found "yesterday")',
      '5: consent date 2024-02-30 is not a calendar date (write YYYY-MM-DD, like "2024-03-01 X-Days sign-up sheet")',
      '6: consent must be a date and where it was given, like "2024-03-01 X-Days sign-up sheet" (found "2024-03-01")',
      '7: consent date 2027-01-01 is in the future',
      '8: expected 7 fields (email,name,company,member,language,topics,consent), found 6',
    ]);
    const good = parseContactsCsv(`${HEADER},consent\na@example.com,A,,,en,,2024-03-01  X-Days sign-up sheet \nb@example.com,B,,,en,,\n`, TOPICS, undefined, '2026-12-01');
    expect(good.problems).toEqual([]);
    expect(good.rows.map((row) => row.consent)).toEqual([{ date: '2024-03-01', text: 'X-Days sign-up sheet' }, null]);
    // The six-column header stays valid: no consent for anyone.
    expect(parseContactsCsv(`${HEADER}\na@example.com,A,,,en,\n`, TOPICS).rows.map((row) => row.consent)).toEqual([null]);
  });

  it('accepts a byte-order mark and CRLF line ends', () => {
    const { rows, problems } = parseContactsCsv(Buffer.from(`\uFEFF${HEADER}\r\na@example.com,A,,,,\r\nb@example.com,"B\r\nB",,,,\r\nc@example.com,C,,,,\r\n`), TOPICS);
    expect(problems).toEqual([]);
    expect(rows.map((row) => [row.line, row.name])).toEqual([[2, 'A'], [3, 'B\r\nB'], [5, 'C']]);
  });

  it('reports a duplicate of a row that has other problems too', () => {
    expect(problemsOf(`${HEADER}\na@example.com,A,,,fr,\nA@example.com,A,,,en,\n`)).toEqual([
      '2: language must be one of en, de, zh (or empty for en)',
      '3: a@example.com is already on line 2 (addresses are compared without regard to case)',
    ]);
  });
});

describe('the formula guard', () => {
  it('prefixes cells a spreadsheet would run and removes exactly that prefix again', () => {
    for (const value of ['=1+1', '+49 30 123', '-x', '@SUM(A1)', '\tTab', "'=already", "''=twice", 'plain', "'plain", "O'Brien", '']) {
      expect(unguardCell(guardCell(value)), value).toBe(value);
    }
    expect(guardCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(guardCell("'plain")).toBe("'plain");
    expect(unguardCell("'plain")).toBe("'plain");
  });

  it('writes guarded, quoted cells that read back to the same rows', () => {
    const records = [
      { email: 'a@example.com', name: '=cmd|" /C calc"!A0', company: { name: 'Comma, Quote " GmbH', membership: 'active' as const }, language: 'de' as const, topics: ['startup-ecosystem', 'technology-trends'], role: 'Head of Purchasing, EMEA', consent: { date: '2024-03-01', text: 'X-Days sign-up sheet, "hall 2"' } },
      { email: 'b@example.com', name: 'Line\nBreak', company: null, language: 'zh' as const, topics: [], role: '', consent: null },
      { email: 'c@example.com', name: '-5', company: { name: '@Lapsed', membership: 'lapsed' as const }, language: 'en' as const, topics: [], role: '=Chief', consent: null },
    ];
    const csv = formatContactsCsv(records);
    expect(csv).toBe(
      'email,name,company,member,language,topics,role,consent\n' +
        'a@example.com,"\'=cmd|"" /C calc""!A0","Comma, Quote "" GmbH",yes,de,startup-ecosystem;technology-trends,"Head of Purchasing, EMEA","2024-03-01 X-Days sign-up sheet, ""hall 2"""\n' +
        'b@example.com,"Line\nBreak",,,zh,,,\n' +
        "c@example.com,'-5,'@Lapsed,no,en,,'=Chief,\n",
    );
    const { rows, problems } = parseContactsCsv(csv, TOPICS);
    expect(problems).toEqual([]);
    expect(rows.map((row) => ({ email: row.email, name: row.name, company: row.company && row.company.name, language: row.language, topics: row.topics, role: row.role, consent: row.consent }))).toEqual(
      records.map((record) => ({ email: record.email, name: record.name, company: record.company && record.company.name, language: record.language, topics: record.topics, role: record.role, consent: record.consent })),
    );
    expect(formatContactsCsv(rows.map((row) => ({ ...row, role: row.role ?? '', company: row.company && { name: row.company.name, membership: row.company.membership } })))).toBe(csv);
  });
});

describe('the role column', () => {
  it('is optional, comes before consent, and is checked per record', () => {
    const base = 'email,name,company,member,language,topics';
    expect(parseContactsCsv(`${base}\na@example.com,A,,,en,\n`, TOPICS).rows[0]!.role).toBeNull();
    expect(parseContactsCsv(`${base},role\na@example.com,A,,,en,, CTO \n`, TOPICS).rows[0]!.role).toBe('CTO');
    expect(parseContactsCsv(`${base},role,consent\na@example.com,A,,,en,,,\n`, TOPICS).rows[0]!.role).toBe('');
    expect(parseContactsCsv(`${base},consent,role\na@example.com,A,,,en,,,\n`, TOPICS).problems).toEqual([{ line: 1, message: expect.stringContaining('optionally followed by ,role and then ,consent') }]);
    const bad = parseContactsCsv(`${base},role\na@example.com,A,,,en,,"two\nlines"\nb@example.com,B,,,en,,${'x'.repeat(121)}\n`, TOPICS);
    expect(bad.problems).toEqual([{ line: 2, message: 'role must be on one line' }, { line: 4, message: 'role is longer than 120 characters' }]);
    expect(bad.rows).toEqual([]);
  });
});
