import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { companyKey, emailKey } from '../members/members.js';
import { PROGRAM_ROLES } from '../programs/programs.js';
import { findProgram } from '../programs/programs.service.js';
import { checkRegistrationDraft } from '../programs/registrations.js';
import { saveRegistration, sectorChoices } from '../programs/registrations.service.js';

// The demo's sample registrations (demo/program-registrations.csv): fictional people with
// example.com addresses and "(sample)" in their names, stored with the `sample` flag, so a
// newcomer can draft a matching for the Innovators Club at once. They are not contacts.

const row = z.object({
  program: z.string(),
  role: z.enum(PROGRAM_ROLES),
  name: z.string().min(1),
  email: z.string().email(),
  company: z.string(),
  areas: z.string(),
  sector: z.string(),
  languages: z.string(),
  city: z.string(),
  time_zone: z.string(),
  availability: z.string(),
  capacity: z.string(),
  not_own_company: z.enum(['yes', 'no']),
  in_their_words: z.string(),
});

const list = (text: string) => text.split(';').map((item) => item.trim()).filter(Boolean);

/** Loads the sample registrations; programs not in the database are skipped. Returns how many were stored. */
export async function loadSampleRegistrations(db: Database, clock: Clock, csv: string | Buffer): Promise<number> {
  const records = parse(csv, { columns: true, skip_empty_lines: true, bom: true }) as unknown[];
  const sectors = new Set((await sectorChoices(db)).map((sector) => sector.value));
  let stored = 0;
  await db.transaction().execute(async (trx) => {
    for (const [index, record] of records.entries()) {
      const parsed = row.safeParse(record);
      if (!parsed.success) throw new Invalid(`demo/program-registrations.csv line ${index + 2}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      const data = parsed.data;
      const program = await findProgram(trx, data.program);
      if (!program) continue;
      const answers = checkRegistrationDraft(data.role, {
        areas: list(data.areas), sector: data.sector, goals: data.in_their_words, languages: list(data.languages), city: data.city,
        time_zone: data.time_zone, availability: list(data.availability), capacity: data.capacity || '1', not_own_company: data.not_own_company === 'yes',
      }, sectors);
      await saveRegistration(trx, clock, SYSTEM_ACTOR, program, {
        contactId: null, name: data.name, email: data.email, emailKey: emailKey(data.email),
        company: data.company || null, companyKey: data.company ? companyKey(data.company) : null, sample: true,
      }, data.role, answers);
      stored++;
    }
  });
  return stored;
}
