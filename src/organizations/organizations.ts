import type { SplitBody } from '../content/body.js';
import type { Term } from '../content/taxonomy.js';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../db/tables/organizations.js';

// Organisations: the companies, institutes, investors and public bodies stories mention, one
// entity each (issue 16), with a page of their stories at `/organizations/<slug>`. A story names
// them as it writes them; the name is matched to an organisation by its slug, its name key or one
// of its other names (lib/slug.ts), and a new name makes a new organisation.
//
// An organisation may have a profile (issue 17, content folder `innovators/<slug>.md` or the
// desk): origin country, kind, Chinese name, city, founding year, website, a profile text with
// the members-only split, sectors, technologies and contact persons, who are never shown on any
// page. The innovators directory (`/innovators`) lists the profiled organisations of Chinese
// origin; their `/organizations/<slug>` answers 301 to `/innovators/<slug>`.

export { ORGANIZATION_KINDS, type OrganizationKind };

/** The origin countries whose profiled organisations the innovators directory lists (mainland China, Hong Kong, Macao). */
export const DIRECTORY_COUNTRIES = ['CN', 'HK', 'MO'] as const;

export interface Organization extends Term {
  readonly id: number;
}

/** An organisation as the public index lists it: with how many public stories mention it. */
export interface OrganizationListItem extends Term {
  readonly stories: number;
  /** In the innovators directory: its page is `/innovators/<slug>`. */
  readonly inDirectory: boolean;
}

/** A contact person of an organisation, as a profile is written with them. */
export interface ContactPersonInput {
  readonly name: string;
  readonly role: string | null;
  readonly email: string;
  readonly language: 'en' | 'de' | 'zh';
  /** Where we have the address from (told in the first email to them). */
  readonly source: string;
}

/** What writing a profile takes (content folder, desk). */
export interface OrganizationProfileInput {
  readonly slug: string;
  readonly name: string;
  readonly nameZh: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string | null;
  readonly kind: OrganizationKind | null;
  readonly city: string | null;
  readonly foundedYear: number | null;
  readonly website: string | null;
  /** Markdown, members-only line included. */
  readonly body: string;
  /** Sector slugs. */
  readonly sectors: readonly string[];
  /** Technology names, as written ("reusable rockets"). */
  readonly technologies: readonly string[];
  /** Other names stories use for it. */
  readonly aliases: readonly string[];
  readonly contacts: readonly ContactPersonInput[];
}

/** A profiled organisation as pages show it (never its contact persons). */
export interface OrganizationProfile extends Organization {
  readonly nameZh: string | null;
  readonly country: string | null;
  readonly kind: OrganizationKind | null;
  readonly city: string | null;
  readonly foundedYear: number | null;
  readonly website: string | null;
  readonly body: SplitBody;
  readonly sectors: readonly Term[];
  readonly technologies: readonly Term[];
  readonly aliases: readonly string[];
  /** Whether the innovators directory lists it (a profile of Chinese origin). */
  readonly inDirectory: boolean;
  readonly updatedAt: string;
}

/** Whether a profile with this origin country is in the innovators directory. */
export function inDirectory(country: string | null): boolean {
  return country !== null && (DIRECTORY_COUNTRIES as readonly string[]).includes(country);
}

/** The directory's filters (`/innovators?sector=&technology=&city=&kind=&q=`). */
export interface DirectoryFilter {
  readonly sector?: string | undefined;
  readonly technology?: string | undefined;
  readonly city?: string | undefined;
  readonly kind?: OrganizationKind | undefined;
  readonly q?: string | undefined;
}

/** An innovator as the directory lists it. */
export interface DirectoryEntry extends Term {
  readonly nameZh: string | null;
  readonly kind: OrganizationKind | null;
  readonly city: string | null;
  readonly body: SplitBody;
  readonly sectors: readonly Term[];
  readonly technologies: readonly Term[];
}

/** The values the directory can be filtered by, each with how many innovators have it. */
export interface DirectoryFacets {
  readonly sectors: readonly (Term & { count: number })[];
  readonly technologies: readonly (Term & { count: number })[];
  readonly cities: readonly { name: string; count: number }[];
  readonly kinds: readonly { kind: OrganizationKind; count: number }[];
}
