import { z } from 'zod';
import { date, email, name, timeZone, title } from '../content/fields.js';
import { PROGRAM_ROLES } from './programs.js';

// A program's front matter (docs/content-format.md); key order is the order the exporter writes.

export const programSchema = z
  .object({
    title,
    roles: z.array(z.enum(PROGRAM_ROLES)).min(1, 'must list at least one role'),
    registration_deadline: date.optional(),
    cohort_start: date.optional(),
    duration_months: z.number().int().min(1, 'must be 1 or more').optional(),
    time_zone: timeZone.optional(),
    contact_name: name.optional(),
    contact_email: email.optional(),
  })
  .strict();
