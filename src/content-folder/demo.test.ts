import { expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { fixedClock } from '../lib/clock.js';
import { findContactByEmail } from '../members/contacts.service.js';
import { isMember } from '../members/members.js';
import { listStaff } from '../staff/staff.service.js';
import { loadDemoIfEmpty } from './demo.js';

// The demo on an empty database: the five issues, and the people a newcomer signs in as.

const clock = fixedClock('2026-11-28T12:00:00Z');

forEachDialect('demo', ({ db }) => {
  it('loads content and people once: members and public subscribers in English, German and Chinese, and a staff owner', async () => {
    const summary = await loadDemoIfEmpty(db(), clock);
    expect(summary?.content.issues).toBe(5);
    expect(summary?.contacts).toEqual({ created: 4, updated: 0, companiesCreated: 0 });
    expect(summary?.staff).toEqual(['editor@example.com']);

    const member = await findContactByEmail(db(), 'member@example.com');
    expect(member).toMatchObject({ name: 'Mia Member', subscribed: true, company: { name: 'Example Maschinenbau GmbH', industry: 'manufacturing', membership: 'active' } });
    expect(isMember(member!)).toBe(true);
    const reader = await findContactByEmail(db(), 'reader@example.com');
    expect(reader).toMatchObject({ company: null, subscribed: true });
    expect(isMember(reader!)).toBe(false);
    expect(await findContactByEmail(db(), 'mitglied@example.com')).toMatchObject({ language: 'de', company: { name: 'Example Maschinenbau GmbH', membership: 'active' } });
    expect(await findContactByEmail(db(), 'duzhe@example.com')).toMatchObject({ language: 'zh', company: null, subscribed: true });
    expect((await listStaff(db())).map((staff) => [staff.email, staff.role, staff.hasPassword])).toEqual([['editor@example.com', 'owner', false]]);

    expect(await loadDemoIfEmpty(db(), clock)).toBeUndefined();
  });
});
