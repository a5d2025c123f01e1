import type { Generated } from 'kysely';
import type { Language } from '../../i18n/languages.js';

// Row types of staff accounts (migrations 2026-11-29T0000-people, 2026-12-01T0300-staff-language).

/** Staff roles, from most to least powerful. */
export const ROLES = ['owner', 'admin', 'editor', 'contributor'] as const;
export type Role = (typeof ROLES)[number];

export interface StaffTable {
  id: Generated<number>;
  email: string;
  email_key: string;
  name: Generated<string>;
  role: Role;
  /** The desk's and the staff mail's language. */
  language: Generated<Language>;
  password_hash: string | null;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  active: Generated<number>;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The staff tables, part of `DB`. */
export interface StaffTables {
  staff: StaffTable;
}
