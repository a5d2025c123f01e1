import { beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { queuedMail } from '../../test/support/mail.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { fixedClock, type Clock } from '../lib/clock.js';
import { Conflict } from '../lib/errors.js';
import { companyKey, emailKey } from '../members/members.js';
import { publishRun } from './matching.queries.js';
import { draftMatching, getMatchingOverview, introducePairs, publishMatching, removePairRule, setPairRule } from './matching.service.js';
import { SYSTEM_RIGHTS } from '../issues/publicity.service.js';
import { createItem } from '../issues/item-editing.service.js';
import { PROGRAM_STORE } from './program-store.js';
import { EMPTY_PROGRAM_DRAFT } from './program-draft.js';
import type { Program } from './programs.js';
import type { RegistrationAnswers } from './registrations.js';
import { saveRegistration } from './registrations.service.js';

// Publishing a matching: a stale draft is refused, and no pair introduction email is enqueued twice
// (the jobs queue then sends each at least once, retrying on 4xx: see mail/mail-job.test.ts).

const base: RegistrationAnswers = {
  areas: ['ai'], sector: null, goals: '', languages: ['en'], city: 'Shanghai', timeZone: 'Asia/Shanghai', availability: ['weekend'], capacity: 1, notOwnCompany: true,
};
const site = { name: 'Insights', url: 'https://insights.test' };

forEachDialect('publishing a matching', ({ db }) => {
  let program: Program;
  let clock: Clock;
  const ids = new Map<string, number>();
  let counter = 0;

  async function register(name: string, role: 'mentor' | 'mentee', answers: Partial<RegistrationAnswers> = {}) {
    const email = `${name.toLowerCase()}@example.com`;
    const { registration } = await saveRegistration(db(), clock, SYSTEM_ACTOR, program, {
      contactId: null, name, email, emailKey: emailKey(email), company: `${name} GmbH`, companyKey: companyKey(`${name} GmbH`),
    }, role, { ...base, ...answers });
    ids.set(name, registration.id);
  }

  beforeEach(async () => {
    clock = fixedClock('2027-01-20T10:00:00Z');
    counter++;
    program = await createItem(db(), clock, SYSTEM_ACTOR, PROGRAM_STORE, {
      ...EMPTY_PROGRAM_DRAFT, slug: `club-${counter}`, title: 'Club', body: 'Mentoring.', roles: ['mentor', 'mentee'], registration_deadline: '2027-01-31',
    }, SYSTEM_RIGHTS);
    await register('Ana', 'mentor', { capacity: 3 });
    await register('Xu', 'mentee');
    await register('Yan', 'mentee');
  });

  const deps = () => ({ db: db(), clock, site });
  /** The recipients of the pair introductions enqueued since `before` mail jobs existed. */
  const introducedSince = async (before: number) => (await queuedMail(db())).slice(before).map((mail) => mail.to).sort();
  const mailCount = async () => (await queuedMail(db())).length;

  it('refuses a draft whose answers changed afterwards, even within the same second', async () => {
    const run = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    // Xu now speaks only Chinese: the stored pair Ana–Xu would have no language in common.
    await register('Xu', 'mentee', { languages: ['zh'] });
    const before = await mailCount();
    await expect(publishMatching(deps(), SYSTEM_ACTOR, program, run)).rejects.toThrow(new Conflict('Answers or rules changed since this draft; draft again. Nothing was published or sent.'));
    expect(await introducedSince(before)).toEqual([]);
    expect((await getMatchingOverview(db(), program.id)).published).toBeUndefined();
    // Drafting again takes the change into account and publishes.
    const again = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    await publishMatching(deps(), SYSTEM_ACTOR, program, again);
    expect((await getMatchingOverview(db(), program.id)).published!.pairs.map((pair) => pair.mentee.name)).toEqual(['Yan']);
  });

  it('refuses a draft after a lowered capacity, a new forbid, or a removed rule', async () => {
    let run = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    await register('Ana', 'mentor', { capacity: 1 });
    await expect(publishMatching(deps(), SYSTEM_ACTOR, program, run)).rejects.toThrow(Conflict);

    run = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    await setPairRule(db(), clock, SYSTEM_ACTOR, program, ids.get('Ana')!, ids.get('Xu')!, 'forbid');
    await expect(publishMatching(deps(), SYSTEM_ACTOR, program, run)).rejects.toThrow(Conflict);

    run = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    const rule = (await getMatchingOverview(db(), program.id)).rules[0]!;
    await removePairRule(db(), clock, SYSTEM_ACTOR, program, rule.id);
    await expect(publishMatching(deps(), SYSTEM_ACTOR, program, run)).rejects.toThrow(Conflict);

    run = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    const outcome = await publishMatching(deps(), SYSTEM_ACTOR, program, run);
    expect(outcome.pairs).toBe(1);
  });

  it('a double-clicked Publish publishes and emails once', async () => {
    const run = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    const before = await mailCount();
    const results = await Promise.allSettled([
      publishMatching(deps(), SYSTEM_ACTOR, program, run),
      publishMatching(deps(), SYSTEM_ACTOR, program, run),
    ]);
    expect(results.filter((one) => one.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((one) => one.status === 'rejected').map((one) => (one as PromiseRejectedResult).reason)).toEqual([expect.any(Conflict)]);
    // The publish step itself only changes a run that is still a draft (so on PostgreSQL the
    // second of two racing requests changes nothing and gets Conflict).
    expect(await publishRun(db(), program.id, run, clock.now().toISOString())).toBe(false);
    expect(await introducedSince(before)).toEqual(['ana@example.com', 'ana@example.com', 'xu@example.com', 'yan@example.com']);
  });

  it('two requests sending the pair introductions of the same published run at once (both passed the publish step, as on PostgreSQL) email once', async () => {
    const run = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    await publishRun(db(), program.id, run, clock.now().toISOString());
    const before = await mailCount();
    await Promise.all([introducePairs(deps(), program, run), introducePairs(deps(), program, run)]);
    expect(await introducedSince(before)).toEqual(['ana@example.com', 'ana@example.com', 'xu@example.com', 'yan@example.com']);
  });

  it('a later publication, and another after it, introduce nobody a second time', async () => {
    const before = await mailCount();
    const first = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    const earlier = await publishMatching(deps(), SYSTEM_ACTOR, program, first);
    expect(earlier).toEqual({ pairs: 2, introduced: 2 });
    // The organiser drafts again and publishes: the same pairs were introduced already.
    clock = fixedClock('2027-01-20T10:05:00Z');
    const second = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    expect(await publishMatching(deps(), SYSTEM_ACTOR, program, second)).toEqual({ pairs: 2, introduced: 0 });
    clock = fixedClock('2027-01-20T10:10:00Z');
    const third = await draftMatching(db(), clock, SYSTEM_ACTOR, program);
    expect(await publishMatching(deps(), SYSTEM_ACTOR, program, third)).toEqual({ pairs: 2, introduced: 0 });
    // Ana got her two pair introductions, Xu and Yan theirs, once each, in one transaction with each claim.
    expect(await introducedSince(before)).toEqual(['ana@example.com', 'ana@example.com', 'xu@example.com', 'yan@example.com']);
    const published = (await getMatchingOverview(db(), program.id)).published!;
    expect(published.pairs.every((pair) => pair.introducedAt !== null)).toBe(true);
  });
});
