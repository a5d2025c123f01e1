import { expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { loadDemoIfEmpty } from '../content/demo.js';
import { fixedClock } from '../lib/clock.js';
import { draftMatching, getMatchingOverview } from './matching.service.js';
import { getProgram } from './programs.service.js';

const clock = fixedClock('2026-11-28T12:00:00Z');

forEachDialect('demo: sample registrations for the Innovators Club', ({ db }) => {
  it('loads fictional, flagged sample people that a matching can pair', async () => {
    const summary = await loadDemoIfEmpty(db(), clock);
    expect(summary?.sampleRegistrations).toBe(9);
    const program = await getProgram(db(), 'ahk-innovators-club');
    const before = await getMatchingOverview(db(), program.id);
    expect(before.registrations.every((one) => one.sample && one.email.endsWith('@example.com') && one.name.endsWith('(sample)'))).toBe(true);
    expect(before.registrations.filter((one) => one.role === 'mentor').map((one) => one.capacity)).toEqual([3, 2, 1]);

    await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    const { draft } = await getMatchingOverview(db(), program.id);
    expect(draft!.pairs.length).toBeGreaterThan(0);
    expect(draft!.run.totalPoints).toBeGreaterThanOrEqual(draft!.run.greedyPoints);
    // Lena and Anna work at the same sample company and asked not to be paired there.
    expect(draft!.pairs.some((pair) => pair.mentor.name === 'Anna Becker (sample)' && pair.mentee.name === 'Lena Hoffmann (sample)')).toBe(false);
    // Paul meets only in German at weekends in Berlin; every mentee is either paired or has a reason.
    expect(draft!.pairs.length + draft!.unmatched.filter((one) => one.registration.role === 'mentee').length).toBe(6);
  });
});
