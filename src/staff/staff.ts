import type { Role } from '../auth/permissions.js';
import type { Language } from '../i18n/languages.js';

/** A staff account. The password hash never leaves the staff module. */
export interface StaffMember {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  /** The language the desk and the account's mail are in. */
  readonly language: Language;
  readonly active: boolean;
  readonly hasPassword: boolean;
  readonly lastSignInAt: string | null;
  readonly createdAt: string;
}

/** Passwords: long enough to resist guessing, short enough to hash quickly. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
