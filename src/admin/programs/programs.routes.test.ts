import { expect, it } from 'vitest';
import { visibleText } from '../../../test/support/app.js';
import { forEachDialect } from '../../../test/support/databases.js';
import { type DeskSession, startDemoDesk } from '../../../test/support/desk.js';
import { listActivity } from '../../activity/activity.service.js';
import type { App } from '../../app.js';
import { fixedClock } from '../../lib/clock.js';
import { getProgram } from '../../programs/programs.service.js';

// A desk save drops the public pages' cache at once, so no test waits for the clock.
const clock = fixedClock('2026-11-28T12:00:00Z');

const mentoring = {
  slug: 'founders-circle',
  title: 'Founders Circle',
  body: 'Pairs founders with experienced managers.\n\n<!-- members-only -->\nMembers get the list of mentors.',
  roles: ['mentor', 'mentee'],
  registration_deadline: '2027-01-31',
  cohort_start: '2027-02-15',
  duration_months: '6',
  time_zone: 'Asia/Shanghai',
  contact_name: 'Li Wei',
  contact_email: 'li.wei@example.org',
};

forEachDialect('desk: programs', ({ db }) => {
  let app: App;
  let editor: DeskSession;
  let contributor: DeskSession;

  startDemoDesk(db, clock, (desk) => {
    ({ app, editor, contributor } = desk);
  });

  it('lists programs with the issues that list them', async () => {
    const list = visibleText((await editor.get('/admin/programs')).body);
    expect(list).toContain('AHK Innovators Club');
    expect(list).toContain('mentor, mentee');
    expect(list).toContain('2023 Fall Issue (2023-fall)');
  });

  it('creates a program; the public page shows the teaser only', async () => {
    const created = await editor.post('/admin/programs', mentoring);
    expect(created.statusCode).toBe(303);
    expect(String(created.headers.location)).toMatch(/^\/admin\/programs\/\d+$/);
    const stored = await getProgram(db(), 'founders-circle');
    expect(stored).toMatchObject({ roles: ['mentor', 'mentee'], registrationDeadline: '2027-01-31', cohortStart: '2027-02-15', durationMonths: 6, contactEmail: 'li.wei@example.org' });
    expect(stored.body.membersOnly).toBe('Members get the list of mentors.');
    const page = visibleText((await app.http.inject({ method: 'GET', url: '/programs/founders-circle' })).body);
    expect(page).toContain('Pairs founders with experienced managers.');
    expect(page).not.toContain('Members get the list of mentors');
  });

  it('refuses bad input field by field and keeps what was typed', async () => {
    const response = await editor.post('/admin/programs', {
      ...mentoring, slug: 'Bad Slug', roles: [], duration_months: '0', contact_email: 'not-an-address', time_zone: 'Mars/Olympus',
    });
    expect(response.statusCode).toBe(400);
    const text = visibleText(response.body);
    expect(text).toContain('nothing was saved');
    expect(text).toContain('slug: must be a slug');
    expect(text).toContain('roles: tick at least one role');
    expect(text).toContain('duration_months: must be 1 or more');
    expect(text).toContain('contact_email: must be an email address');
    expect(text).toContain('time_zone: must be an IANA time zone');
    expect(response.body).toContain('value="Bad Slug"');
    expect(response.body).toContain('value="Li Wei"');

    const late = await editor.post('/admin/programs', { ...mentoring, slug: 'late-deadline', registration_deadline: '2027-03-01' });
    expect(late.statusCode).toBe(400);
    expect(visibleText(late.body)).toContain('registration_deadline: registration must close by the day the cohort starts');
    const taken = await editor.post('/admin/programs', { ...mentoring, slug: 'ahk-innovators-club' });
    expect(visibleText(taken.body)).toContain('slug: another program already uses “ahk-innovators-club”');
  });

  it('lets an editor edit; the public page changes', async () => {
    const id = (await getProgram(db(), 'founders-circle')).id;
    const form = (await editor.get(`/admin/programs/${id}`)).body;
    expect(form).toMatch(/value="mentor" checked/);
    expect(form).not.toMatch(/value="participant" checked/);
    const saved = await editor.post(`/admin/programs/${id}`, { ...mentoring, title: 'Founders Circle 2027', roles: ['participant'] });
    expect(saved.statusCode).toBe(303);
    expect((await getProgram(db(), 'founders-circle')).roles).toEqual(['participant']);
    expect(visibleText((await app.http.inject({ method: 'GET', url: '/programs/founders-circle' })).body)).toContain('Founders Circle 2027');
  });

  it('refuses a contributor’s edit: every program is public; the page says so and offers no Save', async () => {
    const id = (await getProgram(db(), 'founders-circle')).id;
    const form = await contributor.get(`/admin/programs/${id}`);
    expect(visibleText(form.body)).toContain('“Founders Circle 2027” is public: every program is, at /programs/founders-circle.');
    expect(form.body).not.toContain('>Save<');
    expect(form.body).not.toContain('Delete this program');
    const refused = await contributor.post(`/admin/programs/${id}`, { ...mentoring, title: 'Rewritten', body: 'Everything, for everyone.' });
    expect(refused.statusCode).toBe(403);
    expect(visibleText(refused.body)).toContain('Only editors, admins or owners can change it');
    expect(refused.body).toContain('value="Rewritten"');
    const stored = await getProgram(db(), 'founders-circle');
    expect([stored.title, stored.body.membersOnly]).toEqual(['Founders Circle 2027', 'Members get the list of mentors.']);
  });

  it('deletes only unused programs, only for roles that may publish', async () => {
    const id = (await getProgram(db(), 'founders-circle')).id;
    expect((await contributor.post(`/admin/programs/${id}/delete`, { confirm: '1' })).statusCode).toBe(403);
    const club = await getProgram(db(), 'ahk-innovators-club');
    const refused = await editor.post(`/admin/programs/${club.id}/delete`, { confirm: '1' });
    expect(refused.statusCode).toBe(409);
    expect(visibleText(refused.body)).toContain('“AHK Innovators Club” is listed in 2023 Fall Issue (2023-fall)');
    const deleted = await editor.post(`/admin/programs/${id}/delete`, { confirm: '1' });
    expect(deleted.statusCode).toBe(303);
    await expect(getProgram(db(), 'founders-circle')).rejects.toThrow(/no program/);
    await expect(getProgram(db(), 'ahk-innovators-club')).resolves.toMatchObject({ id: club.id });
  });

  it('records the changes in the activity log', async () => {
    const entries = await listActivity(db(), { subjectType: 'program', limit: 10 });
    expect(entries.map((entry) => `${entry.actor.label} ${entry.action} ${entry.subject.label}`).reverse()).toEqual([
      'editor@example.com program.create Founders Circle',
      'editor@example.com program.update Founders Circle 2027',
      'editor@example.com program.delete Founders Circle 2027',
    ]);
  });
});
