import type { Term } from '../content/taxonomy.js';

// Innovator suggestions for a member company (issue 17): each innovator of the directory scored
// by how it meets what the company's people care about, in the matching scores' style (a share
// of each part times its weight, in points, with the why). Pure: the data comes from
// issues/innovator-suggestions.service.ts.

/** How much each part counts. */
export const SUGGESTION_WEIGHTS = { sector: 3, topic: 2 } as const;

/** What a company cares about. */
export interface CompanyInterests {
  /** Sector slugs the company is in (its industry matched to the sectors). */
  readonly sectors: readonly string[];
  /** Topic slugs its contacts follow. */
  readonly topics: readonly string[];
}

/** An innovator with what it is known for. */
export interface SuggestionCandidate extends Term {
  readonly sectors: readonly Term[];
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

/** The candidates that meet any interest, best first (then by slug), at most `limit`. */
export function suggestInnovators(interests: CompanyInterests, candidates: readonly SuggestionCandidate[], limit = 10): Suggestion[] {
  const scored = candidates.map((candidate) => {
    const sectors = candidate.sectors.filter((s) => interests.sectors.includes(s.slug));
    const topics = candidate.storyTopics.filter((topic) => interests.topics.includes(topic.slug));
    const parts: SuggestionPart[] = [
      part('sector', candidate.sectors.length === 0 ? 0 : sectors.length / candidate.sectors.length, sectors.map((s) => s.name)),
      part('topic', interests.topics.length === 0 ? 0 : topics.length / interests.topics.length, topics.map((s) => s.name)),
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
