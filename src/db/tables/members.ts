import type { Generated } from 'kysely';
import type { Language } from '../../i18n/languages.js';

// Row types of companies, contacts and their topics (migration 2026-11-29T0000-people).

/** Whether a company's membership is current. */
export const MEMBERSHIPS = ['active', 'lapsed'] as const;
export type Membership = (typeof MEMBERSHIPS)[number];

/** Languages a contact can receive mail in: the product's three (i18n/languages.ts). */
export { LANGUAGES, type Language } from '../../i18n/languages.js';

/** How a contact's followed topics shape their newsletter: their stories first (the rest by title) or only theirs. */
export const TOPIC_MODES = ['first', 'only'] as const;
export type TopicMode = (typeof TOPIC_MODES)[number];

export interface CompaniesTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  industry: string | null;
  membership: Membership;
  created_at: string;
  updated_at: string;
}

export interface ContactsTable {
  id: Generated<number>;
  email: string;
  email_key: string;
  name: Generated<string>;
  /** The contact's role (job title), '' when unknown (migration 2026-12-03T0500-contact-role). */
  role: Generated<string>;
  language: Generated<Language>;
  /** 'first' or 'only' (migration 2026-12-04T0400-topic-choices). */
  topic_mode: Generated<TopicMode>;
  company_id: number | null;
  subscribed: Generated<number>;
  subscription_changed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContactTopicsTable {
  contact_id: number;
  topic_id: number;
}

/** The member tables, part of `DB`. */
export interface MemberTables {
  companies: CompaniesTable;
  contacts: ContactsTable;
  contact_topics: ContactTopicsTable;
}
