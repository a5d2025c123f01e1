import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenIn, cookiesFrom, destroyTestApp, outboxMessages, TEST_ERASURE_KEY, visibleText } from '../../test/support/app.js';
import { importContentFiles } from '../../test/support/content.js';
import { forEachDialect } from '../../test/support/databases.js';
import { formBody, signInDesk, type DeskSession } from '../../test/support/desk.js';
import { createContact, signInMember } from '../../test/support/people.js';
import type { App } from '../app.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { fixedClock } from '../lib/clock.js';
import { eraseAddress } from '../privacy/erasure.service.js';
import { exportPersonalData } from '../privacy/export.service.js';
import { figureCount, quarterOf } from './introductions.js';
import { introductionFigures } from './introductions.service.js';

// The whole flow of an innovator introduction through the real app: a member asks, staff send
// the request to the innovator's contact person, who accepts; then, and only then, each side gets
// one email with the other's details. At every step before that, the outbox and the pages are
// checked for the other side's name and address. Refusals, double clicks and used links change
// nothing.

const clock = fixedClock('2026-11-28T12:00:00Z');

const profile = (name: string, country: string, contacts: string) => `---
name: ${name}
country: ${country}
kind: startup
city: Shenzhen
sectors: [automotive]
contacts:
${contacts}
---
${name} builds things. Members read more.
`;

const FILES = {
  'innovators/hyperpark.md': profile('HyperPark', 'CN', `  - name: Li Wei
    role: Head of Partnerships
    email: li.wei@hyperpark.example.com
    language: zh
    source: her business card from Xceleration Days 2023
  - name: Zhang Min
    email: zhang.min@hyperpark.example.com
    language: en
    source: the HyperPark website`),
  'innovators/landspace.md': profile('Landspace', 'CN', `  - name: Wang Fang
    email: wang.fang@landspace.example.com
    language: de
    source: the Xceleration Days 2023 speaker list`),
  'innovators/merck.md': profile('Merck', 'DE', `  - name: Max Muster
    email: max@merck.example.com
    source: an event`),
};

const MEMBER = { email: 'ana.schmidt@maschinen.example.com', name: 'Ana Schmidt', company: 'Ana Maschinen GmbH', role: 'Head of Purchasing' };
const MESSAGE = 'We build charging parks in Bavaria and look for a partner for automated parking <b>robots</b>.';

/** Everything in the outbox so far, parsed. */
async function mail(app: App) {
  return Promise.all((await outboxMessages(app)).map(async (raw) => {
    const parsed = await simpleParser(raw);
    const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : parsed.to?.text ?? '';
    return { to, subject: parsed.subject ?? '', text: parsed.text ?? '', html: String(parsed.html || ''), language: String(parsed.headers.get('content-language') ?? '') };
  }));
}

forEachDialect('innovator introductions', ({ db }) => {
  let app: App;
  let member: string;
  let desk: DeskSession;
  const ids: Record<string, number> = {};
  let decisionToken = '';

  /** The signed-in browser of `cookie`: a page, and a form posted with the page's CSRF token. */
  const browser = (cookie: () => string) => ({
    get: (url: string) => app.http.inject({ url, headers: { cookie: cookie() } }),
    post: async (url: string, fields: Record<string, string>, from = '/account') => {
      const page = await app.http.inject({ url: from, headers: { cookie: cookie() } });
      return app.http.inject({ method: 'POST', url, headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrfTokenIn(page.body), ...fields }) });
    },
  });

  beforeAll(async () => {
    await importContentFiles(db(), clock, { files: FILES });
    ids.ana = await createContact(db(), MEMBER.email, { name: MEMBER.company, membership: 'active' });
    await db().updateTable('contacts').set({ name: MEMBER.name, role: MEMBER.role }).where('id', '=', ids.ana!).execute();
    ids.bob = await createContact(db(), 'bob@zulieferer.example.com', { name: 'Bob Zulieferer AG', membership: 'active' });
    ids.lapsed = await createContact(db(), 'old@lapsed.example.com', { name: 'Old Member AG', membership: 'lapsed' });
    app = await createTestApp(db(), { clock });
    member = await signInMember(app, MEMBER.email);
    desk = await signInDesk(app, db(), 'editor@example.com', 'editor');
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
  });

  const ana = () => browser(() => member);
  const rows = () => db().selectFrom('innovator_introductions').selectAll().orderBy('id').execute();
  const leaks = (texts: readonly string[], secrets: readonly string[]) => texts.flatMap((text) => secrets.filter((secret) => text.includes(secret)));

  it('asks a signed-out visitor to sign in, and refuses unknown and non-directory organisations with a clear page', async () => {
    const page = await app.http.inject({ url: '/innovators/hyperpark/introduction' });
    expect(page.statusCode).toBe(200);
    expect(visibleText(page.body)).toContain('Sign in to ask for one.');
    expect(page.body).not.toContain('name="purpose"');
    const unknown = await ana().get('/innovators/no-such-innovator/introduction');
    expect(unknown.statusCode).toBe(404);
    expect(visibleText(unknown.body)).toContain('There is no innovator at this address.');
    const german = await ana().get('/innovators/merck/introduction');
    expect(german.statusCode).toBe(404);
    expect(visibleText(german.body)).toContain('only to innovators in the directory');
    const posted = await ana().post('/innovators/merck/introduction', { purpose: 'partnership', message: MESSAGE, consent: '1' });
    expect(posted.statusCode).toBe(404);
    expect(await rows()).toEqual([]);
  });

  it('refuses a non-member, and re-renders a form with problems with what was typed, storing nothing', async () => {
    const lapsed = await signInMember(app, 'old@lapsed.example.com');
    const page = await browser(() => lapsed).get('/innovators/hyperpark/introduction');
    expect(visibleText(page.body)).toContain('Your address is not linked to an active member company.');
    const refused = await app.http.inject({
      method: 'POST', url: '/innovators/hyperpark/introduction', headers: { cookie: lapsed, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ _csrf: csrfTokenIn((await browser(() => lapsed).get('/innovators/hyperpark/introduction')).body.replace(/^[\s\S]*?(name="_csrf")/, '$1')), purpose: 'partnership', message: MESSAGE, consent: '1' }),
    });
    expect(refused.statusCode).toBe(403);
    expect(visibleText(refused.body)).toContain('nothing was sent');

    const form = await ana().get('/innovators/hyperpark/introduction');
    expect(form.body).toContain('name="purpose"');
    expect(visibleText(form.body)).toContain('I agree that Innovation Insights sends this request to the innovator');
    const bad = await ana().post('/innovators/hyperpark/introduction', { purpose: 'partnership', message: MESSAGE });
    expect(bad.statusCode).toBe(400);
    expect(visibleText(bad.body)).toContain('Tick the box to agree');
    expect(bad.body).toContain('automated parking &lt;b>robots&lt;/b>');
    expect(bad.body).toMatch(/<option value="partnership" selected/);
    const german = await ana().post('/de/innovators/hyperpark/introduction', { purpose: '', message: 'short' });
    expect(german.statusCode).toBe(400);
    expect(visibleText(german.body)).toContain('Wählen Sie, wofür Sie die Vorstellung wünschen.');
    expect(await rows()).toEqual([]);
  });

  it('takes the member\'s request once, with the consent in the ledger, however often it is sent', async () => {
    const sent = await ana().post('/innovators/hyperpark/introduction', { purpose: 'partnership', message: MESSAGE, consent: '1' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/innovators/hyperpark/introduction?done=requested');
    const again = await ana().post('/innovators/hyperpark/introduction', { purpose: 'sourcing', message: `${MESSAGE} Again.`, consent: '1' });
    expect(again.statusCode).toBe(303);
    const stored = await rows();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ contact_id: ids.ana, purpose: 'partnership', state: 'new', sent_at: null, introduced_at: null });
    const consent = await db().selectFrom('consent_events').innerJoin('consent_wordings', 'consent_wordings.id', 'consent_events.wording_id')
      .select(['action', 'subject_ref', 'source', 'text', 'wording_id']).where('consent_events.contact_id', '=', ids.ana!).where('consent_events.purpose', '=', 'innovator_introduction').execute();
    expect(consent).toEqual([{ action: 'confirmed', subject_ref: `introduction:${stored[0]!.id}`, source: '/innovators/hyperpark/introduction', text: expect.stringContaining('only once they accept'), wording_id: stored[0]!.consent_wording_id }]);
    const page = await ana().get('/innovators/hyperpark/introduction?done=requested');
    expect(visibleText(page.body)).toContain('We will get in touch with the innovator.');
    expect(page.body).not.toContain('name="purpose"');
    ids.request = stored[0]!.id;
  });

  it('lists the request in the desk with figures, and sends it to the chosen contact person once, in her language, without the member\'s details', async () => {
    const list = await desk.get('/admin/introductions?state=new');
    expect(list.statusCode).toBe(200);
    expect(visibleText(list.body)).toContain('HyperPark');
    expect(visibleText(list.body)).toContain('fewer than 3');
    const detail = await desk.get(`/admin/introductions/${ids.request}`);
    expect(visibleText(detail.body)).toContain('Li Wei, Head of Partnerships <li.wei@hyperpark.example.com> (zh)');
    const persons = await db().selectFrom('organization_contacts').select(['id', 'email']).execute();
    const li = persons.find((p) => p.email.startsWith('li.wei'))!.id;
    ids.li = li;
    const triage = await desk.post(`/admin/introductions/${ids.request}/triage`, { notes: 'Call Li first.', assignee: '' });
    expect(triage.statusCode).toBe(303);

    const before = (await mail(app)).length;
    const sent = await desk.post(`/admin/introductions/${ids.request}/send`, { contact: String(li) });
    expect(sent.statusCode).toBe(303);
    const twice = await desk.post(`/admin/introductions/${ids.request}/send`, { contact: String(li) });
    expect(twice.statusCode).toBe(409);
    const messages = (await mail(app)).slice(before);
    expect(messages.map((m) => m.to)).toEqual(['li.wei@hyperpark.example.com']);
    const request = messages[0]!;
    expect(request.language).toBe('zh-Hans');
    expect(request.text).toContain('Ana Maschinen GmbH');
    expect(request.text).toContain('automated parking <b>robots</b>');
    expect(request.text).toContain('her business card from Xceleration Days 2023');
    expect(request.text).toMatch(/\/zh\/introductions\/opt-out\/[A-Za-z0-9_-]{43}/);
    expect(request.text).toContain('Innovation Insights');
    expect(leaks([request.text, request.html, request.subject], [MEMBER.email, MEMBER.name, MEMBER.role])).toEqual([]);
    expect((await rows())[0]).toMatchObject({ state: 'contacted', innovator_contact_id: li, notes: 'Call Li first.' });
    decisionToken = request.text.match(/\/zh\/introductions\/([A-Za-z0-9_-]{43})/)![1]!;
  });

  it('shows the innovator the request without the member\'s name or address, and the member nothing of the innovator\'s contact', async () => {
    const token = decisionToken;
    const page = await app.http.inject({ url: `/zh/introductions/${token}?decision=accept` });
    expect(page.statusCode).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain('Ana Maschinen GmbH');
    expect(text).toContain('automated parking <b>robots</b>');
    expect(leaks([page.body], [MEMBER.email, MEMBER.name, MEMBER.role, 'ana.schmidt'])).toEqual([]);
    const own = await ana().get('/innovators/hyperpark/introduction');
    expect(visibleText(own.body)).toContain('We have written to the innovator');
    expect(leaks([own.body], ['Li Wei', 'li.wei', 'Zhang Min'])).toEqual([]);
    // The member's data export lists the request, with the contact person as an id only and no link tokens.
    const exported = await exportPersonalData(db(), clock, TEST_ERASURE_KEY, MEMBER.email, SYSTEM_ACTOR);
    expect(exported.sections.innovatorIntroductions).toEqual([expect.objectContaining({ organization_id: expect.any(Number), innovator_contact_id: ids.li, state: 'contacted' })]);
    expect(leaks([JSON.stringify(exported)], ['Li Wei', 'li.wei', 'decision_token_hash', 'opt_out_token_hash'])).toEqual([]);
    // Nothing has gone to the member but the sign-in link.
    const toMember = (await mail(app)).filter((m) => m.to.includes(MEMBER.email));
    expect(toMember.every((m) => !m.text.includes('li.wei') && !m.text.includes('Li Wei'))).toBe(true);
  });

  it('on accept sends each side exactly one email with the other\'s details; a second click and the used link change nothing', async () => {
    const token = decisionToken;
    const page = await app.http.inject({ url: `/zh/introductions/${token}` });
    const cookie = cookiesFrom(page.headers['set-cookie']);
    const post = (decision: string) => app.http.inject({ method: 'POST', url: `/zh/introductions/${token}`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrfTokenIn(page.body), decision }) });
    const before = (await mail(app)).length;
    const accepted = await post('accept');
    expect(accepted.statusCode).toBe(200);
    expect(visibleText(accepted.body)).toContain('Ana Maschinen GmbH');
    const again = await post('accept');
    expect(again.statusCode).toBe(409);
    const declined = await post('decline');
    expect(declined.statusCode).toBe(409);
    expect(visibleText(declined.body)).toContain('此链接已被使用');
    const used = await app.http.inject({ url: `/introductions/${token}` });
    expect(used.statusCode).toBe(409);
    expect(visibleText(used.body)).toContain('This link has been used already');

    const messages = (await mail(app)).slice(before);
    expect(messages.map((m) => m.to).sort()).toEqual([MEMBER.email, 'li.wei@hyperpark.example.com']);
    const toMember = messages.find((m) => m.to === MEMBER.email)!;
    expect(toMember.language).toBe('en');
    expect(toMember.text).toContain('Li Wei');
    expect(toMember.text).toContain('Head of Partnerships');
    expect(toMember.text).toContain('li.wei@hyperpark.example.com');
    expect(toMember.text).toContain('HyperPark');
    const toLi = messages.find((m) => m.to.includes('li.wei'))!;
    expect(toLi.language).toBe('zh-Hans');
    expect(toLi.text).toContain(MEMBER.name);
    expect(toLi.text).toContain(MEMBER.email);
    expect(toLi.text).toContain(MEMBER.company);
    expect(toLi.text).toContain(MEMBER.role);
    expect(toLi.html).toContain(MEMBER.role);
    expect((await rows())[0]).toMatchObject({ state: 'accepted', introduced_at: clock.now().toISOString() });
    const own = await ana().get('/innovators/hyperpark/introduction');
    expect(visibleText(own.body)).toContain('The innovator accepted your request');
  });

  it('after a decline sends no details, and refuses a new request for the same innovator', async () => {
    const bob = await signInMember(app, 'bob@zulieferer.example.com');
    const bobs = browser(() => bob);
    expect((await bobs.post('/innovators/landspace/introduction', { purpose: 'investment', message: 'We would like to invest in small launchers.', consent: '1' })).statusCode).toBe(303);
    const id = (await rows()).find((row) => row.contact_id === ids.bob)!.id;
    const wang = (await db().selectFrom('organization_contacts').select('id').where('email', '=', 'wang.fang@landspace.example.com').executeTakeFirstOrThrow()).id;
    const before = (await mail(app)).length;
    expect((await desk.post(`/admin/introductions/${id}/send`, { contact: String(wang) })).statusCode).toBe(303);
    const request = (await mail(app)).slice(before);
    expect(request.map((m) => [m.to, m.language])).toEqual([['wang.fang@landspace.example.com', 'de']]);
    expect(request[0]!.text).toContain('Wir haben Ihnen bisher nicht geschrieben.');
    const token = request[0]!.text.match(/\/de\/introductions\/([A-Za-z0-9_-]{43})/)![1]!;
    const page = await app.http.inject({ url: `/de/introductions/${token}` });
    const cookie = cookiesFrom(page.headers['set-cookie']);
    const declined = await app.http.inject({ method: 'POST', url: `/de/introductions/${token}`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrfTokenIn(page.body), decision: 'decline' }) });
    expect(declined.statusCode).toBe(200);
    expect(visibleText(declined.body)).toContain('Anfrage abgelehnt');
    expect((await mail(app)).length).toBe(before + 1);

    const again = await bobs.post('/innovators/landspace/introduction', { purpose: 'investment', message: 'We would still like to invest in small launchers.', consent: '1' });
    expect(again.statusCode).toBe(409);
    expect(visibleText(again.body)).toContain('declined an introduction to you before');
    expect((await rows()).filter((row) => row.contact_id === ids.bob)).toHaveLength(1);
    expect(visibleText((await bobs.get('/innovators/landspace/introduction')).body)).toContain('The innovator declined your request');

    // The opt-out link still works after the decision; the desk then refuses to write to her.
    const optOut = request[0]!.text.match(/\/de\/introductions\/opt-out\/([A-Za-z0-9_-]{43})/)![1]!;
    const optPage = await app.http.inject({ url: `/de/introductions/opt-out/${optOut}` });
    expect(optPage.statusCode).toBe(200);
    const optCookie = cookiesFrom(optPage.headers['set-cookie']);
    const opted = await app.http.inject({ method: 'POST', url: `/de/introductions/opt-out/${optOut}`, headers: { cookie: optCookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrfTokenIn(optPage.body) }) });
    expect(opted.statusCode).toBe(200);
    const person = await db().selectFrom('organization_contacts').select('opted_out_at').where('id', '=', wang).executeTakeFirstOrThrow();
    expect(person.opted_out_at).toBe(clock.now().toISOString());
    expect((await ana().post('/innovators/landspace/introduction', { purpose: 'sourcing', message: 'We look for small satellite launch slots.', consent: '1' })).statusCode).toBe(303);
    const anaLandspace = (await rows()).find((row) => row.contact_id === ids.ana && row.state === 'new')!.id;
    const detail = await desk.get(`/admin/introductions/${anaLandspace}`);
    expect(visibleText(detail.body)).toContain('Wang Fang asked for no further introduction requests');
    const count = (await mail(app)).length;
    const refused = await desk.post(`/admin/introductions/${anaLandspace}/send`, { contact: String(wang) });
    expect(refused.statusCode).toBe(403);
    expect(visibleText(refused.body)).toContain('asked for no further introduction requests');
    expect((await mail(app)).length).toBe(count);
  });

  it('refuses unknown links with a clear page, and lets staff close a request but never accept it', async () => {
    const unknown = await app.http.inject({ url: `/introductions/${'x'.repeat(43)}` });
    expect(unknown.statusCode).toBe(404);
    expect(visibleText(unknown.body)).toContain('This link is not valid.');
    const open = (await rows()).find((row) => row.state === 'new')!.id;
    expect((await desk.post(`/admin/introductions/${open}/state`, { state: 'accepted' })).statusCode).toBe(409);
    expect((await desk.post(`/admin/introductions/${open}/state`, { state: 'closed' })).statusCode).toBe(303);
    expect((await rows()).find((row) => row.id === open)!.state).toBe('closed');
    const activity = await db().selectFrom('activity').select('action').where('subject_type', '=', 'introduction').execute();
    expect(new Set(activity.map((row) => row.action))).toEqual(new Set(['introduction.request', 'introduction.triage', 'introduction.send', 'introduction.accepted', 'introduction.introduced', 'introduction.declined', 'introduction.opt-out', 'introduction.state']));
  });

  it('stops a flood of requests from one network with 429, and a re-sent request changes nothing', async () => {
    const token = csrfTokenIn((await ana().get('/account')).body);
    const post = () => app.http.inject({
      method: 'POST', url: '/innovators/hyperpark/introduction', remoteAddress: '10.7.0.1', headers: { cookie: member, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ _csrf: token, purpose: 'partnership', message: MESSAGE, consent: '1' }),
    });
    const before = await rows();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) statuses.push((await post()).statusCode);
    expect(statuses).toEqual([...Array(10).fill(303), 429]);
    expect(await rows()).toEqual(before);
  });

  it('counts requests, made and declined introductions per quarter, below 3 as "fewer than 3"', async () => {
    const figures = await introductionFigures(db());
    expect(figures).toEqual([{
      quarter: '2026-Q4',
      requested: { exact: 3 },
      made: { fewerThan: 3 },
      declined: { fewerThan: 3 },
      sectors: [{ slug: 'automotive', name: expect.any(String), count: { exact: 3 } }],
    }]);
  });
});

forEachDialect('innovator introductions: erasure', ({ db }) => {
  it('erasing the member deletes their requests; erasing the contact person keeps the request without them', async () => {
    await importContentFiles(db(), clock, { files: FILES });
    const contactId = await createContact(db(), MEMBER.email, { name: MEMBER.company, membership: 'active' });
    const app = await createTestApp(db(), { clock });
    try {
      const cookie = await signInMember(app, MEMBER.email);
      const page = await app.http.inject({ url: '/account', headers: { cookie } });
      const posted = await app.http.inject({
        method: 'POST', url: '/innovators/hyperpark/introduction', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: csrfTokenIn(page.body), purpose: 'sourcing', message: MESSAGE, consent: '1' }),
      });
      expect(posted.statusCode).toBe(303);
      const li = (await db().selectFrom('organization_contacts').select('id').where('email', '=', 'li.wei@hyperpark.example.com').executeTakeFirstOrThrow()).id;
      await db().updateTable('innovator_introductions').set({ innovator_contact_id: li }).execute();
      const deps = { db: db(), clock, erasureKey: TEST_ERASURE_KEY, outboxDir: null };
      await eraseAddress(deps, 'li.wei@hyperpark.example.com', SYSTEM_ACTOR);
      expect(await db().selectFrom('innovator_introductions').select(['contact_id', 'innovator_contact_id']).execute()).toEqual([{ contact_id: contactId, innovator_contact_id: null }]);
      await eraseAddress(deps, MEMBER.email, SYSTEM_ACTOR);
      expect(await db().selectFrom('innovator_introductions').select('id').execute()).toEqual([]);
      expect(await db().selectFrom('consent_events').select(['contact_id', 'purpose']).where('purpose', '=', 'innovator_introduction').execute()).toEqual([{ contact_id: null, purpose: 'innovator_introduction' }]);
    } finally {
      await destroyTestApp(app);
    }
  });
});

describe('figure helpers', () => {
  it('names quarters and hides counts below 3', () => {
    expect(['2026-01-01T00:00:00Z', '2026-03-31T23:59:59Z', '2026-04-01T00:00:00Z', '2026-12-31T00:00:00Z'].map(quarterOf)).toEqual(['2026-Q1', '2026-Q1', '2026-Q2', '2026-Q4']);
    expect([0, 1, 2, 3, 10].map(figureCount)).toEqual([{ fewerThan: 3 }, { fewerThan: 3 }, { fewerThan: 3 }, { exact: 3 }, { exact: 10 }]);
  });
});
