import { expect, it } from 'vitest';
import { importContentFiles } from '../../test/support/content.js';
import { forEachDialect } from '../../test/support/databases.js';
import { createContact } from '../../test/support/people.js';
import { INTRODUCTION_STATES } from '../introductions/introductions.js';
import { introductionFigures, listIntroductions } from '../introductions/introductions.service.js';
import { fixedClock } from '../lib/clock.js';
import { loadSampleIntroductions } from './demo-introductions.js';

// The demo's sample introductions: one per state from the demo members to the directory's
// innovators, marked as samples, never mailed, left out of the figures, loaded once.

const clock = fixedClock('2026-11-28T12:00:00Z');

const innovator = (name: string, country: string) => `---
name: ${name}
country: ${country}
contacts:
  - name: ${name} Contact (sample)
    email: contact@${name.toLowerCase()}.example.com
    source: the demo
---
${name}.
`;

forEachDialect('demo sample introductions', ({ db }) => {
  it('stores nothing without innovators, then one request per state, marked, unmailed and out of the figures, once', async () => {
    await createContact(db(), 'member@example.com', { name: 'Example Maschinenbau GmbH', membership: 'active' });
    await createContact(db(), 'mitglied@example.com', { name: 'Example Maschinenbau GmbH', membership: 'active' });
    expect(await loadSampleIntroductions(db(), clock, 'Innovation Insights')).toBe(0);
    await importContentFiles(db(), clock, { files: { 'innovators/hyperpark.md': innovator('HyperPark', 'CN'), 'innovators/ehang.md': innovator('EHang', 'CN'), 'innovators/merck.md': innovator('Merck', 'DE') } });

    expect(await loadSampleIntroductions(db(), clock, 'Innovation Insights')).toBe(5);
    const { introductions, counts } = await listIntroductions(db(), {});
    expect(counts).toEqual(Object.fromEntries(INTRODUCTION_STATES.map((state) => [state, 1])));
    expect(introductions.every((one) => one.sample && one.message.startsWith('(sample)') && one.member.email.endsWith('@example.com'))).toBe(true);
    expect(new Set(introductions.map((one) => one.organization.name))).toEqual(new Set(['EHang', 'HyperPark']));
    expect(introductions.find((one) => one.state === 'accepted')).toMatchObject({ innovatorContactId: expect.any(Number), introducedAt: '2026-11-11T12:00:00.000Z' });
    expect(await db().selectFrom('jobs').select('id').execute()).toEqual([]);
    expect(await introductionFigures(db())).toEqual([]);
    const consent = await db().selectFrom('consent_events').select(['source_kind', 'source']).where('purpose', '=', 'innovator_introduction').execute();
    expect(consent).toEqual(Array(5).fill({ source_kind: 'import', source: 'demo: sample introduction requests' }));

    expect(await loadSampleIntroductions(db(), clock, 'Innovation Insights')).toBe(0);
  });
});
