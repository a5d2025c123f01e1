// An organisation's contact persons: personal data, never shown on any public page
// (docs/privacy.md). Staff see them in the desk when they send an introduction request.

/** A contact person as the desk and the introductions domain read them. */
export interface ContactPerson {
  readonly id: number;
  readonly organizationId: number;
  readonly name: string;
  readonly role: string | null;
  readonly email: string;
  readonly language: 'en' | 'de' | 'zh';
  /** Where we have the address from (told in the first email to them). */
  readonly source: string;
  /** When they asked for no further introduction requests; null while they take them. */
  readonly optedOutAt: string | null;
}
