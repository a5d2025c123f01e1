import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { IntroductionPurpose, IntroductionState, SampleIntroduction } from '../introductions/introductions.js';
import { storeSampleIntroductions } from '../introductions/introductions.service.js';
import { findContactByEmail } from '../members/contacts.service.js';
import { listContactPersons } from '../organizations/contact-persons.service.js';
import { getOrganizationProfile, listDirectorySlugs } from '../organizations/organizations.service.js';

// The demo's sample innovator introductions: one request in each state, from the demo members
// (member@example.com, mitglied@example.com) to the first innovators of the directory, marked as
// samples ("(sample)" in the message, the `sample` flag: the desk shows it and the figures leave
// them out). Nothing is mailed and no link is made. A request goes to the innovator's first
// contact person who takes requests, or to nobody when the profile has none.

const SAMPLES: readonly { state: IntroductionState; purpose: IntroductionPurpose; message: string; daysAgo: number }[] = [
  { state: 'new', purpose: 'partnership', message: '(sample) We build charging parks in Bavaria and look for a partner for automated parking.', daysAgo: 2 },
  { state: 'contacted', purpose: 'technology-scouting', message: '(sample) Our R&D team scouts battery recycling technologies for a pilot line in 2027.', daysAgo: 9 },
  { state: 'accepted', purpose: 'sourcing', message: '(sample) We source sensor modules for agricultural machines and would like to talk about volumes.', daysAgo: 20 },
  { state: 'declined', purpose: 'investment', message: '(sample) Our corporate venture arm invests in Series A rounds of mobility startups.', daysAgo: 35 },
  { state: 'closed', purpose: 'other', message: '(sample) We would like to visit your site during the next innovation trip.', daysAgo: 50 },
];

const MEMBERS = ['member@example.com', 'mitglied@example.com'] as const;

/** Loads the samples once (none when the directory or the demo members are missing); returns how many were stored. */
export async function loadSampleIntroductions(db: Database, clock: Clock, siteName: string): Promise<number> {
  const members = (await Promise.all(MEMBERS.map((email) => findContactByEmail(db, email)))).filter((contact) => contact !== undefined);
  const innovators: { id: number; contactId: number | null }[] = [];
  for (const { slug } of (await listDirectorySlugs(db)).slice(0, SAMPLES.length)) {
    const profile = await getOrganizationProfile(db, slug);
    if (!profile) continue;
    const person = (await listContactPersons(db, profile.id)).find((contact) => contact.optedOutAt === null);
    innovators.push({ id: profile.id, contactId: person?.id ?? null });
  }
  if (members.length === 0 || innovators.length === 0) return 0;
  const open = new Set<string>();
  const samples: SampleIntroduction[] = [];
  for (const [index, sample] of SAMPLES.entries()) {
    const member = members[index % members.length]!;
    const innovator = innovators[index % innovators.length]!;
    const pair = `${member.id}:${innovator.id}`;
    // One open request per contact and innovator, as for real ones.
    if (sample.state === 'new' || sample.state === 'contacted') {
      if (open.has(pair)) continue;
      open.add(pair);
    }
    samples.push({
      contactId: member.id, organizationId: innovator.id, innovatorContactId: sample.state === 'new' || sample.state === 'closed' ? null : innovator.contactId,
      purpose: sample.purpose, message: sample.message, state: sample.state, createdAt: new Date(clock.now().getTime() - sample.daysAgo * 86_400_000).toISOString(),
    });
  }
  return storeSampleIntroductions(db, clock, siteName, samples);
}
