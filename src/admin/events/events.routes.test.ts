import { expect, it } from 'vitest';
import { visibleText } from '../../../test/support/app.js';
import { forEachDialect } from '../../../test/support/databases.js';
import { type DeskSession, startDemoDesk } from '../../../test/support/desk.js';
import { listActivity } from '../../activity/activity.service.js';
import type { App } from '../../app.js';
import { getEvent } from '../../events/events.service.js';
import { fixedClock } from '../../lib/clock.js';

// A desk save drops the public pages' cache at once, so no test waits for the clock.
const clock = fixedClock('2026-11-28T12:00:00Z');

/** A complete, valid event form: a morning in Shanghai. */
const shanghaiMorning = {
  slug: 'innovation-breakfast-2027',
  title: 'Innovation Breakfast 2027',
  body: 'A morning of startup pitches.\n\n<!-- members-only -->\nMembers meet the founders afterwards.',
  starts_on: '2027-03-04',
  starts_time: '09:30',
  ends_on: '2027-03-04',
  ends_time: '17:00',
  time_zone: 'Asia/Shanghai',
  venue: 'AHK Innovation Hub',
  address: '北辰东路8号院',
  city: 'Shanghai',
  organiser: 'own',
  capacity: '80',
  url: 'https://example.org/breakfast',
  registration_opens: '2027-02-01T09:00',
  registration_closes: '2027-03-03T18:00',
  sectors: ['automotive', 'robotics'],
};

function idFrom(location: unknown): number {
  const match = /^\/admin\/events\/(\d+)$/.exec(String(location));
  if (!match) throw new Error(`unexpected redirect to ${String(location)}`);
  return Number(match[1]);
}

forEachDialect('desk: events', ({ db }) => {
  let app: App;
  let editor: DeskSession;
  let contributor: DeskSession;

  startDemoDesk(db, clock, (desk) => {
    ({ app, editor, contributor } = desk);
  });

  it('creates an event from local Shanghai time, stores UTC and shows 09:30 China time publicly and 09:30 CST in the list', async () => {
    const created = await editor.post('/admin/events', shanghaiMorning);
    expect(created.statusCode).toBe(303);
    idFrom(created.headers.location);

    const stored = await getEvent(db(), 'innovation-breakfast-2027');
    expect(stored.startsAt).toBe('2027-03-04T01:30:00.000Z');
    expect(stored.endsAt).toBe('2027-03-04T09:00:00.000Z');
    expect(stored.registrationOpensAt).toBe('2027-02-01T01:00:00.000Z');
    expect(stored.sectors.map((s) => s.slug)).toEqual(['automotive', 'robotics']);
    expect(stored.address).toBe('北辰东路8号院');
    expect(stored.body.membersOnly).toBe('Members meet the founders afterwards.');

    const page = visibleText((await app.http.inject({ method: 'GET', url: '/events/innovation-breakfast-2027' })).body);
    expect(page).toContain('4 March 2027, 09:30–17:00 China time (UTC+8)');
    expect(page).not.toContain('Members meet the founders');

    const list = visibleText((await editor.get('/admin/events?when=upcoming')).body);
    expect(list).toContain('Innovation Breakfast 2027');
    expect(list).toContain('09:30–17:00 CST');
    expect(list).not.toContain('World of Tech 2023 Shenzhen');
  });

  it('filters the list by time, city and organiser', async () => {
    const past = visibleText((await editor.get('/admin/events?when=past&city=Shenzhen&organiser=external')).body);
    expect(past).toContain('World of Tech 2023 Shenzhen');
    expect(past).not.toContain('Re-Opening AHK Innovation Hub');
    expect(past).not.toContain('Innovation Breakfast 2027');
    const own = visibleText((await editor.get('/admin/events?when=all&organiser=own')).body);
    expect(own).toContain('Re-Opening AHK Innovation Hub');
    expect(own).toContain('Innovation Breakfast 2027');
    expect(own).not.toContain('World of Tech 2023 Shenzhen');
  });

  const refused: [string, Record<string, string>, string, string][] = [
    ['an end before the start', { slug: 'bad-end', ends_time: '08:00' }, 'ends_time', 'the end must be after the start'],
    ['a local time the clocks skip', { slug: 'bad-dst', time_zone: 'Europe/Berlin', starts_on: '2027-03-28', starts_time: '02:30', ends_on: '2027-03-28' }, 'starts_time', '2027-03-28 02:30 does not exist in Europe/Berlin'],
    ['a javascript: URL', { slug: 'bad-url', url: 'javascript:alert(1)' }, 'url', 'must be an http or https URL'],
    ['an unknown zone', { slug: 'bad-zone', time_zone: 'Asia/Atlantis' }, 'time_zone', 'must be an IANA time zone'],
    ['a negative capacity', { slug: 'bad-capacity', capacity: '-5' }, 'capacity', 'must be 1 or more'],
    ['a registration window after the event', { slug: 'bad-window', registration_opens: '2027-03-05T09:00', registration_closes: '2027-03-06T09:00' }, 'registration_opens', 'registration must open before the event ends'],
    ['a date that does not exist', { slug: 'bad-date', starts_on: '2027-02-30' }, 'starts_on', 'is not a real date'],
    ['a mistyped members-only line', { slug: 'bad-body', body: 'Teaser\n<!--members-only-->\nsecret' }, 'body', 'line 2: looks like a members-only line'],
  ];

  for (const [what, change, field, message] of refused) {
    it(`refuses ${what} with a field error and keeps the input`, async () => {
      const response = await editor.post('/admin/events', { ...shanghaiMorning, ...change });
      expect(response.statusCode).toBe(400);
      const text = visibleText(response.body);
      expect(text).toContain('nothing was saved');
      expect(text).toContain(`${field}: ${message}`);
      expect(response.body).toContain(`id="error-${field}"`);
      expect(response.body).toContain(`value="${change.slug}"`);
      expect(response.body).toContain('value="AHK Innovation Hub"');
      expect(response.body).toMatch(/value="automotive" checked/);
      await expect(getEvent(db(), change.slug!)).rejects.toThrow();
    });
  }

  it('offers time inputs for the times, and shows a refused time as typed in a text input', async () => {
    const form = (await editor.get('/admin/events/new')).body;
    expect(form).toContain('name="starts_time" type="time"');
    expect(form).toContain('name="ends_time" type="time"');
    const refusedTime = await editor.post('/admin/events', { ...shanghaiMorning, slug: 'bad-time', starts_time: '24:00' });
    expect(refusedTime.statusCode).toBe(400);
    expect(visibleText(refusedTime.body)).toContain('starts_time: must be a time HH:MM (24-hour)');
    expect(refusedTime.body).toContain('name="starts_time" type="text" value="24:00"');
    expect(refusedTime.body).toContain('name="ends_time" type="time" value="17:00"');
  });

  it('refuses a slug another event uses', async () => {
    const response = await editor.post('/admin/events', { ...shanghaiMorning, slug: 'asiamold-2024' });
    expect(response.statusCode).toBe(400);
    expect(visibleText(response.body)).toContain('slug: another event already uses “asiamold-2024”');
  });

  it('stores all-day events from local midnight to the midnight after the last day', async () => {
    const created = await editor.post('/admin/events', {
      ...shanghaiMorning, slug: 'berlin-fair-2027', title: 'Berlin Fair 2027', time_zone: 'Europe/Berlin', all_day: '1', starts_on: '2027-07-01', ends_on: '2027-07-03',
      registration_opens: '', registration_closes: '',
    });
    expect(created.statusCode).toBe(303);
    const stored = await getEvent(db(), 'berlin-fair-2027');
    expect([stored.allDay, stored.startsAt, stored.endsAt]).toEqual([true, '2027-06-30T22:00:00.000Z', '2027-07-03T22:00:00.000Z']);
    const form = (await editor.get(String(created.headers.location))).body;
    expect(form).toContain('value="2027-07-03"');
    expect(visibleText((await app.http.inject({ method: 'GET', url: '/events/berlin-fair-2027' })).body)).toContain('1–3 July 2027');
  });

  it('edits an event and the public page changes at once', async () => {
    const before = visibleText((await app.http.inject({ method: 'GET', url: '/events/innovation-breakfast-2027' })).body);
    expect(before).toContain('09:30–17:00 China time (UTC+8)');
    const id = (await getEvent(db(), 'innovation-breakfast-2027')).id;
    const form = (await editor.get(`/admin/events/${id}`)).body;
    expect(form).toContain('value="09:30"');
    expect(form).toContain('value="2027-02-01T09:00"');

    const saved = await editor.post(`/admin/events/${id}`, { ...shanghaiMorning, title: 'Innovation Brunch 2027', starts_time: '11:00' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/admin/events/${id}`);
    const after = visibleText((await app.http.inject({ method: 'GET', url: '/events/innovation-breakfast-2027' })).body);
    expect(after).toContain('Innovation Brunch 2027');
    expect(after).toContain('4 March 2027, 11:00–17:00 China time (UTC+8)');
  });

  it('refuses a contributor’s edit: every event is public; the page says so and offers no Save', async () => {
    const id = (await getEvent(db(), 'innovation-breakfast-2027')).id;
    const form = await contributor.get(`/admin/events/${id}`);
    expect(form.statusCode).toBe(200);
    expect(visibleText(form.body)).toContain('“Innovation Brunch 2027” is public: every event is, at /events/innovation-breakfast-2027 and in the calendar (/events.ics).');
    expect(form.body).not.toContain('>Save<');
    expect(form.body).not.toContain('Delete this event');

    const refused = await contributor.post(`/admin/events/${id}`, { ...shanghaiMorning, title: 'Rewritten', body: 'All of it, for everyone.' });
    expect(refused.statusCode).toBe(403);
    expect(visibleText(refused.body)).toContain('Only editors, admins or owners can change it: ask one of them to make your change. Your version is below and was not saved.');
    expect(refused.body).toContain('value="Rewritten"');
    const stored = await getEvent(db(), 'innovation-breakfast-2027');
    expect([stored.title, stored.body.membersOnly]).toEqual(['Innovation Brunch 2027', 'Members meet the founders afterwards.']);
  });

  it('refuses a contributor’s delete; refuses to delete an event an issue lists', async () => {
    const id = (await getEvent(db(), 'innovation-breakfast-2027')).id;
    expect((await contributor.post(`/admin/events/${id}/delete`, { confirm: '1' })).statusCode).toBe(403);

    const listed = await getEvent(db(), 'world-of-tech-2023-shenzhen');
    const page = visibleText((await editor.get(`/admin/events/${listed.id}`)).body);
    expect(page).toContain('It is listed in 2023 Fall Issue (2023-fall)');
    const refusedDelete = await editor.post(`/admin/events/${listed.id}/delete`, { confirm: '1' });
    expect(refusedDelete.statusCode).toBe(409);
    expect(visibleText(refusedDelete.body)).toContain('“World of Tech 2023 Shenzhen” is listed in 2023 Fall Issue (2023-fall)');
    await expect(getEvent(db(), 'world-of-tech-2023-shenzhen')).resolves.toMatchObject({ id: listed.id });

    expect((await editor.post(`/admin/events/${id}/delete`, {})).statusCode).toBe(400);
    const deleted = await editor.post(`/admin/events/${id}/delete`, { confirm: '1' });
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe('/admin/events');
    await expect(getEvent(db(), 'innovation-breakfast-2027')).rejects.toThrow(/no event/);
    expect((await app.http.inject({ method: 'GET', url: '/events/innovation-breakfast-2027' })).statusCode).toBe(404);
  });

  it('records who created, changed and deleted each event', async () => {
    const entries = await listActivity(db(), { subjectType: 'event', limit: 50 });
    const lines = entries.map((entry) => `${entry.actor.label} ${entry.action} ${entry.subject.label}`).reverse();
    expect(lines).toEqual([
      'editor@example.com event.create Innovation Breakfast 2027',
      'editor@example.com event.create Berlin Fair 2027',
      'editor@example.com event.update Innovation Brunch 2027',
      'editor@example.com event.delete Innovation Brunch 2027',
    ]);
  });
});

