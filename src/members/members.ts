/** Whether a company's membership is current. */
export type Membership = 'active' | 'lapsed';

/** Languages a contact can receive mail in. */
export const LANGUAGES = ['en', 'de', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch', zh: '中文' };

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
  readonly language: Language;
  readonly company: Company | null;
  readonly subscribed: boolean;
  /** Topic slugs the contact wants; empty means all topics. */
  readonly topics: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
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
