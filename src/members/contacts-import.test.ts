import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_ERASURE_KEY } from '../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase, forEachDialect } from '../../test/support/databases.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { listActivity } from '../activity/activity.service.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import type { Database } from '../db/database.js';
import { fixedClock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { findContactByEmail, listContacts, updatePreferences } from './contacts.service.js';
import { exportContacts } from './contacts-export.service.js';
import { importContacts, type ContactsImportSummary } from './contacts-import.service.js';
import { listCompanies } from './companies.service.js';
import { consentEventsOf } from '../consent/consent.service.js';

// Importing contacts on every engine: 2,000 rows with three bad ones write nothing and name
// exactly those lines; the corrected file imports; re-imports update by address; export
// round-trips; a dry run writes nothing; an unsubscribe survives a re-import. 2,000 rows span
// several statements of each kind of bulk write (src/members/batches.ts); the same import at
// 10,000 rows is `npm run bench:import`.

const clock = fixedClock('2026-11-28T12:00:00Z');
const HEADER = 'email,name,company,member,language,topics';
/** The header with the consent column; every 100th generated row (index 99, 199, …) has no consent. */
const HEADER_WITH_CONSENT = `${HEADER},consent`;
const CONSENT = '2024-03-01 X-Days sign-up sheet';
const WITHOUT_CONSENT = Array.from({ length: 20 }, (_, index) => `person${index * 100 + 99}@example.com`);
const TOPICS = ['technology-trends', 'impact-on-german-economy', 'leveraging-chinese-innovation', 'startup-ecosystem', 'expert-interviews'];
let topicsOnly: string;

beforeAll(async () => {
  // Only the topics of the demo: contacts need nothing else.
  topicsOnly = await mkdtemp(join(tmpdir(), 'insights-contacts-'));
  await cp(join(DEMO_DIR, 'topics'), join(topicsOnly, 'topics'), { recursive: true });
});
afterAll(() => rm(topicsOnly, { recursive: true, force: true }));

/** A contacts CSV of `count` rows; every 1,000th name spans two lines. Returns each row's line. */
function generateContacts(count: number, replace: ReadonlyMap<number, string> = new Map()): { csv: string; lines: number[] } {
  const out = [HEADER_WITH_CONSENT];
  const lines: number[] = [];
  let line = 2;
  for (let index = 0; index < count; index++) {
    const company = index % 4 === 0 ? '' : `Company ${index % 50}`;
    const member = company === '' ? '' : index % 50 < 40 ? 'yes' : 'no';
    const name = index % 1000 === 7 ? `"Person\n${index}"` : `Person ${index}`;
    const row = replace.get(index) ?? `person${index}@example.com,${name},${company},${member},${['en', 'de', 'zh'][index % 3]},${TOPICS[index % 5]};${TOPICS[(index + 2) % 5]},${index % 100 === 99 ? '' : CONSENT}`;
    out.push(row);
    lines.push(line);
    line += row.split('\n').length;
  }
  return { csv: `${out.join('\n')}\n`, lines };
}

async function countOf(db: Database, table: 'contacts' | 'companies' | 'contact_topics'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function invalidOf(work: Promise<unknown>): Promise<Invalid> {
  const error = await work.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(Invalid);
  return error as Invalid;
}

const options = { where: 'contacts.csv', actor: SYSTEM_ACTOR, erasureKey: TEST_ERASURE_KEY };

forEachDialect('contacts import', ({ db, engine }) => {
  beforeAll(async () => {
    await importContent(db(), topicsOnly, { clock });
  });

  it('writes nothing for 2,000 rows with 3 bad ones and reports exactly those lines', async () => {
    const bad = new Map([
      [10, 'not an address,Bad,,,en,,'],
      [1_000, 'person1000@example.com,Bad,,,fr,,'],
      [1_998, 'PERSON17@example.com,Copy,,,en,,2024-13-01 sheet'],
    ]);
    const { csv, lines } = generateContacts(2_000, bad);
    const error = await invalidOf(importContacts(db(), clock, csv, options));
    expect(error.message).toBe('4 problems in contacts.csv; nothing was imported');
    expect(error.problems).toEqual([
      { where: 'contacts.csv', line: lines[10], message: 'email is not a valid address' },
      { where: 'contacts.csv', line: lines[1_000], message: 'language must be one of en, de, zh (or empty for en)' },
      { where: 'contacts.csv', line: lines[1_998], message: 'consent date 2024-13-01 is not a calendar date (write YYYY-MM-DD, like "2024-03-01 X-Days sign-up sheet")' },
      { where: 'contacts.csv', line: lines[1_998], message: `person17@example.com is already on line ${lines[17]} (addresses are compared without regard to case)` },
    ]);
    // Multi-line names before the bad rows push their lines down: the numbers are CSV lines.
    expect(lines[1_998]).toBe(1_998 + 2 + 2);
    expect(await countOf(db(), 'contacts')).toBe(0);
    expect(await countOf(db(), 'companies')).toBe(0);
  });

  it('imports the corrected file: contacts, companies with their membership, topics', async () => {
    const { csv } = generateContacts(2_000);
    const phases = new Set<string>();
    const summary = await importContacts(db(), clock, csv, { ...options, onProgress: (phase) => phases.add(phase) });
    expect(summary).toMatchObject({ dryRun: false, rows: 2_000, created: 2_000, updated: 0, unchanged: 0, companiesCreated: 50, membershipsChanged: 0, notSubscribed: 20 });
    expect(phases).toEqual(new Set(['check', 'write']));
    expect(await countOf(db(), 'contacts')).toBe(2_000);
    expect(await countOf(db(), 'contact_topics')).toBe(4_000);
    const mia = await findContactByEmail(db(), 'PERSON1@example.com');
    expect(mia).toMatchObject({ name: 'Person 1', language: 'de', subscribed: true, topics: ['impact-on-german-economy', 'startup-ecosystem'] });
    expect(mia?.company).toMatchObject({ name: 'Company 1', membership: 'active' });
    expect((await findContactByEmail(db(), 'person7@example.com'))?.name).toBe('Person\n7');
    const lapsed = await listCompanies(db(), { membership: 'lapsed' }, 1);
    expect(lapsed.items.map((company) => company.name).sort()).toEqual(Array.from({ length: 10 }, (_, index) => `Company ${40 + index}`));
    const [entry] = await listActivity(db(), { limit: 1 });
    expect(entry).toMatchObject({ action: 'contacts.import', detail: '2000 rows: 2000 created, 0 updated, 0 unchanged; 50 companies created; 20 new without consent (not subscribed)' });
    // Without consent a new contact is not subscribed; with it, the ledger has the file's date and text.
    expect(await findContactByEmail(db(), 'person99@example.com')).toMatchObject({ subscribed: false });
    const ledger = await consentEventsOf(db(), mia!.id);
    expect(ledger).toMatchObject([
      { purpose: 'newsletter', action: 'confirmed', occurredAt: '2024-03-01T00:00:00.000Z', sourceKind: 'import', source: 'contacts.csv: X-Days sign-up sheet', wording: null, ip: null, userAgent: null },
    ]);
    expect(await consentEventsOf(db(), (await findContactByEmail(db(), 'person99@example.com'))!.id)).toEqual([]);
  });

  it('re-imports by address regardless of case, keeps unsubscribes, and a dry run writes nothing', async () => {
    const person3 = (await findContactByEmail(db(), 'person3@example.com'))!;
    await updatePreferences(db(), clock, person3.id, { language: person3.language, subscribed: false, topics: [...person3.topics] }, SYSTEM_ACTOR, { kind: 'cli', source: 'test' });
    const csv = [
      HEADER,
      'PERSON1@EXAMPLE.COM,Person 1,Company 1,yes,de,impact-on-german-economy;startup-ecosystem', // unchanged
      'Person2@Example.com,Renamed Two,Company 2,no,en,', // name, language, topics; company 2 lapses
      'person3@example.com,Person 3,,,en,technology-trends', // leaves its company; topics
      'new@example.com,New Person,Brand New AG,yes,zh,expert-interviews',
    ].join('\n');
    const dry = await importContacts(db(), clock, csv, { ...options, dryRun: true });
    const expected: Partial<ContactsImportSummary> = { rows: 4, created: 1, updated: 2, unchanged: 1, companiesCreated: 1, membershipsChanged: 1, notSubscribed: 1 };
    expect(dry).toMatchObject({ ...expected, dryRun: true });
    expect(dry.changes).toEqual([
      { line: 3, email: 'Person2@Example.com', action: 'update', fields: ['name', 'language', 'topics'] },
      { line: 4, email: 'person3@example.com', action: 'update', fields: ['company', 'topics'] },
      { line: 5, email: 'new@example.com', action: 'create', fields: [] },
    ]);
    expect(await findContactByEmail(db(), 'new@example.com')).toBeUndefined();
    expect((await findContactByEmail(db(), 'person2@example.com'))?.name).toBe('Person 2');

    expect(await importContacts(db(), clock, csv, options)).toMatchObject({ ...expected, dryRun: false });
    const two = await findContactByEmail(db(), 'person2@example.com');
    expect(two).toMatchObject({ email: 'person2@example.com', name: 'Renamed Two', language: 'en', topics: [] });
    expect(two?.company).toMatchObject({ name: 'Company 2', membership: 'lapsed' });
    const three = await findContactByEmail(db(), 'person3@example.com');
    expect(three).toMatchObject({ company: null, subscribed: false, topics: ['technology-trends'] });
    // The six-column file has no consent: the new contact is not subscribed; existing ones keep their state.
    expect(await findContactByEmail(db(), 'new@example.com')).toMatchObject({ subscribed: false, language: 'zh', company: { name: 'Brand New AG', membership: 'active' } });
    expect((await findContactByEmail(db(), 'person1@example.com'))?.subscribed).toBe(true);
    expect(await countOf(db(), 'contacts')).toBe(2_001);

    // The same file again changes nothing.
    expect(await importContacts(db(), clock, csv, options)).toMatchObject({ created: 0, updated: 0, unchanged: 4, companiesCreated: 0, membershipsChanged: 0 });
  });

  it('round-trips: export → import changes nothing → a new database exports the same bytes', async () => {
    const first = await exportContacts(db(), clock, SYSTEM_ACTOR);
    expect(first.count).toBe(2_001);
    expect(first.csv.split('\n', 2)[0]).toBe(`${HEADER},role,consent`);
    // The consent in force goes back into the column; person 3 withdrew, so theirs is empty.
    expect(first.csv).toContain(`\nperson1@example.com,Person 1,Company 1,yes,de,impact-on-german-economy;startup-ecosystem,,${CONSENT}\n`);
    expect(first.csv).toContain('\nperson3@example.com,Person 3,,,en,technology-trends,,\n');
    expect(await importContacts(db(), clock, first.csv, options)).toMatchObject({ created: 0, updated: 0, unchanged: 2_001 });
    const other = await createTestDatabase(engine);
    try {
      await importContent(other, topicsOnly, { clock });
      expect(await importContacts(other, clock, first.csv, options)).toMatchObject({ created: 2_001, companiesCreated: 51 });
      expect((await exportContacts(other, clock, SYSTEM_ACTOR)).csv).toBe(first.csv);
      expect((await findContactByEmail(other, 'person3@example.com'))?.subscribed).toBe(false);
      expect((await findContactByEmail(other, 'person1@example.com'))?.subscribed).toBe(true);
    } finally {
      await destroyTestDatabase(other);
    }
  });

  it('imports roles from the role column all or nothing, leaves them alone without it, and exports them', async () => {
    const withRole = `${HEADER},role`;
    const bad = [withRole, 'person1@example.com,Person 1,Company 1,yes,de,impact-on-german-economy;startup-ecosystem,Head of Purchasing', `person2@example.com,Renamed Two,Company 2,no,en,,${'x'.repeat(121)}`].join('\n');
    const refused = await invalidOf(importContacts(db(), clock, bad, options));
    expect(refused.problems.map((problem) => problem.message)).toEqual([expect.stringContaining('role is longer than 120 characters')]);
    expect((await findContactByEmail(db(), 'person1@example.com'))?.role).toBe('');

    const good = [withRole, 'person1@example.com,Person 1,Company 1,yes,de,impact-on-german-economy;startup-ecosystem,Head of Purchasing', "person2@example.com,Renamed Two,Company 2,no,en,,'=Chief Engineer"].join('\n');
    const dry = await importContacts(db(), clock, good, { ...options, dryRun: true });
    expect(dry.changes).toEqual([
      { line: 2, email: 'person1@example.com', action: 'update', fields: ['role'] },
      { line: 3, email: 'person2@example.com', action: 'update', fields: ['role'] },
    ]);
    expect(await importContacts(db(), clock, good, options)).toMatchObject({ updated: 2 });
    expect((await findContactByEmail(db(), 'person1@example.com'))?.role).toBe('Head of Purchasing');
    expect((await findContactByEmail(db(), 'person2@example.com'))?.role).toBe('=Chief Engineer');
    // A file without the column changes no role.
    const without = [HEADER, 'person1@example.com,Person One,Company 1,yes,de,impact-on-german-economy;startup-ecosystem'].join('\n');
    expect(await importContacts(db(), clock, without, options)).toMatchObject({ updated: 1 });
    expect(await findContactByEmail(db(), 'person1@example.com')).toMatchObject({ name: 'Person One', role: 'Head of Purchasing' });
    const exported = (await exportContacts(db(), clock, SYSTEM_ACTOR)).csv;
    expect(exported).toContain(`\nperson1@example.com,Person One,Company 1,yes,de,impact-on-german-economy;startup-ecosystem,Head of Purchasing,${CONSENT}\n`);
    expect(exported).toContain("\nperson2@example.com,Renamed Two,Company 2,no,en,,'=Chief Engineer,");
    expect(await importContacts(db(), clock, exported, options)).toMatchObject({ created: 0, updated: 0 });
  });

  it('lists contacts with filters and pages', async () => {
    const members = await listContacts(db(), { member: true }, 1);
    const others = await listContacts(db(), { member: false }, 1);
    expect(members.total + others.total).toBe(2_001);
    expect(members.items.every((contact) => contact.company?.membership === 'active')).toBe(true);
    expect(members.items).toHaveLength(50);
    expect((await listContacts(db(), { search: 'RENAMED two' }, 1)).items.map((contact) => contact.email)).toEqual(['person2@example.com']);
    expect((await listContacts(db(), { search: '100%' }, 1)).total).toBe(0);
    expect((await listContacts(db(), { subscribed: false }, 1)).items.map((contact) => contact.email).sort()).toEqual(['new@example.com', 'person3@example.com', ...WITHOUT_CONSENT].sort());
    // Person 2 chose no topics, which means all of them.
    const interviews = await listContacts(db(), { topic: 'expert-interviews', search: 'person2@' }, 1);
    expect(interviews.items.map((contact) => contact.email)).toEqual(['person2@example.com']);
    const page2 = await listContacts(db(), { search: 'person1' }, 2);
    expect(page2).toMatchObject({ page: 2, total: 1111, pages: 23 });
  });
});
