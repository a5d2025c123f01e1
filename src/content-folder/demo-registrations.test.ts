import { expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { loadDemoIfEmpty } from './demo.js';
import { fixedClock } from '../lib/clock.js';
import { draftMatching, getMatchingOverview } from '../programs/matching.service.js';
import { getProgram } from '../programs/programs.service.js';

const clock = fixedClock('2026-11-28T12:00:00Z');

forEachDialect('demo: sample registrations for the Innovators Club', ({ db }) => {
  it('loads fictional, flagged sample people that a matching can pair', async () => {
    const summary = await loadDemoIfEmpty(db(), clock);
    expect(summary?.sampleRegistrations).toBe(9);
    const program = await getProgram(db(), 'ahk-innovators-club');
    const before = await getMatchingOverview(db(), program.id);
    expect(before.registrations.every((one) => one.sample && one.email.endsWith('@example.com') && one.name.endsWith('(sample)'))).toBe(true);
    expect(before.registrations.filter((one) => one.role === 'mentor').map((one) => one.capacity)).toEqual([3, 3, 1]);

    await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    const { draft } = await getMatchingOverview(db(), program.id);
    expect(draft!.pairs.length).toBeGreaterThan(0);
    // The samples are chosen so that the optimum visibly beats greedy (32.50 against 32.00, worked out by hand):
    // greedy gives Jonas to Sophie (10.00) and leaves Max, who speaks only German, to Anna (1.50);
    // the optimum pairs Jonas–Max (7.50) and Chen–Sophie (5.00).
    expect([draft!.run.totalPoints, draft!.run.greedyPoints]).toEqual([3250, 3200]);
    // Lena and Anna work at the same sample company and asked not to be paired there.
    expect(draft!.pairs.some((pair) => pair.mentor.name === 'Anna Becker (sample)' && pair.mentee.name === 'Lena Hoffmann (sample)')).toBe(false);
    expect(draft!.unmatched.map((one) => `${one.registration.name}: ${one.reason}`)).toContain(
      'Lena Hoffmann (sample): every mentor who could take them is full (Chen Hao (sample), Jonas Wagner (sample))',
    );
    expect(draft!.pairs.length + draft!.unmatched.filter((one) => one.registration.role === 'mentee').length).toBe(6);
  });
});
