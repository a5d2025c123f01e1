import type { Term } from '../content/taxonomy.js';

// Innovator suggestions for a member company (issue 17): each innovator of the directory scored
// by how it meets what the company's people care about, in the matching scores' style (a share
// of each part times its weight, in points, with the why). Pure: the data comes from
// issues/innovator-suggestions.service.ts.
//
// What a company cares about comes from what the product knows of it: its industry (a sector),
// the topics its contacts follow, and the innovators its contacts asked to be introduced to
// (their technologies and cities), and the organisations named by the stories its contacts
// clicked in newsletters (only contacts who gave the consent purpose "engagement tracking" have
// their clicks recorded: docs/engagement.md).

/** How much each part counts. */
export const SUGGESTION_WEIGHTS = { sector: 3, topic: 2, technology: 2, city: 1, read: 2 } as const;

/** What a company cares about. */
export interface CompanyInterests {
  /** Sector slugs the company is in (its industry matched to the sectors). */
  readonly sectors: readonly string[];
  /** Topic slugs its contacts follow. */
  readonly topics: readonly string[];
  /** Technology slugs of the innovators its contacts asked to meet. */
  readonly technologies: readonly string[];
  /** Cities (compared without regard to case) of the innovators its contacts asked to meet. */
  readonly cities: readonly string[];
  /** Slugs of the innovators its contacts asked to meet already: never suggested again. */
  readonly asked: readonly string[];
  /** Innovators named by stories its consenting contacts clicked: slug → the stories' titles. */
  readonly read?: ReadonlyMap<string, readonly string[]>;
}

/** An innovator with what it is known for. */
export interface SuggestionCandidate extends Term {
  readonly sectors: readonly Term[];
  readonly technologies: readonly Term[];
  readonly city: string | null;
  /** Topics of public stories that name it, by slug with their names. */
  readonly storyTopics: readonly Term[];
}

/** One part of a suggestion's score: its share (0 to 1), weight, points, and the names that made it. */
export interface SuggestionPart {
  readonly key: keyof typeof SUGGESTION_WEIGHTS;
  readonly share: number;
  readonly points: number;
  readonly names: readonly string[];
}

export interface Suggestion extends Term {
  readonly points: number;
  readonly parts: readonly SuggestionPart[];
}

/** The candidates that meet any interest, best first (then by slug), at most `limit`; those already asked for are left out. */
export function suggestInnovators(interests: CompanyInterests, candidates: readonly SuggestionCandidate[], limit = 10): Suggestion[] {
  const cities = new Set(interests.cities.map((city) => city.trim().toLowerCase()));
  const scored = candidates
    .filter((candidate) => !interests.asked.includes(candidate.slug))
    .map((candidate) => {
      const sectors = candidate.sectors.filter((s) => interests.sectors.includes(s.slug));
      const topics = candidate.storyTopics.filter((topic) => interests.topics.includes(topic.slug));
      const technologies = candidate.technologies.filter((technology) => interests.technologies.includes(technology.slug));
      const city = candidate.city !== null && cities.has(candidate.city.trim().toLowerCase()) ? [candidate.city] : [];
      const parts: SuggestionPart[] = [
        part('sector', candidate.sectors.length === 0 ? 0 : sectors.length / candidate.sectors.length, sectors.map((s) => s.name)),
        part('topic', interests.topics.length === 0 ? 0 : topics.length / interests.topics.length, topics.map((s) => s.name)),
        part('technology', candidate.technologies.length === 0 ? 0 : technologies.length / candidate.technologies.length, technologies.map((s) => s.name)),
        part('city', city.length, city),
        part('read', interests.read?.has(candidate.slug) ? 1 : 0, interests.read?.get(candidate.slug) ?? []),
      ];
      return { slug: candidate.slug, name: candidate.name, points: parts.reduce((sum, p) => sum + p.points, 0), parts: parts.filter((p) => p.points > 0) };
    });
  return scored
    .filter((s) => s.points > 0)
    .sort((a, b) => b.points - a.points || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .slice(0, limit);
}

function part(key: SuggestionPart['key'], share: number, names: readonly string[]): SuggestionPart {
  return { key, share, points: Math.round(share * SUGGESTION_WEIGHTS[key] * 100), names };
}
