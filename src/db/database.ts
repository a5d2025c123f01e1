import type { Kysely, Transaction } from 'kysely';
import type { ActivityTables } from './tables/activity.js';
import type { AudienceTables } from './tables/audiences.js';
import type { AuthTables } from './tables/auth.js';
import type { ConsentTables } from './tables/consent.js';
import type { ContentTables } from './tables/content.js';
import type { CurationTables } from './tables/curation.js';
import type { DeliveryTables } from './tables/delivery.js';
import type { DeliveryAlarmTables } from './tables/delivery-alarms.js';
import type { EngagementTables } from './tables/engagement.js';
import type { EventTables } from './tables/events.js';
import type { InquiryTables } from './tables/inquiries.js';
import type { IssueTables } from './tables/issues.js';
import type { JobTables } from './tables/jobs.js';
import type { MediaTables } from './tables/media.js';
import type { MemberTables } from './tables/members.js';
import type { MetaTables } from './tables/meta.js';
import type { OrganizationTables } from './tables/organizations.js';
import type { IntroductionTables } from './tables/introductions.js';
import type { PrivacyTables } from './tables/privacy.js';
import type { PrivateFeedTables } from './tables/private-feeds.js';
import type { ProgramTables } from './tables/programs.js';
import type { ReportTables } from './tables/reports.js';
import type { SettingsTables } from './tables/settings.js';
import type { StaffTables } from './tables/staff.js';
import type { SearchTables } from './tables/search.js';
import type { StoryTables } from './tables/stories.js';
import type { TranslationTables } from './tables/translations.js';

// The row types of every table, as the database returns them on either engine, one file per
// domain in tables/. Timestamps are ISO-8601 UTC text; dates `YYYY-MM-DD`; flags 0/1. A column
// that holds one of a fixed set of values has its union type there (declared once, next to its
// list of values; the domain's types re-export it), so rows map to domain types without casts.

/** Every table. */
export interface DB
  extends MetaTables, ContentTables, StoryTables, IssueTables, EventTables, ProgramTables, ReportTables, MemberTables, StaffTables, AuthTables,
    ActivityTables, JobTables, DeliveryTables, DeliveryAlarmTables, InquiryTables, TranslationTables,
    SettingsTables, ConsentTables, PrivacyTables, SearchTables, OrganizationTables, PrivateFeedTables, IntroductionTables, CurationTables, MediaTables, AudienceTables, EngagementTables {}

/** What query functions take first: the database or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

/** The database handle every service receives. */
export type Database = Kysely<DB>;
