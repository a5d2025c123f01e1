import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { getContentVersion } from '../content/content-version.service.js';
import type { ImportSummary } from './import.service.js';

/** The demo content folder shipped with the product (works from `src/` and from `dist/`). */
export const DEMO_DIR = fileURLToPath(new URL('../../demo/', import.meta.url));

/**
 * The demo people: a contacts CSV beside the content folders (the content reader skips files at
 * the folder's top level, so it is not mistaken for content).
 */
export const DEMO_CONTACTS_CSV = fileURLToPath(new URL('../../demo/contacts.csv', import.meta.url));

/**
 * Sample registrations for the Innovators Club: fictional people (example.com, "(sample)" in
 * their names) so the desk's matching has someone to pair. Beside the content folders, like the CSV above.
 */
export const DEMO_PROGRAM_REGISTRATIONS_CSV = fileURLToPath(new URL('../../demo/program-registrations.csv', import.meta.url));

/** The demo's member company, created before the CSV so it has an industry (the CSV has none). */
export const DEMO_COMPANY = { name: 'Example Maschinenbau GmbH', industry: 'manufacturing', membership: 'active' } as const;

/** The demo's staff owner; it has no password until someone sets one (`insights staff reset`). */
export const DEMO_STAFF = { email: 'editor@example.com', name: 'Demo Editor', role: 'owner' } as const;

/** What `loadDemoIfEmpty` loaded. */
export interface DemoSummary {
  readonly content: ImportSummary;
  readonly contacts: { readonly created: number; readonly updated: number; readonly companiesCreated: number };
  /** Staff accounts added (none when they existed already). */
  readonly staff: readonly string[];
  /** Sample program registrations stored. */
  readonly sampleRegistrations: number;
  /** Sample innovator introductions stored (none while the directory has no innovators). */
  readonly sampleIntroductions: number;
}

/**
 * Loads `demo/` when the database holds no content at all: the content, then the demo people
 * (a member company with member@example.com and the German-reading mitglied@example.com, the public
 * subscribers reader@example.com and the Chinese-reading duzhe@example.com, and the
 * staff owner editor@example.com). Returns what it loaded, or undefined when it did nothing.
 */
export async function loadDemoIfEmpty(db: Database, clock: Clock, siteName = 'Innovation Insights'): Promise<DemoSummary | undefined> {
  // Every content change bumps the content version, so an empty version means no content ever.
  if ((await getContentVersion(db)) !== '') return undefined;
  // Loaded only when needed: the folder reader (YAML and all) and the CSV reader stay out of a normal start.
  const { importContent } = await import('./import.service.js');
  const content = await importContent(db, DEMO_DIR, { clock });
  const people = await loadDemoPeople(db, clock);
  const { loadSampleRegistrations } = await import('./demo-registrations.js');
  const sampleRegistrations = await loadSampleRegistrations(db, clock, await readFile(DEMO_PROGRAM_REGISTRATIONS_CSV));
  const { loadSampleIntroductions } = await import('./demo-introductions.js');
  const sampleIntroductions = await loadSampleIntroductions(db, clock, siteName);
  return { content, ...people, sampleRegistrations, sampleIntroductions };
}

/** The demo people; each step leaves alone what exists already (e.g. staff added before the first start). */
async function loadDemoPeople(db: Database, clock: Clock): Promise<Omit<DemoSummary, 'content' | 'sampleRegistrations' | 'sampleIntroductions'>> {
  const { createCompany, findCompanyByName } = await import('../members/companies.service.js');
  const { importContacts } = await import('../members/contacts-import.service.js');
  const { addStaff, listStaff } = await import('../staff/staff.service.js');

  if (!(await findCompanyByName(db, DEMO_COMPANY.name))) await createCompany(db, clock, DEMO_COMPANY, SYSTEM_ACTOR);
  const imported = await importContacts(db, clock, await readFile(DEMO_CONTACTS_CSV), { where: 'demo/contacts.csv', actor: SYSTEM_ACTOR, erasureKey: null });
  const staff: string[] = [];
  if (!(await listStaff(db)).some((member) => member.email.toLowerCase() === DEMO_STAFF.email)) {
    // The set-password token is dropped: a newcomer asks for a fresh link (see the README).
    await addStaff(db, clock, DEMO_STAFF, SYSTEM_ACTOR);
    staff.push(DEMO_STAFF.email);
  }
  return { contacts: { created: imported.created, updated: imported.updated, companiesCreated: imported.companiesCreated }, staff };
}
