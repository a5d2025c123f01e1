import { createHash } from 'node:crypto';
import type { Language } from '../i18n/languages.js';
import { translator } from '../i18n/messages.js';
import type { ConsentAction, ConsentPurpose, ConsentSourceKind } from '../db/tables/consent.js';

// The consent ledger's types (README.md explains what each column holds and why). The lists of
// values are declared once, with the table types.
export { CONSENT_ACTIONS, CONSENT_PURPOSES, CONSENT_SOURCE_KINDS, type ConsentAction, type ConsentPurpose, type ConsentSourceKind } from '../db/tables/consent.js';

/** The exact sentence a form showed, in the language it was shown in. */
export interface ConsentWording {
  readonly purpose: ConsentPurpose;
  readonly language: Language;
  readonly text: string;
}

/** The client's address and browser, kept only while the network log is switched on. */
export interface ConsentNetwork {
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/**
 * Where a consent event came from. `source` by kind: form → the form's path (`/subscribe`,
 * `/account`, `/events/<slug>/register`); link → what the link was (`/subscribe/confirm`,
 * `unsubscribe link (delivery 12, one-click)`); import → `<file name>: <consent text>`;
 * desk → `staff <id> <name or address>`; cli → the command.
 */
export interface ConsentSource {
  readonly kind: ConsentSourceKind;
  readonly source: string;
  /** What the person saw, when a form showed a sentence; null for links, imports and the desk. */
  readonly wording?: ConsentWording | null | undefined;
  /** IP and user agent, or null when the network log is off (the caller decides, once). */
  readonly network?: ConsentNetwork | null | undefined;
}

/** One new ledger row. */
export interface ConsentEntry extends ConsentSource {
  readonly contactId: number;
  readonly purpose: ConsentPurpose;
  readonly action: ConsentAction;
  /** What the consent is about beyond its purpose: `event:<slug>`, `program:<slug>`. */
  readonly subjectRef?: string | null | undefined;
  /** Default: the clock's now. Imports give the date the file states. */
  readonly occurredAt?: string | undefined;
}

/** One ledger row as the proof page and the export read it. */
export interface ConsentEvent {
  readonly id: number;
  readonly contactId: number | null;
  readonly purpose: ConsentPurpose;
  readonly action: ConsentAction;
  readonly occurredAt: string;
  readonly sourceKind: ConsentSourceKind;
  readonly source: string;
  readonly subjectRef: string | null;
  readonly wording: (ConsentWording & { readonly id: string }) | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** A wording's id: the first 32 hex characters of sha-256 over purpose, language and text. */
export function wordingId(wording: ConsentWording): string {
  return createHash('sha256').update(`${wording.purpose}\u0000${wording.language}\u0000${wording.text}`).digest('hex').slice(0, 32);
}

const WORDING_KEYS = {
  newsletter: 'consent.wording.newsletter',
  event_registration: 'consent.wording.eventRegistration',
  program_registration: 'consent.wording.programRegistration',
  innovator_introduction: 'introductions.consent.wording',
  engagement_tracking: 'engagement.consent.wording',
} as const;

/** The purposes whose sentence a form of this product shows. */
export type WordedPurpose = keyof typeof WORDING_KEYS;

/** The consent sentence a form shows for a purpose, in the reader's language: the text the ledger stores. */
export function consentWording(purpose: WordedPurpose, language: Language, siteName: string): ConsentWording {
  return { purpose, language, text: translator(language)(WORDING_KEYS[purpose], { site: siteName }) };
}

/** Whether a contact ever answered about the newsletter: a confirmation or a withdrawal on record (a request alone is no answer). */
export function newsletterAnswered(events: readonly Pick<ConsentEvent, 'purpose' | 'action'>[]): boolean {
  return events.some((event) => event.purpose === 'newsletter' && event.action !== 'requested');
}
