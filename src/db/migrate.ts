import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import * as m20261128content from './migrations/2026-11-28T0000-content.js';
import * as m20261129people from './migrations/2026-11-29T0000-people.js';
import * as m20261130delivery from './migrations/2026-11-30T0000-delivery.js';
import * as m20261130eventRegistrations from './migrations/2026-11-30T0100-event-registrations.js';
import * as m20261130programs from './migrations/2026-11-30T0200-programs.js';
import * as m20261201workerHeartbeats from './migrations/2026-12-01T0000-worker-heartbeats.js';
import * as m20261201translations from './migrations/2026-12-01T0100-translations.js';
import * as m20261201deliveryLanguages from './migrations/2026-12-01T0200-delivery-languages.js';
import * as m20261201staffLanguage from './migrations/2026-12-01T0300-staff-language.js';
import * as m20261201siteSettings from './migrations/2026-12-01T0400-site-settings.js';
import * as m20261201consentLedger from './migrations/2026-12-01T0500-consent-ledger.js';
import * as m20261201privacy from './migrations/2026-12-01T0600-privacy.js';
import * as m20261201retention from './migrations/2026-12-01T0700-retention.js';
import * as m20261202search from './migrations/2026-12-02T0000-search.js';
import * as m20261202organizations from './migrations/2026-12-02T0100-organizations.js';
import * as m20261202privateFeeds from './migrations/2026-12-02T0200-private-feeds.js';
import * as m20261202inquiryOwners from './migrations/2026-12-02T0300-inquiry-owners.js';
import * as m20261202surveyResponses from './migrations/2026-12-02T0300-survey-responses.js';
import * as m20261202searchVisibility from './migrations/2026-12-02T0400-search-visibility.js';
import * as m20261202innovators from './migrations/2026-12-02T0500-innovators.js';
import * as m20261202deliveryImages from './migrations/2026-12-02T0600-delivery-images.js';
import * as m20261202searchInnovators from './migrations/2026-12-02T0700-search-innovators.js';
import * as m20261202introductions from './migrations/2026-12-02T0800-introductions.js';
import * as m20261203contactRole from './migrations/2026-12-03T0500-contact-role.js';
import * as m20261203curation from './migrations/2026-12-03T0200-curation.js';
import * as m20261204engagement from './migrations/2026-12-04T0300-engagement.js';
import * as m20261203deliveryHealth from './migrations/2026-12-03T0600-delivery-health.js';
import * as m20261204audiences from './migrations/2026-12-04T0200-audiences.js';
import * as m20261204topicChoices from './migrations/2026-12-04T0400-topic-choices.js';
import * as m20261203media from './migrations/2026-12-03T0300-media.js';
import * as m20261204deliveryAlarms from './migrations/2026-12-04T0250-delivery-alarms.js';
import * as m20261204opens from './migrations/2026-12-04T0500-opens.js';

// Migrations are listed here explicitly so they work from `dist/` without a directory scan.
const migrations: Record<string, Migration> = {
  '2026-11-28T0000-content': m20261128content,
  '2026-11-29T0000-people': m20261129people,
  '2026-11-30T0000-delivery': m20261130delivery,
  '2026-11-30T0100-event-registrations': m20261130eventRegistrations,
  '2026-11-30T0200-programs': m20261130programs,
  '2026-12-01T0000-worker-heartbeats': m20261201workerHeartbeats,
  '2026-12-01T0100-translations': m20261201translations,
  '2026-12-01T0200-delivery-languages': m20261201deliveryLanguages,
  '2026-12-01T0300-staff-language': m20261201staffLanguage,
  '2026-12-01T0400-site-settings': m20261201siteSettings,
  '2026-12-01T0500-consent-ledger': m20261201consentLedger,
  '2026-12-01T0600-privacy': m20261201privacy,
  '2026-12-01T0700-retention': m20261201retention,
  '2026-12-02T0000-search': m20261202search,
  '2026-12-02T0100-organizations': m20261202organizations,
  '2026-12-02T0200-private-feeds': m20261202privateFeeds,
  '2026-12-02T0300-inquiry-owners': m20261202inquiryOwners,
  '2026-12-02T0300-survey-responses': m20261202surveyResponses,
  '2026-12-02T0400-search-visibility': m20261202searchVisibility,
  '2026-12-02T0500-innovators': m20261202innovators,
  '2026-12-02T0600-delivery-images': m20261202deliveryImages,
  '2026-12-02T0700-search-innovators': m20261202searchInnovators,
  '2026-12-02T0800-introductions': m20261202introductions,
  '2026-12-03T0200-curation': m20261203curation,
  '2026-12-03T0300-media': m20261203media,
  '2026-12-03T0500-contact-role': m20261203contactRole,
  '2026-12-03T0600-delivery-health': m20261203deliveryHealth,
  '2026-12-04T0200-audiences': m20261204audiences,
  '2026-12-04T0250-delivery-alarms': m20261204deliveryAlarms,
  '2026-12-04T0300-engagement': m20261204engagement,
  '2026-12-04T0400-topic-choices': m20261204topicChoices,
  '2026-12-04T0500-opens': m20261204opens,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to `name`, the last migration it runs (a migration's test sets up the data it finds). */
export async function migrateUpTo(db: Database, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) throw error;
}

/** Brings the schema up to date; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
