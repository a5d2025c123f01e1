import type { Generated, Kysely, Transaction } from 'kysely';
import type { DeliveryTables } from './tables/delivery.js';
import type { EventRegistrationTables } from './tables/event-registrations.js';
import type { ProgramTables } from './tables/programs.js';

// The row types of every table, as the database returns them on either engine.
// Timestamps are ISO-8601 UTC text; dates `YYYY-MM-DD`; flags 0/1.

export interface MetaTable {
  key: string;
  value: string;
}

export interface TopicsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  position: number;
}

export interface SectorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
}

export interface StoriesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  kind: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface StoryTopicsTable {
  story_id: number;
  topic_id: number;
  position: number;
}

export interface StorySectorsTable {
  story_id: number;
  sector_id: number;
  position: number;
}

export interface StoryOrganizationsTable {
  story_id: number;
  position: number;
  name: string;
}

export interface SourcesTable {
  id: Generated<number>;
  story_id: number;
  position: number;
  author: string | null;
  title: string | null;
  outlet: string;
  published_on: string | null;
  url: string | null;
}

export interface EventsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  body: string;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  all_day: number;
  venue: string | null;
  address: string | null;
  city: string | null;
  online: number;
  online_url: string | null;
  organiser: string;
  organiser_name: string | null;
  url: string | null;
  capacity: number | null;
  registration_opens_at: string | null;
  registration_closes_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventSectorsTable {
  event_id: number;
  sector_id: number;
  position: number;
}

export interface ProgramsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  body: string;
  registration_deadline: string | null;
  cohort_start: string | null;
  duration_months: number | null;
  time_zone: string;
  contact_name: string | null;
  contact_email: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProgramRolesTable {
  program_id: number;
  position: number;
  role: string;
}

export interface ReportsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  subtitle: string | null;
  body: string;
  publisher: string | null;
  partner: string | null;
  survey_start: string | null;
  survey_end: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReportSegmentsTable {
  id: Generated<number>;
  report_id: number;
  position: number;
  key: string;
  name: string;
  respondents: number;
}

export interface FindingsTable {
  id: Generated<number>;
  report_id: number;
  position: number;
  title: string;
  statement: string;
  segment_key: string;
  count: number;
  compare_segment_key: string | null;
  compare_count: number | null;
}

export interface IssuesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  season: string;
  year: number;
  intro: string;
  status: string;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SectionsTable {
  id: Generated<number>;
  issue_id: number;
  position: number;
  kind: string;
  heading: string;
}

export interface SectionItemsTable {
  id: Generated<number>;
  section_id: number;
  position: number;
  label: string | null;
  story_id: number | null;
  event_id: number | null;
  program_id: number | null;
  report_id: number | null;
}

export interface CompaniesTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  industry: string | null;
  membership: string;
  created_at: string;
  updated_at: string;
}

export interface ContactsTable {
  id: Generated<number>;
  email: string;
  email_key: string;
  name: Generated<string>;
  language: Generated<string>;
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

export interface StaffTable {
  id: Generated<number>;
  email: string;
  email_key: string;
  name: Generated<string>;
  role: string;
  password_hash: string | null;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  active: Generated<number>;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  kind: string;
  contact_id: number | null;
  staff_id: number | null;
  created_at: string;
  expires_at: string;
}

export interface LoginTokensTable {
  id: string;
  purpose: string;
  contact_id: number | null;
  staff_id: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

export interface ActivityTable {
  id: Generated<number>;
  at: string;
  actor_type: string;
  actor_id: number | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: number | null;
  subject_label: string;
  detail: string | null;
}

/** Every table; the tables of later capabilities are declared in `tables/`. */
export interface DB extends DeliveryTables, EventRegistrationTables, ProgramTables {
  meta: MetaTable;
  topics: TopicsTable;
  sectors: SectorsTable;
  stories: StoriesTable;
  story_topics: StoryTopicsTable;
  story_sectors: StorySectorsTable;
  story_organizations: StoryOrganizationsTable;
  sources: SourcesTable;
  events: EventsTable;
  event_sectors: EventSectorsTable;
  programs: ProgramsTable;
  program_roles: ProgramRolesTable;
  reports: ReportsTable;
  report_segments: ReportSegmentsTable;
  findings: FindingsTable;
  issues: IssuesTable;
  sections: SectionsTable;
  section_items: SectionItemsTable;
  companies: CompaniesTable;
  contacts: ContactsTable;
  contact_topics: ContactTopicsTable;
  staff: StaffTable;
  sessions: SessionsTable;
  login_tokens: LoginTokensTable;
  rate_limits: RateLimitsTable;
  activity: ActivityTable;
}

/** What query functions take first: the database or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

/** The database handle every service receives. */
export type Database = Kysely<DB>;
