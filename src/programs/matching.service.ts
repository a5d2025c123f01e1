import { createHash } from 'node:crypto';
import type { Database, Executor } from '../db/database.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, Invalid, NotFound } from '../lib/errors.js';
import { enqueueEmail } from '../mail/email.js';
import { withFooter } from '../settings/settings.service.js';
import * as pairIntroductionEmail from './emails/pair-introduction.email.js';
import { mailLanguageOf } from '../members/contacts.service.js';
import type { SiteForMail } from '../members/sign-in.service.js';
import { runMatching } from './matching/assign.js';
import { DEFAULT_WEIGHTS, MAX_CAPACITY, WEIGHT_KEYS, type MatchMentor, type MatchPerson, type MatchWeights, type ScorePart } from './matching/matching.js';
import {
  claimPairIntroduction, claimedSides, deleteDraftRuns, deleteRule, findWeights, insertRun, listCurrentRuns, listRules, listRunPairs, listRunUnmatched, markPairIntroduced,
  publishRun, upsertRule, upsertWeights, type StoredRule, type StoredRun,
} from './matching.queries.js';
import type { Program } from './programs.js';
import { areaLabel, type Registration } from './registrations.js';
import { listRegistrations } from './registrations.queries.js';

// The organiser's matching flow: weights → draft a matching → review (why each pair, why each
// unmatched person) → pin or forbid pairs → draft again → publish, which introduces each new
// pair by email. A program has at most one draft and one published run; drafting again
// replaces the draft, publishing supersedes the previous published run.

/** A program's weights (the defaults until the organiser changes them). */
export async function getWeights(db: Executor, programId: number): Promise<MatchWeights> {
  return (await findWeights(db, programId)) ?? DEFAULT_WEIGHTS;
}

/** The weights form: one text field per weight. */
export type WeightsDraft = Record<keyof MatchWeights, string>;

/** Checks and saves weights (whole numbers 0 to 10); throws `Invalid` naming each bad one. */
export async function saveWeights(db: Database, clock: Clock, actor: Actor, program: Program, draft: WeightsDraft): Promise<MatchWeights> {
  const problems = WEIGHT_KEYS.filter((key) => !/^(10|\d)$/.test(draft[key].trim())).map((key) => ({ where: key, message: 'a whole number from 0 to 10' }));
  if (problems.length > 0) throw new Invalid('Each weight is a whole number from 0 to 10; nothing was saved.', problems);
  const weights = Object.fromEntries(WEIGHT_KEYS.map((key) => [key, Number(draft[key].trim())])) as unknown as MatchWeights;
  await db.transaction().execute(async (trx) => {
    await upsertWeights(trx, program.id, weights, clock.now().toISOString());
    await recordActivity(trx, clock, actor, 'program.weights', { type: 'program', id: program.id, label: program.title }, WEIGHT_KEYS.map((key) => `${key} ${weights[key]}`).join(', '));
  });
  return weights;
}

/** A rule with the two people's names. */
export interface RuleView extends StoredRule {
  readonly mentor: Registration;
  readonly mentee: Registration;
}

/** A pair as the review page shows it. */
export interface PairView {
  readonly mentor: Registration;
  readonly mentee: Registration;
  readonly pinned: boolean;
  readonly points: number;
  readonly parts: readonly ScorePart[];
  readonly introducedAt: string | null;
}

/** A run with people instead of ids. */
export interface RunView {
  readonly run: StoredRun;
  readonly pairs: readonly PairView[];
  readonly unmatched: readonly { registration: Registration; reason: string }[];
  readonly skippedPins: readonly { mentor: Registration | undefined; mentee: Registration | undefined; reason: string }[];
}

/** Everything the matching page shows. */
export interface MatchingOverview {
  readonly registrations: readonly Registration[];
  readonly weights: MatchWeights;
  readonly rules: readonly RuleView[];
  readonly draft: RunView | undefined;
  readonly published: RunView | undefined;
}

/** The registrations, weights, rules and current runs of a program. */
export async function getMatchingOverview(db: Executor, programId: number): Promise<MatchingOverview> {
  const registrations = await listRegistrations(db, programId);
  const byId = new Map(registrations.map((one) => [one.id, one]));
  const rules = (await listRules(db, programId)).flatMap((rule) => {
    const mentor = byId.get(rule.mentorId);
    const mentee = byId.get(rule.menteeId);
    return mentor && mentee ? [{ ...rule, mentor, mentee }] : [];
  });
  const runs = await listCurrentRuns(db, programId);
  const view = async (run: StoredRun | undefined): Promise<RunView | undefined> => {
    if (!run) return undefined;
    const pairs = (await listRunPairs(db, run.id)).flatMap((pair) => {
      const mentor = byId.get(pair.mentorId);
      const mentee = byId.get(pair.menteeId);
      return mentor && mentee ? [{ ...pair, mentor, mentee }] : [];
    });
    const unmatched = (await listRunUnmatched(db, run.id)).flatMap((one) => {
      const registration = byId.get(one.registrationId);
      return registration ? [{ registration, reason: one.reason }] : [];
    });
    const skippedPins = run.skippedPins.map((skip) => ({ mentor: byId.get(skip.rule.mentorId), mentee: byId.get(skip.rule.menteeId), reason: skip.reason }));
    return { run, pairs, unmatched, skippedPins };
  };
  return {
    registrations,
    weights: await getWeights(db, programId),
    rules,
    draft: await view(runs.find((run) => run.status === 'draft')),
    published: await view(runs.find((run) => run.status === 'published')),
  };
}

/** Pins or forbids a pair of a program's mentor and mentee (replacing the pair's other rule). */
export async function setPairRule(db: Database, clock: Clock, actor: Actor, program: Program, mentorId: number, menteeId: number, kind: 'pin' | 'forbid'): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const registrations = new Map((await listRegistrations(trx, program.id)).map((one) => [one.id, one]));
    const mentor = registrations.get(mentorId);
    const mentee = registrations.get(menteeId);
    const problems = [
      ...(mentor?.role === 'mentor' ? [] : [{ where: 'mentor', message: 'choose a mentor registered for this program' }]),
      ...(mentee?.role === 'mentee' ? [] : [{ where: 'mentee', message: 'choose a mentee registered for this program' }]),
    ];
    if (problems.length > 0 || !mentor || !mentee) throw new Invalid('Choose a mentor and a mentee of this program.', problems);
    await upsertRule(trx, program.id, mentor.id, mentee.id, kind, clock.now().toISOString());
    await recordActivity(trx, clock, actor, kind === 'pin' ? 'program.pair.pin' : 'program.pair.forbid', { type: 'program', id: program.id, label: program.title }, `${mentor.email} – ${mentee.email}`);
  });
}

/** Removes a pin or forbidden pair. */
export async function removePairRule(db: Database, clock: Clock, actor: Actor, program: Program, ruleId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const rule = await deleteRule(trx, program.id, ruleId);
    if (!rule) throw new NotFound('That pin or forbidden pair no longer exists.');
    await recordActivity(trx, clock, actor, 'program.pair.unrule', { type: 'program', id: program.id, label: program.title }, `${rule.kind} ${rule.mentorId}–${rule.menteeId}`);
  });
}

/** A registration as the solver sees it. */
export function matchPersonOf(registration: Registration): MatchPerson {
  return {
    id: registration.id,
    name: registration.name,
    company: registration.companyKey,
    languages: registration.languages,
    areas: registration.areas,
    sector: registration.sector,
    city: registration.city,
    timeZone: registration.timeZone,
    availability: registration.availability,
    notOwnCompany: registration.notOwnCompany,
  };
}

/**
 * A digest of everything the hard rules depend on: every registration with its answers (and
 * when it was last saved) and every pin and forbidden pair. A draft remembers it; publishing
 * refuses when it differs, so a stale draft never publishes a pair that breaks a rule.
 */
export function inputsDigest(registrations: readonly Registration[], rules: readonly StoredRule[]): string {
  const people = [...registrations].sort((a, b) => a.id - b.id).map((one) => ({ ...one, createdAt: undefined }));
  const pairRules = [...rules].sort((a, b) => a.id - b.id).map((rule) => [rule.id, rule.mentorId, rule.menteeId, rule.kind]);
  return createHash('sha256').update(JSON.stringify({ people, pairRules })).digest('hex');
}

/** Runs the matching on the current registrations, weights and rules and stores it as the draft (replacing any draft). */
export async function draftMatching(db: Database, clock: Clock, actor: Actor, program: Program): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const registrations = await listRegistrations(trx, program.id);
    const mentors: MatchMentor[] = registrations
      .filter((one) => one.role === 'mentor')
      .map((one) => ({ ...matchPersonOf(one), capacity: Math.min(MAX_CAPACITY, Math.max(1, one.capacity ?? 1)) }));
    const mentees = registrations.filter((one) => one.role === 'mentee').map(matchPersonOf);
    const rules = await listRules(trx, program.id);
    const weights = await getWeights(trx, program.id);
    const outcome = runMatching({
      mentors, mentees, weights,
      pinned: rules.filter((rule) => rule.kind === 'pin'),
      forbidden: rules.filter((rule) => rule.kind === 'forbid'),
    });
    await deleteDraftRuns(trx, program.id);
    const id = await insertRun(trx, program.id, {
      weights,
      totalPoints: outcome.totalPoints,
      greedyPoints: outcome.greedyPoints,
      skippedPins: outcome.skippedPins,
      createdBy: actor.label,
      inputsDigest: inputsDigest(registrations, rules),
      pairs: outcome.pairs.map((pair) => ({ mentorId: pair.mentorId, menteeId: pair.menteeId, pinned: pair.pinned, points: pair.score.points, parts: pair.score.parts })),
      unmatched: outcome.unmatched.map((one) => ({ registrationId: one.id, reason: one.reason })),
    }, clock.now().toISOString());
    await recordActivity(trx, clock, actor, 'program.matching.draft', { type: 'program', id: program.id, label: program.title }, `${outcome.pairs.length} pairs, ${outcome.totalPoints} points (greedy ${outcome.greedyPoints})`);
    return id;
  });
}

/** What publishing did. */
export interface PublishOutcome {
  readonly pairs: number;
  /** Pairs introduced by pair introduction email now (pairs introduced by an earlier publication are not emailed again). */
  readonly introduced: number;
}

/** Publishes the draft `runId` and introduces each new pair by email. `Conflict` unless it is the program's current draft. */
export async function publishMatching(deps: { db: Database; clock: Clock; site: SiteForMail }, actor: Actor, program: Program, runId: number): Promise<PublishOutcome> {
  const { db, clock } = deps;
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const draft = (await listCurrentRuns(trx, program.id)).find((run) => run.status === 'draft');
    if (!draft || draft.id !== runId) throw new Conflict('This draft was replaced or already published. Review the current draft and publish that; nothing was sent.');
    if (draft.inputsDigest !== inputsDigest(await listRegistrations(trx, program.id), await listRules(trx, program.id))) {
      throw new Conflict('Answers or rules changed since this draft; draft again. Nothing was published or sent.');
    }
    if (!(await publishRun(trx, program.id, runId, now))) throw new Conflict('This draft was replaced or already published. Review the current draft and publish that; nothing was sent.');
    await recordActivity(trx, clock, actor, 'program.matching.publish', { type: 'program', id: program.id, label: program.title }, `run ${runId}`);
  });
  return introducePairs(deps, program, runId);
}

/**
 * Introduces every pair of the published run that has not been introduced yet, in this run or an
 * earlier one. Per pair, one transaction claims each side in the database (one row per pair and
 * side) and enqueues that side's email, so a double-clicked Publish, or two publications
 * overlapping, never enqueue the same email twice; the jobs queue retries a send that fails.
 */
export async function introducePairs(deps: { db: Database; clock: Clock; site: SiteForMail }, program: Program, runId: number): Promise<PublishOutcome> {
  const { db, clock, site } = deps;
  const overview = await getMatchingOverview(db, program.id);
  const published = overview.published;
  if (!published || published.run.id !== runId) throw new Conflict('This matching is not the published one.');
  let introduced = 0;
  for (const pair of published.pairs) {
    const enqueued = await db.transaction().execute(async (trx) => {
      const now = clock.now().toISOString();
      let count = 0;
      for (const side of ['mentor', 'mentee'] as const) {
        if (!(await claimPairIntroduction(trx, runId, pair.mentor.id, pair.mentee.id, side, now))) continue;
        const [to, other] = side === 'mentor' ? [pair.mentor, pair.mentee] : [pair.mentee, pair.mentor];
        await enqueueEmail(trx, clock, pairIntroductionEmail, to.email, pairIntroductionProps(site, program, to, other, side), await withFooter(trx, site, await mailLanguageOf(trx, to.email)));
        count++;
      }
      if ((await claimedSides(trx, pair.mentor.id, pair.mentee.id)).size === 2) await markPairIntroduced(trx, pair.mentor.id, pair.mentee.id, now);
      return count;
    });
    if (enqueued > 0) introduced++;
  }
  return { pairs: published.pairs.length, introduced };
}

function pairIntroductionProps(site: SiteForMail, program: Program, to: Registration, other: Registration, role: 'mentor' | 'mentee'): pairIntroductionEmail.PairIntroductionProps {
  const about = { name: other.name, company: other.company, email: other.email, areas: other.areas.map(areaLabel), city: other.city, goals: other.goals };
  return { role, name: to.name, other: about, programTitle: program.title, contactEmail: program.contactEmail, siteName: site.name };
}
