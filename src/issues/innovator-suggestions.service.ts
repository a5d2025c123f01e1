import type { Executor } from '../db/database.js';
import { getSectors } from '../content/taxonomy.service.js';
import type { Company } from '../members/members.js';
import { getTopicsFollowedAtCompany } from '../members/contacts.service.js';
import { groupBy } from '../lib/group-by.js';
import { findDirectoryPage } from '../organizations/organizations.service.js';
import { suggestInnovators, type Suggestion } from '../organizations/suggestions.js';
import { innovatorsAskedByCompany } from '../introductions/introductions.service.js';
import { organizationsReadByCompany } from '../engagement/engagement.service.js';
import { findTopicsOfPublicStoriesByOrganization } from './issues.queries.js';

// Innovators to suggest to a member company: its industry matched to the sectors, the topics its
// contacts follow against the topics of the public stories that name each innovator, and the
// technologies and cities of the innovators its contacts asked to meet (those are not suggested
// again), and the innovators named by stories its consenting contacts clicked (engagement).

/** The directory's largest size the suggestions read whole. */
const DIRECTORY_LIMIT = 5_000;

/** Up to `limit` innovators for the company, best first, each with why. */
export async function suggestInnovatorsFor(db: Executor, now: Date, company: Company, limit = 10): Promise<Suggestion[]> {
  const [sectors, topics, directory, storyTopics, asked] = await Promise.all([
    getSectors(db),
    getTopicsFollowedAtCompany(db, company.id),
    findDirectoryPage(db, {}, DIRECTORY_LIMIT, 0),
    findTopicsOfPublicStoriesByOrganization(db, now),
    innovatorsAskedByCompany(db, company.id),
  ]);
  const read = await organizationsReadByCompany(db, company.id);
  const industry = (company.industry ?? '').trim().toLowerCase();
  const companySectors = industry === '' ? [] : sectors.filter((s) => s.slug === industry || s.name.toLowerCase() === industry).map((s) => s.slug);
  const topicsOf = groupBy(storyTopics, (row) => row.organization, (row) => ({ slug: row.slug, name: row.name }));
  const candidates = directory.items.map((item) => ({ slug: item.slug, name: item.name, sectors: item.sectors, technologies: item.technologies, city: item.city, storyTopics: topicsOf.get(item.slug) ?? [] }));
  const askedFor = directory.items.filter((item) => asked.includes(item.slug));
  const interests = {
    sectors: companySectors,
    topics: [...topics.keys()],
    technologies: [...new Set(askedFor.flatMap((item) => item.technologies.map((technology) => technology.slug)))],
    cities: [...new Set(askedFor.flatMap((item) => (item.city ? [item.city] : [])))],
    asked,
    read,
  };
  return suggestInnovators(interests, candidates, limit);
}
