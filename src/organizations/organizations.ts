import type { Term } from '../content/taxonomy.js';

// Organisations: the companies, institutes, investors and public bodies stories mention, one
// entity each (issue 16), with a page of their stories at `/organizations/<slug>`. The innovators
// directory (issue 17) builds on the same rows. A story names them as it writes them; the name is
// matched to an organisation by its slug or its name key (lib/slug.ts), and a new name makes a
// new organisation.

export interface Organization extends Term {
  readonly id: number;
}

/** An organisation as the public index lists it: with how many public stories mention it. */
export interface OrganizationListItem extends Term {
  readonly stories: number;
}
