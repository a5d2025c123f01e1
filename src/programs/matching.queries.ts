import type { Executor } from '../db/database.js';
import type { PairIntroductionSide, MatchRunStatus, PairRuleKind } from '../db/tables/programs.js';
import type { MatchWeights, ScorePart } from './matching/matching.js';
import type { SkippedPin } from './matching/assign.js';

// The organiser's weights and pair rules, and stored matching runs with their pairs and the
// people left unmatched.

/** A pin or a forbidden pair as stored. */
export interface StoredRule {
  readonly id: number;
  readonly mentorId: number;
  readonly menteeId: number;
  readonly kind: PairRuleKind;
}

/** A stored run (draft, published or superseded). */
export interface StoredRun {
  readonly id: number;
  readonly programId: number;
  readonly status: MatchRunStatus;
  readonly weights: MatchWeights;
  readonly totalPoints: number;
  readonly greedyPoints: number;
  readonly skippedPins: readonly SkippedPin[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly publishedAt: string | null;
  /** Digest of the registrations and pair rules the run was drafted from. */
  readonly inputsDigest: string;
}

/** A stored pair. */
export interface StoredPair {
  readonly mentorId: number;
  readonly menteeId: number;
  readonly pinned: boolean;
  readonly points: number;
  readonly parts: readonly ScorePart[];
  readonly introducedAt: string | null;
}

/** The weights of a program, or undefined when never set. */
export async function findWeights(db: Executor, programId: number): Promise<MatchWeights | undefined> {
  const row = await db.selectFrom('program_match_weights').select(['expertise', 'sector', 'location', 'availability']).where('program_id', '=', programId).executeTakeFirst();
  return row;
}

/** Sets a program's weights. */
export async function upsertWeights(db: Executor, programId: number, weights: MatchWeights, now: string): Promise<void> {
  await db
    .insertInto('program_match_weights')
    .values({ program_id: programId, ...weights, updated_at: now })
    .onConflict((oc) => oc.column('program_id').doUpdateSet({ ...weights, updated_at: now }))
    .execute();
}

/** Every pin and forbidden pair of a program. */
export async function listRules(db: Executor, programId: number): Promise<StoredRule[]> {
  const rows = await db.selectFrom('program_pair_rules').select(['id', 'mentor_id', 'mentee_id', 'kind']).where('program_id', '=', programId).orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, mentorId: row.mentor_id, menteeId: row.mentee_id, kind: row.kind }));
}

/** Sets the rule of a pair (a pair has at most one: pinned or forbidden). */
export async function upsertRule(db: Executor, programId: number, mentorId: number, menteeId: number, kind: PairRuleKind, now: string): Promise<void> {
  await db.deleteFrom('program_pair_rules').where('mentor_id', '=', mentorId).where('mentee_id', '=', menteeId).execute();
  await db.insertInto('program_pair_rules').values({ program_id: programId, mentor_id: mentorId, mentee_id: menteeId, kind, created_at: now }).execute();
}

/** Removes a rule of a program; returns whether it existed. */
export async function deleteRule(db: Executor, programId: number, ruleId: number): Promise<StoredRule | undefined> {
  const rule = (await listRules(db, programId)).find((one) => one.id === ruleId);
  if (rule) await db.deleteFrom('program_pair_rules').where('id', '=', ruleId).execute();
  return rule;
}

/** Drops a program's draft runs (a new draft replaces them). */
export async function deleteDraftRuns(db: Executor, programId: number): Promise<void> {
  await db.deleteFrom('match_runs').where('program_id', '=', programId).where('status', '=', 'draft').execute();
}

/** What a new run stores. */
export interface NewRun {
  readonly weights: MatchWeights;
  readonly totalPoints: number;
  readonly greedyPoints: number;
  readonly skippedPins: readonly SkippedPin[];
  readonly createdBy: string;
  readonly inputsDigest: string;
  readonly pairs: readonly { mentorId: number; menteeId: number; pinned: boolean; points: number; parts: readonly ScorePart[] }[];
  readonly unmatched: readonly { registrationId: number; reason: string }[];
}

/** Stores a draft run with its pairs and unmatched people; returns its id. */
export async function insertRun(db: Executor, programId: number, run: NewRun, now: string): Promise<number> {
  const { id } = await db
    .insertInto('match_runs')
    .values({
      program_id: programId, status: 'draft', weights: JSON.stringify(run.weights), total_points: run.totalPoints, greedy_points: run.greedyPoints,
      skipped_pins: JSON.stringify(run.skippedPins), created_by: run.createdBy, created_at: now, published_at: null,
      inputs_digest: run.inputsDigest,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // In chunks, to stay under the engines' parameter limits on large cohorts.
  for (let start = 0; start < run.pairs.length; start += 200) {
    await db
      .insertInto('match_pairs')
      .values(run.pairs.slice(start, start + 200).map((pair) => ({
        run_id: id, mentor_id: pair.mentorId, mentee_id: pair.menteeId, pinned: pair.pinned ? 1 : 0, points: pair.points, breakdown: JSON.stringify(pair.parts), introduced_at: null,
      })))
      .execute();
  }
  for (let start = 0; start < run.unmatched.length; start += 300) {
    await db
      .insertInto('match_unmatched')
      .values(run.unmatched.slice(start, start + 300).map((one) => ({ run_id: id, registration_id: one.registrationId, reason: one.reason })))
      .execute();
  }
  return id;
}

const runColumns = ['id', 'program_id', 'status', 'weights', 'total_points', 'greedy_points', 'skipped_pins', 'created_by', 'created_at', 'published_at', 'inputs_digest'] as const;

/** A program's runs that are draft or published (at most one of each), newest first. */
export async function listCurrentRuns(db: Executor, programId: number): Promise<StoredRun[]> {
  const rows = await db.selectFrom('match_runs').select(runColumns).where('program_id', '=', programId).where('status', 'in', ['draft', 'published']).orderBy('id', 'desc').execute();
  return rows.map((row) => ({
    id: row.id,
    programId: row.program_id,
    status: row.status,
    weights: JSON.parse(row.weights) as MatchWeights,
    totalPoints: row.total_points,
    greedyPoints: row.greedy_points,
    skippedPins: JSON.parse(row.skipped_pins) as SkippedPin[],
    createdBy: row.created_by,
    createdAt: row.created_at,
    publishedAt: row.published_at,
    inputsDigest: row.inputs_digest,
  }));
}

/** The pairs of a run. */
export async function listRunPairs(db: Executor, runId: number): Promise<StoredPair[]> {
  const rows = await db.selectFrom('match_pairs').select(['mentor_id', 'mentee_id', 'pinned', 'points', 'breakdown', 'introduced_at']).where('run_id', '=', runId).orderBy('mentor_id').orderBy('mentee_id').execute();
  return rows.map((row) => ({
    mentorId: row.mentor_id, menteeId: row.mentee_id, pinned: row.pinned === 1, points: row.points, parts: JSON.parse(row.breakdown) as ScorePart[], introducedAt: row.introduced_at,
  }));
}

/** The people a run left unmatched, with the reason. */
export async function listRunUnmatched(db: Executor, runId: number): Promise<{ registrationId: number; reason: string }[]> {
  const rows = await db.selectFrom('match_unmatched').select(['registration_id', 'reason']).where('run_id', '=', runId).orderBy('registration_id').execute();
  return rows.map((row) => ({ registrationId: row.registration_id, reason: row.reason }));
}

/**
 * Publishes the draft `runId` and marks the program's previously published run superseded.
 * Returns false (changing nothing) when `runId` is no longer a draft: a second, concurrent
 * publication of the same draft waits for the first and then finds it published.
 */
export async function publishRun(db: Executor, programId: number, runId: number, now: string): Promise<boolean> {
  const result = await db.updateTable('match_runs').set({ status: 'published', published_at: now }).where('id', '=', runId).where('program_id', '=', programId).where('status', '=', 'draft').executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db.updateTable('match_runs').set({ status: 'superseded' }).where('program_id', '=', programId).where('status', '=', 'published').where('id', '!=', runId).execute();
  return true;
}

/**
 * Claims one pair introduction email of a pair (`side`: who receives it; a row of
 * `match_introductions`, the table's first name). True only for the one caller whose row went in: every other publication, earlier or concurrent, gets false.
 */
export async function claimPairIntroduction(db: Executor, runId: number, mentorId: number, menteeId: number, side: PairIntroductionSide, now: string): Promise<boolean> {
  const row = await db
    .insertInto('match_introductions')
    .values({ mentor_id: mentorId, mentee_id: menteeId, side, run_id: runId, claimed_at: now })
    .onConflict((oc) => oc.columns(['mentor_id', 'mentee_id', 'side']).doNothing())
    .returning('side')
    .executeTakeFirst();
  return row !== undefined;
}

export async function claimedSides(db: Executor, mentorId: number, menteeId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('match_introductions').select('side').where('mentor_id', '=', mentorId).where('mentee_id', '=', menteeId).execute();
  return new Set(rows.map((row) => row.side));
}

/** Records that a pair was introduced (in every run holding the pair). */
export async function markPairIntroduced(db: Executor, mentorId: number, menteeId: number, at: string): Promise<void> {
  await db.updateTable('match_pairs').set({ introduced_at: at }).where('mentor_id', '=', mentorId).where('mentee_id', '=', menteeId).where('introduced_at', 'is', null).execute();
}
