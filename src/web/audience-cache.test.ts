import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenIn, destroyTestApp, visibleText } from '../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase } from '../../test/support/databases.js';
import { createContact, signInMember } from '../../test/support/people.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { App } from '../app.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import type { Database } from '../db/database.js';
import { EMPTY_EVENT_DRAFT } from '../events/event-draft.js';
import { EVENT_STORE } from '../events/event-store.js';
import { SYSTEM_RIGHTS } from '../issues/publicity.service.js';
import { createItem } from '../issues/item-editing.service.js';
import { fixedClock } from '../lib/clock.js';

// The fast member path: a signed-in contact's issue, story, event and program pages come from a
// cache kept per audience (member, signed-in non-member) and content version, with the personal
// parts (the header's sign-out form and its CSRF token, the notice naming who is signed in, the
// registration panels) filled per request. Two members never see each other's parts, and a
// member's page never reaches the public.

describe('pages cached per audience, personal parts filled per request [sqlite]', () => {
  let db: Database;
  let app: App;
  const people: Record<'ana' | 'ben' | 'cem', string> = { ana: '', ben: '', cem: '' };
  const clock = fixedClock(new Date());
  const day = (offset: number) => new Date(clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    await importContent(db, DEMO_DIR, { clock });
    await createItem(db, clock, SYSTEM_ACTOR, EVENT_STORE, {
      ...EMPTY_EVENT_DRAFT, slug: 'member-dinner', title: 'Member dinner', body: 'A dinner.\n\n<!-- members-only -->\nThe private room is on the 3rd floor.',
      starts_on: day(30), starts_time: '18:00', ends_on: day(30), ends_time: '21:00', capacity: '10', city: 'Shanghai',
    }, SYSTEM_RIGHTS);
    app = await createTestApp(db, { clock });
    await createContact(db, 'ana@alpha.example', { name: 'Alpha GmbH', membership: 'active' });
    await createContact(db, 'ben@beta.example', { name: 'Beta AG', membership: 'active' });
    await createContact(db, 'cem@lapsed.example', { name: 'Lapsed KG', membership: 'lapsed' });
    people.ana = await signInMember(app, 'ana@alpha.example');
    people.ben = await signInMember(app, 'ben@beta.example');
    people.cem = await signInMember(app, 'cem@lapsed.example');
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestDatabase(db);
  });

  const get = (url: string, who?: keyof typeof people) => app.http.inject({ url, headers: who ? { cookie: people[who] } : {} });
  const PAGES = ['/', '/issues/2024-spring', '/stories/china-56-new-unicorns-2023', '/events/member-dinner', '/programs/ahk-innovators-club', '/events'];

  it("serves each member their own sign-out token, twice over, and never another's", async () => {
    for (const url of PAGES) {
      const ana = await get(url, 'ana');
      const ben = await get(url, 'ben');
      const anaAgain = await get(url, 'ana');
      for (const response of [ana, ben, anaAgain]) {
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['cache-control'], url).toBe('private, no-store');
      }
      const tokenOf = (body: string) => csrfTokenIn(body);
      expect(tokenOf(ana.body), url).toBe(tokenOf(anaAgain.body));
      expect(tokenOf(ana.body), url).not.toBe(tokenOf(ben.body));
      expect(ben.body, url).not.toContain(tokenOf(ana.body));
      expect(ana.body, url).not.toContain(tokenOf(ben.body));
      expect(ana.body, url).not.toContain('ii-part');
      expect(visibleText(ana.body), url).toContain('Sign out');
    }
  });

  it("shows a member's own registration only to them", async () => {
    const page = await get('/events/member-dinner', 'ana');
    expect(visibleText(page.body)).toContain('The private room is on the 3rd floor.');
    const registered = await app.http.inject({
      method: 'POST', url: '/events/member-dinner/register', headers: { cookie: people.ana }, payload: { _csrf: csrfTokenIn(page.body) },
    });
    expect(registered.statusCode).toBe(303);
    expect(visibleText((await get('/events/member-dinner?done=confirmed', 'ana')).body)).toMatch(/You are registered\. .*Cancel my registration/);
    const ben = visibleText((await get('/events/member-dinner', 'ben')).body);
    expect(ben).not.toContain('Cancel my registration');
    expect(ben).toContain('Register');
    expect(ben).toContain('The private room is on the 3rd floor.');
  });

  it('tells a signed-in non-member why they see the teaser, in their own name, from its own audience entry', async () => {
    const cem = visibleText((await get('/stories/china-56-new-unicorns-2023', 'cem')).body);
    expect(cem).toContain('You are signed in as cem@lapsed.example. Lapsed KG is not a current member');
    expect(cem).not.toContain('ana@alpha.example');
    const event = visibleText((await get('/events/member-dinner', 'cem')).body);
    expect(event).not.toContain('The private room is on the 3rd floor.');
  });

  it("never gives the public a member's entry", async () => {
    for (const url of PAGES) {
      await get(url, 'ana');
      const response = await get(url);
      expect(response.headers['cache-control'], url).toMatch(/^public/);
      expect(response.body, url).not.toContain('Sign out');
      expect(response.body, url).not.toContain('ii-part');
      expect(response.body, url).not.toContain('The private room is on the 3rd floor.');
      expect(response.body, url).not.toContain(csrfTokenIn((await get(url, 'ana')).body));
    }
  });
});
