import { AVAILABILITY_SLOTS, FOCUS_AREAS, type MatchInput, type MatchMentor, type MatchPerson, type MatchWeights } from './matching.js';

// Seeded random matching instances, for the property test and the bench. Not used by the product.

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a random instance looks like. */
export interface InstanceShape {
  readonly mentees: number;
  readonly mentors: number;
  /** Every mentor's capacity, or undefined for a random 1 to 3. */
  readonly capacity?: number;
  readonly companies: number;
  /** Pins and forbids to draw (pins only between allowed pairs). */
  readonly pins?: number;
  readonly forbids?: number;
  readonly weights?: MatchWeights;
}

const LANGUAGES = ['en', 'de', 'zh'];
const SECTORS = ['automotive', 'manufacturing', 'healthcare', 'ai', 'energy'];
const CITIES = ['Shanghai', 'Beijing', 'Shenzhen', 'Guangzhou', 'Hong Kong'];
const ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Europe/Berlin'];

/** A random instance; ids are 1.. for mentors and 10001.. for mentees. */
export function randomInstance(random: () => number, shape: InstanceShape): MatchInput {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const some = <T>(items: readonly T[], most: number): T[] => {
    const chosen = items.filter(() => random() < most / items.length);
    return chosen.length > 0 ? chosen : [pick(items)];
  };
  const person = (id: number): MatchPerson => {
    const city = pick(CITIES);
    return {
      id,
      name: `Person ${id}`,
      company: random() < 0.9 ? `company ${Math.floor(random() * shape.companies)}` : null,
      languages: some(LANGUAGES, 1.3),
      areas: some(FOCUS_AREAS.map((area) => area.key), 3),
      sector: random() < 0.8 ? pick(SECTORS) : null,
      city: random() < 0.9 ? city : null,
      timeZone: city === 'Hong Kong' ? 'Asia/Hong_Kong' : random() < 0.9 ? 'Asia/Shanghai' : pick(ZONES),
      availability: some(AVAILABILITY_SLOTS.map((slot) => slot.key), 2),
      notOwnCompany: random() < 0.7,
    };
  };
  const mentors: MatchMentor[] = Array.from({ length: shape.mentors }, (_, index) => ({
    ...person(index + 1),
    capacity: shape.capacity ?? 1 + Math.floor(random() * 3),
  }));
  const mentees = Array.from({ length: shape.mentees }, (_, index) => person(10_001 + index));
  const rule = () => ({ mentorId: pick(mentors).id, menteeId: pick(mentees).id });
  const forbidden = mentors.length && mentees.length ? Array.from({ length: shape.forbids ?? 0 }, rule) : [];
  const pinned = mentors.length && mentees.length ? Array.from({ length: shape.pins ?? 0 }, rule) : [];
  const weights = shape.weights ?? {
    expertise: Math.floor(random() * 11),
    sector: Math.floor(random() * 11),
    location: Math.floor(random() * 11),
    availability: Math.floor(random() * 11),
  };
  return { mentors, mentees, weights, pinned, forbidden };
}
