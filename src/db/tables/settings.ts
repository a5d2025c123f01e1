// Row types of site settings (migration 2026-12-01T0400-site-settings). Conventions: see db/database.ts.

/** One saved setting: its key (settings/settings.ts lists them) and its value as text. */
export interface SiteSettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

/** The settings tables, part of `DB`. */
export interface SettingsTables {
  site_settings: SiteSettingsTable;
}
