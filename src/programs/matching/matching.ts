// The matching model: who the people are (as the solver sees them), the organiser's weights and
// rules, the hard constraints and the weighted score with its breakdown. Pure functions: no
// database, no clock. `assign.ts` turns these into an optimal assignment.

/** The areas mentors offer (expertise) and mentees ask for (goals); one shared vocabulary so they can be compared. */
export const FOCUS_AREAS = [
  { key: 'market-entry', label: 'Market entry and growth in China' },
  { key: 'rnd-in-china', label: 'Setting up or running R&D in China' },
  { key: 'digitalisation', label: 'Digitalisation and data' },
  { key: 'ai', label: 'Artificial intelligence' },
  { key: 'startup-collaboration', label: 'Working with Chinese start-ups' },
  { key: 'open-innovation', label: 'Open innovation and partnerships' },
  { key: 'localisation', label: 'Product localisation for China' },
  { key: 'ip-protection', label: 'Protecting intellectual property' },
  { key: 'manufacturing', label: 'Smart manufacturing' },
  { key: 'sustainability', label: 'Sustainability and energy' },
  { key: 'funding', label: 'Funding and investment' },
  { key: 'leadership', label: 'Leading innovation teams' },
] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number]['key'];

/** When people can meet; overlap counts towards the score. */
export const AVAILABILITY_SLOTS = [
  { key: 'weekday-morning', label: 'Weekday mornings' },
  { key: 'weekday-lunch', label: 'Weekday lunchtimes' },
  { key: 'weekday-evening', label: 'Weekday evenings' },
  { key: 'weekend', label: 'Weekends' },
] as const;
export type AvailabilitySlot = (typeof AVAILABILITY_SLOTS)[number]['key'];

/** A mentor may take 1 to 3 mentees. */
export const MAX_CAPACITY = 3;

/** What the solver knows about one registered person. */
export interface MatchPerson {
  /** The registration id. */
  readonly id: number;
  readonly name: string;
  /** The company in its comparison form (`companyKey`), or null for none. */
  readonly company: string | null;
  /** Language codes (en, de, zh); a pair needs one in common. */
  readonly languages: readonly string[];
  /** Mentors: expertise areas; mentees: goals. */
  readonly areas: readonly string[];
  readonly sector: string | null;
  readonly city: string | null;
  /** IANA zone, e.g. Asia/Shanghai. */
  readonly timeZone: string | null;
  readonly availability: readonly string[];
  /** Ticked "not with my own company". */
  readonly notOwnCompany: boolean;
}

/** A mentor with the number of mentees they take (1 to 3). */
export interface MatchMentor extends MatchPerson {
  readonly capacity: number;
}

/** The organiser's weights: whole numbers 0 to 10, one per score component. */
export interface MatchWeights {
  readonly expertise: number;
  readonly sector: number;
  readonly location: number;
  readonly availability: number;
}

/** What a new program starts with: expertise against goals counts most. */
export const DEFAULT_WEIGHTS: MatchWeights = { expertise: 5, sector: 2, location: 1, availability: 2 };

export const WEIGHT_KEYS = ['expertise', 'sector', 'location', 'availability'] as const satisfies readonly (keyof MatchWeights)[];

/** How each weight is explained to the organiser. */
export const WEIGHT_LABELS: Record<keyof MatchWeights, string> = {
  expertise: "Mentor's expertise covers the mentee's goals",
  sector: 'Same sector',
  location: 'Same city (full) or same time zone (half)',
  availability: 'Overlap of the times they can meet',
};

/** A pair the organiser fixed (pin) or ruled out (forbid), by registration ids. */
export interface PairRule {
  readonly mentorId: number;
  readonly menteeId: number;
}

/** Everything one matching run takes. */
export interface MatchInput {
  readonly mentors: readonly MatchMentor[];
  readonly mentees: readonly MatchPerson[];
  readonly weights: MatchWeights;
  readonly pinned: readonly PairRule[];
  readonly forbidden: readonly PairRule[];
}

/** One component of a pair's score: its share (0 to 1), the weight, and the points (share × weight × 100, rounded). */
export interface ScorePart {
  readonly key: keyof MatchWeights;
  readonly share: number;
  readonly weight: number;
  readonly points: number;
  /** Why, in words: "2 of 3 goals (ai, funding)". */
  readonly detail: string;
}

/** A pair's score in points (hundredths of a weight unit, so totals are exact integers) and its breakdown. */
export interface PairScore {
  readonly points: number;
  readonly parts: readonly ScorePart[];
}

/** Why a pair may not be formed, or undefined when it may. Capacity is the assignment's concern. */
export function pairBlocker(mentor: MatchMentor, mentee: MatchPerson, forbidden: ReadonlySet<string>): string | undefined {
  if (forbidden.has(pairKey(mentor.id, mentee.id))) return 'the organiser forbade this pair';
  if (!mentor.languages.some((language) => mentee.languages.includes(language))) return 'no language in common';
  if (sameCompanyRefused(mentor, mentee)) return 'same company';
  return undefined;
}

/** Same company, and one of them ticked "not with my own company". */
export function sameCompanyRefused(mentor: MatchPerson, mentee: MatchPerson): boolean {
  return mentor.company !== null && mentor.company === mentee.company && (mentor.notOwnCompany || mentee.notOwnCompany);
}

/** The key of a pair in the rule sets. */
export function pairKey(mentorId: number, menteeId: number): string {
  return `${mentorId}:${menteeId}`;
}

function overlap(a: readonly string[], b: readonly string[]): string[] {
  return a.filter((item) => b.includes(item));
}

/** The weighted score of a pair and why. */
export function scorePair(mentor: MatchMentor, mentee: MatchPerson, weights: MatchWeights): PairScore {
  const covered = overlap(mentee.areas, mentor.areas);
  const expertise = mentee.areas.length === 0 ? 0 : covered.length / mentee.areas.length;
  const expertiseDetail =
    mentee.areas.length === 0 ? 'the mentee named no goals' : `${covered.length} of ${mentee.areas.length} goals${covered.length > 0 ? ` (${covered.join(', ')})` : ''}`;

  const sameSector = mentor.sector !== null && mentor.sector === mentee.sector;
  const sectorDetail = sameSector ? `both ${mentor.sector}` : `${mentor.sector ?? 'none'} / ${mentee.sector ?? 'none'}`;

  const sameCity = mentor.city !== null && mentee.city !== null && normal(mentor.city) === normal(mentee.city);
  const sameZone = mentor.timeZone !== null && mentor.timeZone === mentee.timeZone;
  const location = sameCity ? 1 : sameZone ? 0.5 : 0;
  const locationDetail = sameCity ? `both in ${mentee.city}` : sameZone ? `same time zone (${mentee.timeZone})` : 'different cities and time zones';

  const common = overlap(mentee.availability, mentor.availability);
  const fewer = Math.min(mentor.availability.length, mentee.availability.length);
  const availability = fewer === 0 ? 0 : common.length / fewer;
  const availabilityDetail = common.length > 0 ? `both free: ${common.join(', ')}` : 'no common times';

  const parts: ScorePart[] = [
    part('expertise', expertise, weights.expertise, expertiseDetail),
    part('sector', sameSector ? 1 : 0, weights.sector, sectorDetail),
    part('location', location, weights.location, locationDetail),
    part('availability', availability, weights.availability, availabilityDetail),
  ];
  return { points: parts.reduce((sum, one) => sum + one.points, 0), parts };
}

function part(key: keyof MatchWeights, share: number, weight: number, detail: string): ScorePart {
  return { key, share, weight, points: Math.round(share * weight * 100), detail };
}

function normal(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}
