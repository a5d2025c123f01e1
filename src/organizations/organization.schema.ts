import { z } from 'zod';
import { email, FIELD_LIMITS, name, slugList, textUpTo, webUrl } from '../content/fields.js';
import { ORGANIZATION_KINDS } from './organizations.js';

// An organisation profile's front matter (content folder `innovators/<slug>.md`,
// docs/content-format.md); key order is the order the exporter writes.

/** The profile's limits, shared by the desk and the content folder. */
export const ORGANIZATION_LIMITS = { names: 20, technologies: 30, contacts: 20, body: FIELD_LIMITS.body } as const;

export const contactPersonSchema = z
  .object({
    name,
    role: name.optional(),
    email,
    language: z.enum(['en', 'de', 'zh']).optional(),
    source: textUpTo(500),
  })
  .strict();

export const organizationSchema = z
  .object({
    name,
    name_zh: name.optional(),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code in capitals (ISO 3166-1), such as CN or DE').optional(),
    kind: z.enum(ORGANIZATION_KINDS).optional(),
    city: name.optional(),
    founded: z.number().int().min(1000, 'must be a year').max(2100, 'must be a year').optional(),
    website: webUrl.optional(),
    sectors: slugList.optional(),
    technologies: z.array(name).max(ORGANIZATION_LIMITS.technologies, `at most ${ORGANIZATION_LIMITS.technologies} technologies`).optional(),
    aliases: z.array(name).max(ORGANIZATION_LIMITS.names, `at most ${ORGANIZATION_LIMITS.names} other names`).optional(),
    contacts: z.array(contactPersonSchema).max(ORGANIZATION_LIMITS.contacts, `at most ${ORGANIZATION_LIMITS.contacts} contact persons`).optional(),
  })
  .strict();
