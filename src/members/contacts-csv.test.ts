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
        company: { name: 'Example GmbH', key: 'example gmbh', membership: 'active' }, language: 'de', topics: ['technology-trends', 'startup-ecosystem'],
      },
      { line: 3, email: 'reader@example.com', emailKey: 'reader@example.com', name: '', company: null, language: 'en', topics: [] },
      { line: 4, email: 'lapsed@example.com', emailKey: 'lapsed@example.com', name: 'Lars', company: { name: 'Old AG', key: 'old ag', membership: 'lapsed' }, language: 'en', topics: [] },
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
      '1: the header must be exactly email,name,company,member,language,topics (found email,name,company,language,topics)',
    ]);
    expect(problemsOf('')).toEqual(['1: the header must be exactly email,name,company,member,language,topics (found nothing)']);
    expect(problemsOf(`${HEADER}\na@example.com,"open,,,en,\n`)[0]).toMatch(/^\d+: the file is not valid CSV: /);
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
      { email: 'a@example.com', name: '=cmd|" /C calc"!A0', company: { name: 'Comma, Quote " GmbH', membership: 'active' as const }, language: 'de' as const, topics: ['startup-ecosystem', 'technology-trends'] },
      { email: 'b@example.com', name: 'Line\nBreak', company: null, language: 'zh' as const, topics: [] },
      { email: 'c@example.com', name: '-5', company: { name: '@Lapsed', membership: 'lapsed' as const }, language: 'en' as const, topics: [] },
    ];
    const csv = formatContactsCsv(records);
    expect(csv).toBe(
      'email,name,company,member,language,topics\n' +
        'a@example.com,"\'=cmd|"" /C calc""!A0","Comma, Quote "" GmbH",yes,de,startup-ecosystem;technology-trends\n' +
        'b@example.com,"Line\nBreak",,,zh,\n' +
        "c@example.com,'-5,'@Lapsed,no,en,\n",
    );
    const { rows, problems } = parseContactsCsv(csv, TOPICS);
    expect(problems).toEqual([]);
    expect(rows.map((row) => ({ email: row.email, name: row.name, company: row.company && row.company.name, language: row.language, topics: row.topics }))).toEqual(
      records.map((record) => ({ email: record.email, name: record.name, company: record.company && record.company.name, language: record.language, topics: record.topics })),
    );
    expect(formatContactsCsv(rows.map((row) => ({ ...row, company: row.company && { name: row.company.name, membership: row.company.membership } })))).toBe(csv);
  });
});
