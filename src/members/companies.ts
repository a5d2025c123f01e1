import { z } from 'zod';
import type { Company, Membership } from './members.js';
import { MEMBERSHIPS } from './members.js';

/** A company as the desk lists it: with how many contacts it has. */
export interface CompanySummary extends Company {
  readonly contactCount: number;
}

/** What the companies list can be narrowed by. */
export interface CompanyFilter {
  /** Part of the name, compared without regard to case. */
  readonly search?: string | undefined;
  readonly membership?: Membership | undefined;
}

/** A company as the desk's form submits it (strings, validated here). */
export const companyInputSchema = z.object({
  name: z.string().trim().min(1, 'enter the company name').max(200, 'use at most 200 characters'),
  industry: z
    .string()
    .trim()
    .max(100, 'use at most 100 characters')
    .transform((value) => (value === '' ? null : value)),
  membership: z.enum(MEMBERSHIPS, { errorMap: () => ({ message: 'choose active or lapsed' }) }),
});

/** A valid company, ready to store. */
export type CompanyInput = z.output<typeof companyInputSchema>;
