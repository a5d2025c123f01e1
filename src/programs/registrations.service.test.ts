import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { createContact } from '../../test/support/people.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { fixedClock } from '../lib/clock.js';
import { getContact } from '../members/contacts.service.js';
import { SYSTEM_RIGHTS } from '../issues/publicity.service.js';
import { createItem } from '../issues/item-editing.service.js';
import { PROGRAM_STORE } from './program-store.js';
import { EMPTY_PROGRAM_DRAFT } from './program-draft.js';
import type { RegistrationDraft } from './registrations.js';
import { getRegistrations, registerForProgram } from './registrations.service.js';

// A double-clicked first submission of the program form: both requests succeed, one row.

const clock = fixedClock('2027-01-20T10:00:00Z');
const outbox = mkdtempSync(join(tmpdir(), 'insights-program-registrations-'));
afterAll(() => rmSync(outbox, { recursive: true, force: true }));
const draft: RegistrationDraft = {
  areas: ['ai'], sector: '', goals: 'Learn', languages: ['en'], city: '', time_zone: '', availability: ['weekend'], capacity: '', not_own_company: true,
};

forEachDialect('program registration', ({ db, engine }) => {
  it('two first submissions at once store one registration, and neither request fails', async () => {
    const program = await createItem(db(), clock, SYSTEM_ACTOR, PROGRAM_STORE, {
      ...EMPTY_PROGRAM_DRAFT, slug: `double-${engine}`, title: 'Club', body: 'Mentoring.', roles: ['mentor', 'mentee'], registration_deadline: '2027-01-31',
    }, SYSTEM_RIGHTS);
    const contact = await getContact(db(), await createContact(db(), `double-${engine}@example.com`, { name: 'Double GmbH', membership: 'active' }));
    const deps = { db: db(), clock, site: { name: 'Insights', url: 'https://insights.test' } };
    const results = await Promise.allSettled([
      registerForProgram(deps, program, contact, 'mentee', draft),
      registerForProgram(deps, program, contact, 'mentee', { ...draft, goals: 'Learn more' }),
    ]);
    expect(results.map((one) => one.status)).toEqual(['fulfilled', 'fulfilled']);
    const outcomes = results.map((one) => (one as PromiseFulfilledResult<Awaited<ReturnType<typeof registerForProgram>>>).value);
    expect(outcomes.map((one) => one.created).sort()).toEqual([false, true]);
    const stored = await getRegistrations(db(), program.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.email).toBe(contact.email);
  });
});
