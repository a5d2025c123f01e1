import type { Language, Membership, TopicMode } from '../db/tables/members.js';

// Memberships and languages are declared once, with the table types.
export { LANGUAGES, MEMBERSHIPS, TOPIC_MODES, type Language, type Membership, type TopicMode } from '../db/tables/members.js';

export { LANGUAGE_NAMES } from '../i18n/languages.js';

/** A member company (or a lapsed one). */
export interface Company {
  readonly id: number;
  readonly name: string;
  readonly industry: string | null;
  readonly membership: Membership;
}

/** A person who can receive the newsletter: a member contact or a public subscriber. */
export interface Contact {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  /** Role (job title), '' when unknown: the innovator learns it once both sides of an introduction said yes. */
  readonly role: string;
  readonly language: Language;
  readonly company: Company | null;
  readonly subscribed: boolean;
  /** Topic slugs the contact wants; empty means all topics. */
  readonly topics: readonly string[];
  /** When following some topics: their stories first, the rest by title ('first'), or only theirs ('only'). */
  readonly topicMode: TopicMode;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A contact without their topic choices: who a signed-in request is for (the header, registrations). */
export type ContactIdentity = Omit<Contact, 'topics' | 'topicMode'>;

/** The longest role (job title) a contact may have. */
export const ROLE_MAX_LENGTH = 120;

/** A role as typed, checked: trimmed, on one line, at most ROLE_MAX_LENGTH characters ('' clears it). */
export function checkRole(value: string): { role: string } | { problem: string } {
  const role = value.trim();
  if (/[\r\n]/.test(role)) return { problem: 'role must be on one line' };
  if (role.length > ROLE_MAX_LENGTH) return { problem: `role is longer than ${ROLE_MAX_LENGTH} characters` };
  return { role };
}

/** A contact is a member while their company's membership is active. */
export function isMember(contact: Pick<Contact, 'company'>): boolean {
  return contact.company?.membership === 'active';
}

/** The form addresses are compared in: trimmed and lower-cased, so uniqueness ignores case. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The form company names are compared in. */
export function companyKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** One page of a longer list, with what a pager needs. */
export interface Paged<T> {
  readonly items: readonly T[];
  readonly total: number;
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
  readonly pages: number;
}

/** Builds a `Paged` from the rows of one page and the total count. */
export function pagedOf<T>(items: readonly T[], total: number, page: number, pageSize: number): Paged<T> {
  return { items, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** What the contacts list can be narrowed by. */
export interface ContactFilter {
  /** Part of the address or the name, compared without regard to case. */
  readonly search?: string | undefined;
  readonly companyId?: number | undefined;
  /** true: members only (company membership active); false: everyone else. */
  readonly member?: boolean | undefined;
  readonly subscribed?: boolean | undefined;
  /** A topic slug: contacts who get that topic (chose it, or chose none, which means all). */
  readonly topic?: string | undefined;
}
