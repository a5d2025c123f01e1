import { z } from 'zod';
import type { IntroductionPurpose, IntroductionState } from '../db/tables/introductions.js';
import type { Translate } from '../i18n/messages.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../lib/errors.js';

// Innovator introductions (issue 17; README.md has the states and invariants): a member contact
// asks for an introduction to an organisation of the innovators directory, staff send the request
// to one of its contact persons, who accepts or declines through a one-time link. Only after both
// said yes does each side get the other's name, company, role and address, in one email each.
// (The mentoring program's are "pair introductions", src/programs.)

export { INTRODUCTION_PURPOSES, INTRODUCTION_STATES, type IntroductionPurpose, type IntroductionState } from '../db/tables/introductions.js';
import { INTRODUCTION_PURPOSES } from '../db/tables/introductions.js';

/** The states in which a request is open: a contact has at most one open request per organisation. */
export const OPEN_STATES: readonly IntroductionState[] = ['new', 'contacted'];

/** The changes staff may make by hand; `contacted` comes from sending, `accepted` only from the innovator's own answer. */
export const DESK_STATE_CHANGES: Readonly<Record<IntroductionState, readonly IntroductionState[]>> = {
  new: ['closed', 'declined'],
  contacted: ['closed', 'declined'],
  accepted: ['closed'],
  declined: ['closed'],
  closed: [],
};

/** Why a request, a link or a desk action is refused: each has its own sentence on the page (catalog `introductions.refusal.*`). */
export const REFUSAL_REASONS = [
  'unknown-organization', 'not-in-directory', 'not-member', 'declined-before', 'link-used', 'link-unknown',
  'opted-out', 'already-sent', 'no-such-contact', 'state-change',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

const ENGLISH: Readonly<Record<RefusalReason, string>> = {
  'unknown-organization': 'There is no innovator at this address.',
  'not-in-directory': 'Introductions are offered only to innovators in the directory.',
  'not-member': 'Introductions are for people at member companies.',
  'declined-before': 'This innovator declined an introduction to you before; nothing was sent.',
  'link-used': 'This link has been used already; nothing was changed.',
  'link-unknown': 'This link is not valid.',
  'opted-out': 'This contact person asked for no further introduction requests.',
  'already-sent': 'This request has been sent already.',
  'no-such-contact': 'Choose one of the organisation\'s contact persons.',
  'state-change': 'This state change is not possible.',
};

const KIND: Readonly<Record<RefusalReason, 'not_found' | 'forbidden' | 'conflict'>> = {
  'unknown-organization': 'not_found', 'not-in-directory': 'not_found', 'link-unknown': 'not_found',
  'not-member': 'forbidden', 'opted-out': 'forbidden', 'no-such-contact': 'forbidden',
  'declined-before': 'conflict', 'link-used': 'conflict', 'already-sent': 'conflict', 'state-change': 'conflict',
};

/** A refusal with its reason: pages say it in the reader's language by the reason, never by the text. */
export type IntroductionRefusal = (NotFound | Forbidden | Conflict) & { readonly reason: RefusalReason };

/** The domain error of a refusal (NotFound, Forbidden or Conflict by reason, so the status fits). */
export function refusal(reason: RefusalReason): IntroductionRefusal {
  const Base = KIND[reason] === 'not_found' ? NotFound : KIND[reason] === 'forbidden' ? Forbidden : Conflict;
  return Object.assign(new Base(ENGLISH[reason]), { reason });
}

/** The reason of an error `refusal` made, or undefined. */
export function refusalReasonOf(error: unknown): RefusalReason | undefined {
  const reason = (error as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' && (REFUSAL_REASONS as readonly string[]).includes(reason) ? (reason as RefusalReason) : undefined;
}

/** The organisation a request is about, as pages name it. */
export interface IntroductionOrganization {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
}

/** A request as its member sees it on the profile: state and when, nothing about the other side. */
export interface OwnIntroduction {
  readonly id: number;
  readonly state: IntroductionState;
  readonly purpose: IntroductionPurpose;
  readonly createdAt: string;
}

/** A request as the desk sees it (staff see both sides; nothing of this reaches a member or an innovator). */
export interface DeskIntroduction {
  readonly id: number;
  readonly organization: IntroductionOrganization;
  readonly member: { readonly id: number; readonly name: string; readonly email: string; readonly company: string | null; readonly language: 'en' | 'de' | 'zh' };
  readonly purpose: IntroductionPurpose;
  readonly message: string;
  readonly state: IntroductionState;
  readonly notes: string;
  readonly assignee: { readonly id: number; readonly label: string } | null;
  readonly innovatorContactId: number | null;
  readonly consentedAt: string;
  readonly consentWording: string | null;
  readonly sentAt: string | null;
  readonly decidedAt: string | null;
  readonly introducedAt: string | null;
  /** A demo sample (never mailed; left out of the figures). */
  readonly sample: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the innovator's page shows: the member's company, purpose and message, never the member's name or address. */
export interface InnovatorView {
  readonly organizationName: string;
  readonly memberCompany: string;
  readonly purpose: IntroductionPurpose;
  readonly message: string;
  readonly state: IntroductionState;
  /** Language of the contact person the request went to. */
  readonly language: 'en' | 'de' | 'zh';
}

/** The form's fields as typed. */
export interface IntroductionDraft {
  readonly purpose: string;
  readonly message: string;
  /** Whether the consent box was ticked. */
  readonly consent: boolean;
}

export const EMPTY_INTRODUCTION_DRAFT: IntroductionDraft = { purpose: '', message: '', consent: false };

/** A checked request. */
export interface IntroductionInput {
  readonly purpose: IntroductionPurpose;
  readonly message: string;
}

/** The message's length limit. */
export const MESSAGE_LIMIT = 3000;

const schema = z.object({
  purpose: z.enum(INTRODUCTION_PURPOSES, { errorMap: () => ({ message: 'choose what the introduction is for' }) }),
  message: z.string().trim().min(20, 'write a few sentences about what you are looking for').max(MESSAGE_LIMIT, `keep the message under ${MESSAGE_LIMIT} characters`),
  consent: z.literal(true, { errorMap: () => ({ message: 'tick the box to agree, or the request cannot be sent' }) }),
});

/** Validates a draft; throws `Invalid` naming every bad field (`purpose`, `message`, `consent`). */
export function checkIntroductionDraft(draft: IntroductionDraft): IntroductionInput {
  const parsed = schema.safeParse(draft);
  if (!parsed.success) {
    throw new Invalid('Some fields need another look; nothing was sent.', parsed.error.issues.map((issue) => ({ where: String(issue.path[0] ?? ''), message: issue.message })));
  }
  return { purpose: parsed.data.purpose, message: parsed.data.message.replace(/\r\n?/g, '\n') };
}

/** A demo sample request as the demo loader writes it (no mail, no links). */
export interface SampleIntroduction {
  readonly contactId: number;
  readonly organizationId: number;
  readonly innovatorContactId: number | null;
  readonly purpose: IntroductionPurpose;
  readonly message: string;
  readonly state: IntroductionState;
  /** When it was asked for; sent, decided and introduced follow a day apart as its state says. */
  readonly createdAt: string;
}

/** A desk filter of the list. */
export interface IntroductionFilter {
  readonly state?: IntroductionState | undefined;
}

/** One quarter's figures: requests made in it, introductions made (accepted) and declined in it, and the sectors of its requests. */
export interface QuarterFigures {
  /** `2026-Q4`. */
  readonly quarter: string;
  readonly requested: FigureCount;
  readonly made: FigureCount;
  readonly declined: FigureCount;
  readonly sectors: readonly { readonly slug: string; readonly name: string; readonly count: FigureCount }[];
}

/** A count as published: exact from 3, else "fewer than 3" (so a single member's request is not singled out). */
export type FigureCount = { readonly exact: number } | { readonly fewerThan: 3 };

/** The smallest count shown as a number. */
export const SMALLEST_SHOWN = 3;

/** A count as published. */
export function figureCount(count: number): FigureCount {
  return count >= SMALLEST_SHOWN ? { exact: count } : { fewerThan: SMALLEST_SHOWN };
}

/** The quarter of an ISO time, `2026-Q4`. */
export function quarterOf(iso: string): string {
  const month = Number(iso.slice(5, 7));
  return `${iso.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** A purpose's label in the reader's language (ICU select keys cannot hold a hyphen: `technology-scouting` is `technology_scouting` there). */
export function purposeLabel(t: Translate, purpose: IntroductionPurpose): string {
  return t('introductions.purpose', { purpose: purpose.replace(/-/g, '_') });
}
