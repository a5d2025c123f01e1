import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../app.js';
import { recordActivity } from '../activity/activity.service.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { Database } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { createSend } from '../delivery/engine/deliveries.service.js';
import { runDelivery } from '../delivery/engine/sender.js';
import { suppress } from '../delivery/suppressions.service.js';
import { fixedClock } from '../lib/clock.js';
import { cookiesFrom, createTestApp, csrfTokenIn, destroyTestApp, outboxMessages, TEST_ERASURE_KEY } from '../../test/support/app.js';
import { importVocabulary } from '../../test/support/content.js';
import { forEachDialect } from '../../test/support/databases.js';
import { deliveryEnv, seedIssue, senderDeps } from '../../test/support/delivery.js';
import { formBody } from '../../test/support/desk.js';
import { createContact, signInMember } from '../../test/support/people.js';
import { eraseAddress, erasedAddressHash, findErasedAddresses, type PrivacyDeps } from './erasure.service.js';
import { exportPersonalData } from './export.service.js';

// Erasure end to end: a contact with every kind of row the schema allows (built through the real
// app and services where they exist: sign-in, the contact form, a newsletter send, a hard bounce,
// rate counters, the audit trail), then erased; afterwards the address and the name are nowhere
// in a logical dump of every table, nor in the raw SQLite files, nor in the outbox. Bad input
// (not an address, unknown, a staff address, erased twice) says why and changes nothing.

const ADDRESS = 'Zelda.Quixote@Example-Member.test';
const KEY = ADDRESS.toLowerCase();
const NAME = 'Zelda Quixote';
const NOW = '2026-11-28T12:00:00.000Z';

/** Every row of every table, as one lower-cased text (a logical dump). */
async function dumpEverything(db: Database): Promise<string> {
  const tables = isPostgres(db)
    ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db)).rows
    : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows;
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await sql`select * from ${sql.table(name)}`.execute(db);
    parts.push(`${name}: ${JSON.stringify(rows.rows)}`);
  }
  return parts.join('\n').toLowerCase();
}

/** Builds one of every kind of row about the person; returns the contact's id. */
async function seedEverything(app: App, db: Database): Promise<number> {
  const clock = app.clock;
  await importVocabulary(db, clock);
  const contactId = await createContact(db, ADDRESS, { name: 'Windmill Works GmbH', membership: 'active' });
  await db.updateTable('contacts').set({ name: NAME }).where('id', '=', contactId).execute();
  const topic = await db.selectFrom('topics').select('id').orderBy('id').executeTakeFirstOrThrow();
  await db.insertInto('contact_topics').values({ contact_id: contactId, topic_id: topic.id }).execute();

  // Sign-in through the app: a login token, a session, the mail job, an outbox file, activity, rate counters.
  await signInMember(app, ADDRESS);

  // The contact form: an inquiry, and a notification to staff that names the person.
  const page = await app.http.inject({ url: '/contact' });
  const sent = await app.http.inject({
    method: 'POST', url: '/contact',
    headers: { cookie: cookiesFrom(page.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
    payload: formBody({ _csrf: csrfTokenIn(page.body), name: NAME, email: ADDRESS, company: 'Windmill Works GmbH', topic: 'programs', message: `Please write to ${ADDRESS}.` }),
  });
  expect(sent.statusCode).toBe(200);

  // A newsletter send (ledger row, outbox file), then a hard bounce (delivery event, suppression).
  const slug = await seedIssue(db);
  const delivery = await createSend(deliveryEnv(db, clock), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR });
  await runDelivery(senderDeps(db, app.services.transport), delivery.id);
  const recipient = await db.selectFrom('delivery_recipients').select(['id', 'delivery_id', 'contact_id']).where('email_key', '=', KEY).executeTakeFirstOrThrow();
  await suppress(db, clock, ADDRESS, { reason: 'hard_bounce', detail: `550 5.1.1 <${ADDRESS}>: no such user`, recipient: { id: recipient.id, deliveryId: recipient.delivery_id, contactId: recipient.contact_id } });
  await recordActivity(db, clock, SYSTEM_ACTOR, 'contact.update', { type: 'contact', id: contactId, label: ADDRESS }, `name: ${NAME}`);

  // Event and program rows (fixture rows: their forms are tested in their own domains).
  const event = await db.insertInto('events').values({
    slug: 'erasure-day', title: 'Erasure day', body: 'A day.', starts_at: '2027-01-10T09:00:00.000Z', ends_at: '2027-01-10T17:00:00.000Z', time_zone: 'Europe/Berlin',
    organiser: 'own', all_day: 0, online: 0, created_at: NOW, updated_at: NOW,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('event_registrations').values({ event_id: event.id, contact_id: contactId, status: 'confirmed', answers: JSON.stringify({ diet: `${NAME} eats everything` }), registered_at: NOW, updated_at: NOW }).execute();
  await db.insertInto('event_submissions').values({ event_id: event.id, kind: 'speaker', name: NAME, email: ADDRESS, title: 'Windmills', summary: 'About windmills.', status: 'submitted', withdraw_key: 'withdraw-hash-of-zelda', created_at: NOW, updated_at: NOW }).execute();
  const program = await db.insertInto('programs').values({ slug: 'innovators-club', title: 'Innovators Club', body: 'A club.', time_zone: 'Europe/Berlin', created_at: NOW, updated_at: NOW }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('program_registrations').values({
    program_id: program.id, contact_id: contactId, role: 'mentee', name: NAME, email: ADDRESS, email_key: KEY, company: 'Windmill Works GmbH', company_key: 'windmill works gmbh',
    languages: 'en', goals: `${NAME} wants to learn`, created_at: NOW, updated_at: NOW,
  }).execute();
  // A published match with another person's registration, and its pair introduction.
  const mentee = await db.selectFrom('program_registrations').select('id').where('email_key', '=', KEY).executeTakeFirstOrThrow();
  const mentor = await db.insertInto('program_registrations').values({
    program_id: program.id, contact_id: null, role: 'mentor', name: 'Max Mentor', email: 'max@mentor.test', email_key: 'max@mentor.test', languages: 'en', created_at: NOW, updated_at: NOW,
  }).returning('id').executeTakeFirstOrThrow();
  const run = await db.insertInto('match_runs').values({ program_id: program.id, status: 'published', weights: '{}', total_points: 10, greedy_points: 10, created_by: 'staff', created_at: NOW, published_at: NOW }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('match_pairs').values({ run_id: run.id, mentor_id: mentor.id, mentee_id: mentee.id, points: 10, breakdown: '{}' }).execute();
  await db.insertInto('match_introductions').values({ mentor_id: mentor.id, mentee_id: mentee.id, side: 'mentee', run_id: run.id, claimed_at: NOW }).execute();
  return contactId;
}

forEachDialect('erasure', ({ db, engine }) => {
  let app: App;
  let deps: PrivacyDeps;
  let contactId: number;
  const clock = fixedClock(NOW);
  beforeAll(async () => {
    app = await createTestApp(db(), { clock });
    deps = { db: db(), clock, erasureKey: TEST_ERASURE_KEY, outboxDir: app.services.transport.outboxDir };
    contactId = await seedEverything(app, db());
    await outboxMessages(app); // every queued message is in the outbox now
  }, 60_000);
  afterAll(() => destroyTestApp(app));

  it('exports everything about the person as one document, sections from the registry', async () => {
    const document = await exportPersonalData(db(), clock, TEST_ERASURE_KEY, ADDRESS.toUpperCase(), SYSTEM_ACTOR);
    expect(document.address).toBe(KEY);
    expect(document.sections.contact).toEqual([expect.objectContaining({ id: contactId, email: ADDRESS, name: NAME })]);
    expect(document.sections.company).toEqual([expect.objectContaining({ name: 'Windmill Works GmbH' })]);
    for (const section of ['matches', 'pairIntroductions', 'topics', 'sessions', 'inquiries', 'deliveries', 'deliveryEvents', 'suppressions', 'eventRegistrations', 'eventSubmissions', 'programRegistrations', 'activity']) {
      expect(document.sections[section]?.length, section).toBeGreaterThan(0);
    }
    expect(JSON.stringify(document)).not.toContain('withdraw-hash-of-zelda');
    expect(document.sections.deliveries?.[0]).not.toHaveProperty('verp_token');
  });

  it('a dry run counts per registry entry and changes nothing', async () => {
    const before = await dumpEverything(db());
    const report = await eraseAddress(deps, ADDRESS, SYSTEM_ACTOR, { dryRun: true });
    expect(report.dryRun).toBe(true);
    const counts = Object.fromEntries(report.counts.map((count) => [count.entry, count.count]));
    expect(counts).toMatchObject({ contacts: 1, inquiries: 1, event_registrations: 1, program_registrations: 1, suppressions: 1, delivery_recipients: 1, delivery_events: 1 });
    expect(counts.outbox).toBeGreaterThanOrEqual(3);
    expect(counts.jobs).toBeGreaterThanOrEqual(2);
    expect(await dumpEverything(db())).toBe(before);
  });

  it('refuses what is not an address, an unknown address and a staff address, changing nothing', async () => {
    const before = await dumpEverything(db());
    await expect(eraseAddress(deps, 'not an address', SYSTEM_ACTOR)).rejects.toMatchObject({ code: 'invalid' });
    await expect(eraseAddress(deps, 'nobody@nowhere.test', SYSTEM_ACTOR)).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('Nothing is stored about nobody@nowhere.test') });
    await db().insertInto('staff').values({ email: 'Editor@Example.org', email_key: 'editor@example.org', name: 'Ed', role: 'editor', created_at: NOW, updated_at: NOW }).execute();
    const staffBefore = await dumpEverything(db());
    await expect(eraseAddress(deps, 'EDITOR@example.org', SYSTEM_ACTOR)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('belongs to a staff account') });
    expect(await dumpEverything(db())).toBe(staffBefore);
    expect(staffBefore).not.toBe(before);
  });

  it('erases in one go: the address and name are nowhere in the database, its files or the outbox', async () => {
    const report = await eraseAddress(deps, ADDRESS, SYSTEM_ACTOR);
    expect(report.contactId).toBe(contactId);
    const dump = await dumpEverything(db());
    expect(dump).not.toContain(KEY);
    expect(dump).not.toContain(NAME.toLowerCase());
    expect(dump).not.toContain('quixote');

    // What correctness needs stays: the ledger row as a tombstone, the bounce count, the audit entry.
    const ledger = await db().selectFrom('delivery_recipients').select(['state', 'contact_id', 'email']).execute();
    expect(ledger).toEqual([{ state: 'sent', contact_id: null, email: expect.stringMatching(/^erased:\d+$/) }]);
    expect(await db().selectFrom('delivery_events').select('kind').execute()).toEqual([{ kind: 'bounce' }]);
    const audit = await db().selectFrom('activity').select(['action', 'subject_label', 'detail']).where('action', '=', 'contact.erase').execute();
    expect(audit).toEqual([{ action: 'contact.erase', subject_label: `contact #${contactId}`, detail: `erased contact #${contactId}` }]);
    expect(await db().selectFrom('companies').select('name').execute()).toEqual([{ name: 'Windmill Works GmbH' }]);
    // The other side of the match keeps their registration; the pair and pair introduction are gone.
    expect(await db().selectFrom('program_registrations').select('email').execute()).toEqual([{ email: 'max@mentor.test' }]);
    expect(await db().selectFrom('match_pairs').select('run_id').execute()).toEqual([]);
    expect(await db().selectFrom('match_introductions').select('run_id').execute()).toEqual([]);

    // The hash stays, so a re-import can tell.
    expect(await findErasedAddresses(db(), TEST_ERASURE_KEY, [` ${ADDRESS} `, 'other@example.test'])).toEqual(new Set([KEY]));
    expect((await db().selectFrom('erased_addresses').select('address_hash').execute()).map((row) => row.address_hash)).toEqual([erasedAddressHash(TEST_ERASURE_KEY, ADDRESS)]);

    const outbox = deps.outboxDir!;
    for (const file of readdirSync(outbox)) expect(readFileSync(join(outbox, file), 'latin1').toLowerCase(), file).not.toContain(KEY);

    if (engine === 'sqlite') {
      const [{ file }] = (await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db())).rows as [{ file: string }];
      for (const path of [file, `${file}-wal`]) {
        if (!existsSync(path)) continue;
        const bytes = readFileSync(path).toString('latin1').toLowerCase();
        expect(bytes.includes(KEY), path).toBe(false);
        expect(bytes.includes('zelda'), path).toBe(false);
      }
    }
  });

  it('erasing twice says it was done and changes nothing', async () => {
    const before = await dumpEverything(db());
    await expect(eraseAddress(deps, ADDRESS, SYSTEM_ACTOR)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already erased on 2026-11-28') });
    await expect(exportPersonalData(db(), clock, TEST_ERASURE_KEY, ADDRESS, SYSTEM_ACTOR)).rejects.toMatchObject({ code: 'not_found' });
    expect(await dumpEverything(db())).toBe(before);
  });
});
