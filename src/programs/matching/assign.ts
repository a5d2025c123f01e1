import { munkres } from 'munkres';
import {
  pairBlocker, pairKey, scorePair, type MatchInput, type MatchMentor, type MatchPerson, type PairRule, type PairScore,
} from './matching.js';

// The assignment. Pinned pairs are placed first; the rest is one rectangular assignment problem
// solved with the Hungarian algorithm (the `munkres` package): a row per mentee, a column per
// free mentor slot (each mentor repeated once per place left), and one "stays unmatched" column
// per mentee at cost 0. A pair that breaks a hard constraint costs more than staying unmatched,
// so an optimal assignment never uses one. Each allowed pair costs -(points × K + 1) with
// K > the number of mentees: the total score comes first, and among equal totals more pairs win.

/** One pair of a matching. */
export interface MatchPair {
  readonly mentorId: number;
  readonly menteeId: number;
  /** Placed by the organiser's pin rather than chosen by the solver. */
  readonly pinned: boolean;
  readonly score: PairScore;
}

/** A mentee without a mentor, or a mentor with places left, and why. */
export interface Unmatched {
  readonly id: number;
  readonly role: 'mentor' | 'mentee';
  readonly reason: string;
}

/** A pin that could not be kept, and why. */
export interface SkippedPin {
  readonly rule: PairRule;
  readonly reason: string;
}

/** A matching: its pairs, who is left and why, and the total score in points. */
export interface MatchResult {
  readonly pairs: readonly MatchPair[];
  readonly unmatched: readonly Unmatched[];
  readonly skippedPins: readonly SkippedPin[];
  readonly totalPoints: number;
}

/** The optimal matching with the greedy baseline's total beside it. */
export interface MatchOutcome extends MatchResult {
  readonly greedyPoints: number;
}

/** Runs the optimal matching and, for comparison, the greedy one. */
export function runMatching(input: MatchInput): MatchOutcome {
  return { ...matchOptimal(input), greedyPoints: matchGreedy(input).totalPoints };
}

interface Prepared {
  readonly pairs: MatchPair[];
  readonly skippedPins: SkippedPin[];
  /** Places left per mentor id after the pins. */
  readonly free: Map<number, number>;
  /** Mentees not placed by a pin. */
  readonly open: MatchPerson[];
  readonly forbidden: ReadonlySet<string>;
}

/** Places the pinned pairs that keep every hard constraint; reports the others. */
function placePins(input: MatchInput): Prepared {
  const forbidden = new Set(input.forbidden.map((rule) => pairKey(rule.mentorId, rule.menteeId)));
  const mentors = new Map(input.mentors.map((mentor) => [mentor.id, mentor]));
  const mentees = new Map(input.mentees.map((mentee) => [mentee.id, mentee]));
  const free = new Map(input.mentors.map((mentor) => [mentor.id, mentor.capacity]));
  const pairs: MatchPair[] = [];
  const skippedPins: SkippedPin[] = [];
  const pinnedMentees = new Set<number>();
  for (const rule of input.pinned) {
    const mentor = mentors.get(rule.mentorId);
    const mentee = mentees.get(rule.menteeId);
    const reason = !mentor
      ? 'the mentor is no longer registered'
      : !mentee
        ? 'the mentee is no longer registered'
        : pinnedMentees.has(mentee.id)
          ? 'the mentee is already pinned to another mentor'
          : (free.get(mentor.id) ?? 0) <= 0
            ? 'the mentor has no place left'
            : pairBlocker(mentor, mentee, forbidden);
    if (reason || !mentor || !mentee) {
      skippedPins.push({ rule, reason: reason ?? 'unknown' });
      continue;
    }
    pairs.push({ mentorId: mentor.id, menteeId: mentee.id, pinned: true, score: scorePair(mentor, mentee, input.weights) });
    free.set(mentor.id, free.get(mentor.id)! - 1);
    pinnedMentees.add(mentee.id);
  }
  return { pairs, skippedPins, free, open: input.mentees.filter((mentee) => !pinnedMentees.has(mentee.id)), forbidden };
}

/** The assignment with the highest total score that breaks no hard constraint. */
export function matchOptimal(input: MatchInput): MatchResult {
  const prepared = placePins(input);
  const { open, free, forbidden } = prepared;
  const slots: MatchMentor[] = input.mentors.flatMap((mentor) => Array<MatchMentor>(free.get(mentor.id) ?? 0).fill(mentor));
  const pairs = [...prepared.pairs];
  if (open.length > 0 && slots.length > 0) {
    const scale = open.length + 1;
    // Scores per mentor (not per slot): a mentor's slots share one row of numbers.
    const costs = new Map<number, Float64Array>();
    for (const mentor of input.mentors) {
      if ((free.get(mentor.id) ?? 0) <= 0) continue;
      const row = new Float64Array(open.length);
      open.forEach((mentee, index) => {
        row[index] = pairBlocker(mentor, mentee, forbidden) ? 1 : -(scorePair(mentor, mentee, input.weights).points * scale + 1);
      });
      costs.set(mentor.id, row);
    }
    const width = slots.length + open.length;
    const matrix = open.map((_, menteeIndex) => {
      const row = new Float64Array(width);
      slots.forEach((mentor, slot) => {
        row[slot] = costs.get(mentor.id)![menteeIndex]!;
      });
      return row;
    });
    for (const [menteeIndex, column] of munkres(matrix)) {
      const mentor = slots[column];
      const mentee = open[menteeIndex]!;
      if (!mentor || pairBlocker(mentor, mentee, forbidden)) continue;
      pairs.push({ mentorId: mentor.id, menteeId: mentee.id, pinned: false, score: scorePair(mentor, mentee, input.weights) });
    }
  }
  return finish(input, prepared, pairs);
}

/** The baseline: pins first, then the best-scoring allowed pair still open, one after another. */
export function matchGreedy(input: MatchInput): MatchResult {
  const prepared = placePins(input);
  const { open, free, forbidden } = prepared;
  const candidates: { mentor: MatchMentor; mentee: MatchPerson; points: number }[] = [];
  for (const mentor of input.mentors) {
    if ((free.get(mentor.id) ?? 0) <= 0) continue;
    for (const mentee of open) {
      if (!pairBlocker(mentor, mentee, forbidden)) candidates.push({ mentor, mentee, points: scorePair(mentor, mentee, input.weights).points });
    }
  }
  candidates.sort((a, b) => b.points - a.points || a.mentee.id - b.mentee.id || a.mentor.id - b.mentor.id);
  const placed = new Set<number>();
  const left = new Map(free);
  const pairs = [...prepared.pairs];
  for (const { mentor, mentee } of candidates) {
    if (placed.has(mentee.id) || (left.get(mentor.id) ?? 0) <= 0) continue;
    placed.add(mentee.id);
    left.set(mentor.id, left.get(mentor.id)! - 1);
    pairs.push({ mentorId: mentor.id, menteeId: mentee.id, pinned: false, score: scorePair(mentor, mentee, input.weights) });
  }
  return finish(input, prepared, pairs);
}

function finish(input: MatchInput, prepared: Prepared, pairs: MatchPair[]): MatchResult {
  pairs.sort((a, b) => a.mentorId - b.mentorId || a.menteeId - b.menteeId);
  return {
    pairs,
    unmatched: explainUnmatched(input, prepared.forbidden, pairs),
    skippedPins: prepared.skippedPins,
    totalPoints: pairs.reduce((sum, pair) => sum + pair.score.points, 0),
  };
}

/** Every mentee without a mentor and every mentor with places left, with the reason in words. */
export function explainUnmatched(input: MatchInput, forbidden: ReadonlySet<string>, pairs: readonly MatchPair[]): Unmatched[] {
  const matchedMentees = new Set(pairs.map((pair) => pair.menteeId));
  const taken = new Map<number, number>();
  for (const pair of pairs) taken.set(pair.mentorId, (taken.get(pair.mentorId) ?? 0) + 1);
  const unmatched: Unmatched[] = [];
  for (const mentee of input.mentees) {
    if (matchedMentees.has(mentee.id)) continue;
    if (input.mentors.length === 0) {
      unmatched.push({ id: mentee.id, role: 'mentee', reason: 'no mentor has registered' });
      continue;
    }
    const possible = input.mentors.filter((mentor) => !pairBlocker(mentor, mentee, forbidden));
    unmatched.push({
      id: mentee.id,
      role: 'mentee',
      reason:
        possible.length === 0
          ? `no mentor is allowed: ${summariseBlockers(input.mentors.map((mentor) => pairBlocker(mentor, mentee, forbidden)!))}`
          : `every mentor who could take them is full (${possible.map((mentor) => mentor.name).join(', ')})`,
    });
  }
  for (const mentor of input.mentors) {
    const left = mentor.capacity - (taken.get(mentor.id) ?? 0);
    if (left <= 0) continue;
    const places = `${left} of ${mentor.capacity} ${mentor.capacity === 1 ? 'place' : 'places'} free`;
    if (input.mentees.length === 0) {
      unmatched.push({ id: mentor.id, role: 'mentor', reason: `${places}: no mentee has registered` });
      continue;
    }
    const possible = input.mentees.filter((mentee) => !pairBlocker(mentor, mentee, forbidden));
    unmatched.push({
      id: mentor.id,
      role: 'mentor',
      reason:
        possible.length === 0
          ? `${places}: no mentee is allowed: ${summariseBlockers(input.mentees.map((mentee) => pairBlocker(mentor, mentee, forbidden)!))}`
          : `${places}: every mentee they could take is paired with a mentor who fits as well or better`,
    });
  }
  return unmatched;
}

/** "2 × no language in common, 1 × same company". */
function summariseBlockers(blockers: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const blocker of blockers) counts.set(blocker, (counts.get(blocker) ?? 0) + 1);
  return [...counts].map(([blocker, count]) => `${count} × ${blocker}`).join(', ');
}
