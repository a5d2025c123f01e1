import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, destroyTestApp, outboxMessages, visibleText } from '../../../test/support/app.js';
import { forEachDialect } from '../../../test/support/databases.js';
import { signInDesk, type DeskSession } from '../../../test/support/desk.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import type { App } from '../../app.js';
import { fixedClock } from '../../lib/clock.js';
import { companyKey, emailKey } from '../../members/members.js';
import { SYSTEM_RIGHTS } from '../../issues/publicity.service.js';
import { createItem } from '../../issues/item-editing.service.js';
import { PROGRAM_STORE } from '../../programs/program-store.js';
import { EMPTY_PROGRAM_DRAFT } from '../../programs/program-draft.js';
import type { Program } from '../../programs/programs.js';
import type { RegistrationAnswers } from '../../programs/registrations.js';
import { saveRegistration } from '../../programs/registrations.service.js';

const clock = fixedClock('2026-11-28T12:00:00Z');

// The hand-checked case of the matching tests, through the desk: with expertise alone counting,
// greedy pairs Ana–Xu and Bo–Yan (10.00); the optimum is Ana–Yan and Bo–Xu (20.00).
const base: RegistrationAnswers = {
  areas: [], sector: null, goals: '', languages: ['en'], city: 'Shanghai', timeZone: 'Asia/Shanghai', availability: ['weekend'], capacity: null, notOwnCompany: true,
};

forEachDialect('desk: program registrations and matching', ({ db }) => {
  let app: App;
  let editor: DeskSession;
  let program: Program;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    program = await createItem(db(), clock, SYSTEM_ACTOR, PROGRAM_STORE, {
      ...EMPTY_PROGRAM_DRAFT, slug: 'pilot-club', title: 'Pilot Club', body: 'Mentoring.', roles: ['mentor', 'mentee'], registration_deadline: '2026-12-31', contact_email: 'club@example.org',
    }, SYSTEM_RIGHTS);
    const people: [string, 'mentor' | 'mentee', Partial<RegistrationAnswers>][] = [
      ['Ana', 'mentor', { areas: ['ai', 'funding'], capacity: 1 }],
      ['Bo', 'mentor', { areas: ['ai'], capacity: 1 }],
      ['Xu', 'mentee', { areas: ['ai'], goals: '=HYPERLINK("http://evil.example","click")' }],
      ['Yan', 'mentee', { areas: ['funding'] }],
      ['Zed', 'mentee', { areas: ['ai'], languages: ['zh'] }],
    ];
    for (const [name, role, answers] of people) {
      const email = `${name.toLowerCase()}@example.com`;
      const { registration } = await saveRegistration(db(), clock, SYSTEM_ACTOR, program, {
        contactId: null, name, email, emailKey: emailKey(email), company: `${name} GmbH`, companyKey: companyKey(`${name} GmbH`),
      }, role, { ...base, ...answers });
      ids.set(name, registration.id);
    }
    app = await createTestApp(db(), { clock });
    editor = await signInDesk(app, db(), 'editor@example.com', 'editor');
  });
  afterAll(async () => destroyTestApp(app));

  const url = () => `/admin/programs/${program.id}`;

  it('counts registrations on the program list', async () => {
    expect(visibleText((await editor.get('/admin/programs')).body)).toContain('2 mentors, 3 mentees');
  });

  it('lists the registrations and exports the roster with formula cells guarded', async () => {
    const list = visibleText((await editor.get(`${url()}/registrations`)).body);
    expect(list).toContain('2 mentors, 3 mentees.');
    expect(list).toContain('Artificial intelligence; Funding and investment');
    const csv = await editor.get(`${url()}/roster.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="pilot-club-roster-2026-11-28.csv"');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('role,name,email,company,paired_with,score,areas,sector,languages,city,time_zone,availability,capacity,not_own_company,in_their_words,sample');
    expect(lines.find((line) => line.includes('xu@example.com'))).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });

  it('shows the weights, refuses bad ones and saves good ones', async () => {
    const page = await editor.get(`${url()}/matching`);
    expect(page.body).toMatch(/name="expertise" type="number" value="5" min="0" max="10" step="1"/);
    const bad = await editor.post(`${url()}/matching/weights`, { expertise: '11', sector: 'x', location: '0', availability: '0' });
    expect(bad.statusCode).toBe(400);
    expect(visibleText(bad.body)).toContain('expertise: a whole number from 0 to 10');
    expect(bad.body).toContain('value="11"');
    const good = await editor.post(`${url()}/matching/weights`, { expertise: '10', sector: '0', location: '0', availability: '0' });
    expect(good.statusCode).toBe(303);
    expect(await db().selectFrom('program_match_weights').select(['expertise', 'sector']).executeTakeFirst()).toEqual({ expertise: 10, sector: 0 });
  });

  it('drafts the optimal matching and explains each pair and each unmatched person', async () => {
    expect((await editor.post(`${url()}/matching/draft`)).statusCode).toBe(303);
    const page = visibleText((await editor.get(`${url()}/matching`)).body);
    expect(page).toContain('Total score 20.00 (a greedy pairing, best pair first, would score 10.00)');
    expect(page).toMatch(/Ana .*ana@example.com · Ana GmbH Yan .*yan@example.com · Yan GmbH 10\.00 expertise: 10\.00 \(1 of 1 goals \(funding\); share 1\.00 × weight 10\)/);
    expect(page).toMatch(/Bo .*Xu .*10\.00 expertise: 10\.00/);
    expect(page).toContain('Zed zed@example.com · Zed GmbH mentee no mentor is allowed: 2 × no language in common');
  });

  it('re-drafts with a forbidden and a pinned pair, keeping both', async () => {
    expect((await editor.post(`${url()}/matching/rules`, { mentor: String(ids.get('Ana')), mentee: String(ids.get('Yan')), kind: 'forbid' })).statusCode).toBe(303);
    expect((await editor.post(`${url()}/matching/rules`, { mentor: String(ids.get('Bo')), mentee: String(ids.get('Yan')), kind: 'pin' })).statusCode).toBe(303);
    const wrong = await editor.post(`${url()}/matching/rules`, { mentor: String(ids.get('Xu')), mentee: String(ids.get('Yan')), kind: 'pin' });
    expect(wrong.statusCode).toBe(400);
    expect(visibleText(wrong.body)).toContain('mentor: choose a mentor registered for this program');
    expect((await editor.post(`${url()}/matching/draft`)).statusCode).toBe(303);
    const runs = await db().selectFrom('match_runs').select(['id', 'status']).execute();
    expect(runs.map((run) => run.status)).toEqual(['draft']);
    const pairs = await db().selectFrom('match_pairs').select(['mentor_id', 'mentee_id', 'pinned']).where('run_id', '=', runs[0]!.id).orderBy('mentee_id').execute();
    expect(pairs).toEqual([
      { mentor_id: ids.get('Ana'), mentee_id: ids.get('Xu'), pinned: 0 },
      { mentor_id: ids.get('Bo'), mentee_id: ids.get('Yan'), pinned: 1 },
    ]);
    const log = await db().selectFrom('activity').select('action').where('action', 'like', 'program.%').execute();
    expect(log.map((entry) => entry.action)).toEqual(expect.arrayContaining(['program.weights', 'program.pair.forbid', 'program.pair.pin', 'program.matching.draft']));
  });

  it('publishes: sends each pair its pair introduction emails, once', async () => {
    const run = (await db().selectFrom('match_runs').select('id').where('status', '=', 'draft').executeTakeFirstOrThrow()).id;
    const published = await editor.post(`${url()}/matching/publish`, { run: String(run) });
    expect(published.statusCode).toBe(303);
    const mails = await Promise.all((await outboxMessages(app)).map((raw) => simpleParser(raw)));
    const intros = mails.filter((mail) => mail.subject?.startsWith('Pilot Club: meet your'));
    expect(intros.map((mail) => `${mail.to && !Array.isArray(mail.to) ? mail.to.text : ''}: ${mail.subject}`).sort()).toEqual([
      'ana@example.com: Pilot Club: meet your mentee, Xu',
      'bo@example.com: Pilot Club: meet your mentee, Yan',
      'xu@example.com: Pilot Club: meet your mentor, Ana',
      'yan@example.com: Pilot Club: meet your mentor, Bo',
    ]);
    expect(intros.find((mail) => mail.subject === 'Pilot Club: meet your mentee, Xu')?.text).toContain('Email: xu@example.com');

    const again = await editor.post(`${url()}/matching/publish`, { run: String(run) });
    expect(again.statusCode).toBe(409);
    expect(visibleText(again.body)).toContain('This draft was replaced or already published.');

    // A new draft with the same pairs, published, emails nobody again.
    await editor.post(`${url()}/matching/draft`);
    const next = (await db().selectFrom('match_runs').select('id').where('status', '=', 'draft').executeTakeFirstOrThrow()).id;
    const count = (await outboxMessages(app)).length;
    expect((await editor.post(`${url()}/matching/publish`, { run: String(next) })).statusCode).toBe(303);
    expect(await outboxMessages(app)).toHaveLength(count);
    expect((await db().selectFrom('match_runs').select('status').orderBy('id').execute()).map((one) => one.status)).toEqual(['superseded', 'published']);
    const page = visibleText((await editor.get(`${url()}/matching`)).body);
    expect(page).toContain('2 pairs, 2 introduced by pair introduction email');
  });

  it('removes a registration only when confirmed, and logs it', async () => {
    const path = `${url()}/registrations/${ids.get('Zed')}/delete`;
    const unconfirmed = await editor.post(path);
    expect(unconfirmed.statusCode).toBe(400);
    expect(visibleText(unconfirmed.body)).toContain('nothing was removed');
    const removed = await editor.post(path, { confirm: '1' });
    expect(removed.statusCode).toBe(303);
    expect(await db().selectFrom('program_registrations').select('id').where('id', '=', ids.get('Zed')!).execute()).toEqual([]);
    expect((await db().selectFrom('activity').select('detail').where('action', '=', 'program.registration.remove').execute())).toEqual([{ detail: 'zed@example.com as mentee' }]);
    expect((await editor.post(path, { confirm: '1' })).statusCode).toBe(404);
  });

  it('keeps contributors out of registrations and matching', async () => {
    const contributor = await signInDesk(app, db(), 'contributor@example.com', 'contributor');
    expect((await contributor.get(`${url()}/matching`)).statusCode).toBe(403);
    expect((await contributor.get(`${url()}/roster.csv`)).statusCode).toBe(403);
  });
});
