import { PERMISSIONS, ROLES, type Permission, type Role } from '../auth/permissions.js';
import type { Executor } from '../db/database.js';
import { formatDate, formatTime } from '../i18n/format.js';
import { intlLocale, type Language } from '../i18n/languages.js';
import { translator, type Translate } from '../i18n/messages.js';
import { Forbidden } from '../lib/errors.js';
import { isPublic, type Issue, type ItemTarget } from './issues.js';
import { getIssuesListing } from './issues.service.js';

// The one rule of who may change what readers see: a story, event, program or report that is
// public, or in an issue scheduled to appear, changes only for those who hold publish_content
// (editors, admins, owners). Contributors draft: their edit of public content is refused, nothing
// written. An issue scheduled for later counts already: the editor who scheduled it approved its
// contents, and a later change would appear at the scheduled time without an editor seeing it.
// No pending revisions: a refused edit stays in the re-rendered form for the contributor to hand on.

/** Who is making a change, as far as what is public cares. */
export interface ChangeRights {
  /** Holds `publish_content` (on the desk: `rightsOf(ctx.can)`); the system does. */
  readonly mayChangePublic: boolean;
}

/** The rights of the CLI, the content-folder import and the demo loader: they act as the system. */
export const SYSTEM_RIGHTS: ChangeRights = { mayChangePublic: true };

/** A desk session's rights, from its permissions: `publish_content` is what lets one change what is public. */
export function rightsOf(can: (permission: Permission) => boolean): ChangeRights {
  return { mayChangePublic: can('publish_content') };
}

/** Where readers see an item now, or will without anyone's further say. */
export interface Publicity {
  /** Where it is public on its own, whatever the issues (`/programs/<slug>`): every event and program. */
  readonly onItsOwn: string | undefined;
  /** The published and scheduled issues that list it, newest first. */
  readonly issues: readonly Issue[];
}

/**
 * Where each kind is public on its own, read from the public routes (web/route-table.ts): every
 * event is at /events/<slug> and in /events, /events.ics and the sitemap; every program is at
 * /programs/<slug> and in the sitemap; /stories/<slug> answers only while a public issue lists
 * the story; a report has no page of its own and is read only inside the issues that list it.
 */
const PUBLIC_ON_ITS_OWN: Readonly<Record<ItemTarget, ((slug: string) => string) | undefined>> = {
  event: (slug) => `/events/${slug}`,
  program: (slug) => `/programs/${slug}`,
  story: undefined,
  report: undefined,
};


/** Whether readers see the issue now, or will at its scheduled time with no one's further say. */
function issueGoesPublic(issue: Pick<Issue, 'status'>): boolean {
  return issue.status !== 'draft';
}

/** Where a story, event, program or report is public (or scheduled to be); undefined when it is not. */
export async function findPublicity(db: Executor, kind: ItemTarget, item: { readonly id: number; readonly slug: string }): Promise<Publicity | undefined> {
  const onItsOwn = PUBLIC_ON_ITS_OWN[kind]?.(item.slug);
  const listed = (await getIssuesListing(db, kind, [item.id])).get(item.id) ?? [];
  const issues = listed.filter(issueGoesPublic);
  return onItsOwn || issues.length > 0 ? { onItsOwn, issues } : undefined;
}

/** An issue as a lock names it: its title, whether readers see it now, and its time. */
export interface LockingIssue {
  readonly title: string;
  /** `published`; `public_scheduled` (scheduled, its time has come); `scheduled` (for later). */
  readonly state: 'published' | 'public_scheduled' | 'scheduled';
  /** When it is (or was) scheduled to appear, ISO; null when not set. */
  readonly at: string | null;
}

/**
 * What makes a thing public, as facts the desk words in the staff member's language
 * (admin/issues/public-lock-notice.tsx): an item (public on its own, or through issues) or an issue.
 */
export type LockFacts =
  | {
      readonly subject: 'item';
      readonly kind: ItemTarget;
      readonly title: string;
      /** Where it is public on its own (`/events/<slug>`, `/programs/<slug>`), or undefined. */
      readonly path: string | undefined;
      /** Whether readers see it now (else it is only scheduled to appear). */
      readonly isPublic: boolean;
      readonly issues: readonly LockingIssue[];
      /** The roles that may change it (hold publish_content), least powerful first. */
      readonly roles: readonly Role[];
    }
  | {
      readonly subject: 'issue';
      readonly issue: LockingIssue;
      readonly roles: readonly Role[];
    }
  | {
      /** Adding an item of a kind that is public as soon as it is saved (events, programs). */
      readonly subject: 'create';
      readonly kind: ItemTarget;
      readonly roles: readonly Role[];
    };

/**
 * Why a change is refused, in two parts: what makes the thing public, and what to do instead
 * (English, for refusals and logs), and the same as facts for the desk to word in its language.
 */
export interface PublicLock {
  readonly why: string;
  readonly whatToDo: string;
  readonly facts: LockFacts;
}

/** The roles holding publish_content, least powerful first, from the permissions table. */
function rolesMayChangePublic(): Role[] {
  return ROLES.filter((role) => (PERMISSIONS.publish_content as readonly string[]).includes(role)).reverse();
}

function lockingIssue(issue: Issue, now: Date): LockingIssue {
  return { title: issue.title, state: issue.status === 'published' ? 'published' : isPublic(issue, now) ? 'public_scheduled' : 'scheduled', at: issue.publishedAt };
}

/** A time a lock names, in UTC as the desk's schedules are: "1 July 2027, 08:00 UTC". */
function timeText(language: Language, t: Translate, at: string | null): string {
  if (!at) return t('desk.lock.timeNotSet');
  return t('desk.lock.at', { date: formatDate(language, { instant: at, zone: 'UTC' }), time: formatTime(language, at, 'UTC') });
}

function listText(language: Language, parts: readonly string[], type: 'conjunction' | 'disjunction'): string {
  return new Intl.ListFormat(intlLocale(language), { style: 'long', type }).format(parts);
}

/**
 * What makes it public and what to do, worded in `language` from the facts: the desk's notice
 * in the staff member's language, and (in English) the refusal's text.
 */
export function lockSentences(language: Language, facts: LockFacts): { why: string; whatToDo: string } {
  const t = translator(language);
  const roles = listText(language, facts.roles.map((role) => t('desk.lock.roles', { role })), 'disjunction');
  if (facts.subject === 'create') return { why: t('desk.lock.create', { kind: facts.kind }), whatToDo: t('desk.lock.whoAdds', { roles }) };
  if (facts.subject === 'issue') {
    const { issue } = facts;
    const at = timeText(language, t, issue.at);
    if (issue.state === 'published') return { why: t('desk.lock.issuePublished', { title: issue.title }), whatToDo: t('desk.lock.whoChanges', { roles }) };
    if (issue.state === 'public_scheduled') return { why: t('desk.lock.issuePublicScheduled', { title: issue.title, at }), whatToDo: t('desk.lock.whoChanges', { roles }) };
    return { why: t('desk.lock.issueScheduled', { title: issue.title, at }), whatToDo: t('desk.lock.whoChangesOrUnpublishes', { roles }) };
  }
  const issues = listText(language, facts.issues.map((issue) => t('desk.lock.issueState', { title: issue.title, state: issue.state, at: timeText(language, t, issue.at) })), 'conjunction');
  const why = facts.path
    ? t('desk.lock.itemOnItsOwn', { title: facts.title, kind: facts.kind, path: facts.path, hasIssues: facts.issues.length > 0 ? 'yes' : 'no', issues })
    : t(facts.isPublic ? 'desk.lock.itemPublicIn' : 'desk.lock.itemScheduledIn', { title: facts.title, issues });
  return { why, whatToDo: t('desk.lock.whoChanges', { roles }) };
}

/** A lock from its facts, with its English sentences. */
function lockOf(facts: LockFacts): PublicLock {
  return { ...lockSentences('en', facts), facts };
}

/** What locks a public story, event, program or report against someone without publish_content. */
export function itemLock(kind: ItemTarget, title: string, publicity: Publicity, now: Date): PublicLock {
  const isPublicNow = publicity.onItsOwn !== undefined || publicity.issues.some((issue) => isPublic(issue, now));
  return lockOf({ subject: 'item', kind, title, path: publicity.onItsOwn, isPublic: isPublicNow, issues: publicity.issues.map((issue) => lockingIssue(issue, now)), roles: rolesMayChangePublic() });
}

/** What locks a published or scheduled issue against someone without publish_content. */
function issueLock(issue: Issue, now: Date): PublicLock | undefined {
  if (!issueGoesPublic(issue)) return undefined;
  return lockOf({ subject: 'issue', issue: lockingIssue(issue, now), roles: rolesMayChangePublic() });
}

/** The refusal of a change or a delete that a lock stops: says why and what to do; nothing was written. */
function refusal(lock: PublicLock, change: 'save' | 'delete'): Forbidden {
  const outcome = change === 'save' ? 'Your version is below and was not saved.' : 'Nothing was deleted.';
  return new Forbidden(`${lock.why} ${lock.whatToDo} ${outcome}`);
}

/**
 * What stops this author changing a public story, event, program or report, or undefined when
 * nothing does (they hold publish_content, or the item is not public). The edit pages show it.
 */
export async function findPublicLock(
  db: Executor, now: Date, rights: ChangeRights, kind: ItemTarget, item: { readonly id: number; readonly slug: string; readonly title: string },
): Promise<PublicLock | undefined> {
  if (rights.mayChangePublic) return undefined;
  const publicity = await findPublicity(db, kind, item);
  return publicity ? itemLock(kind, item.title, publicity, now) : undefined;
}

/**
 * Throws `Forbidden` when the item is public (or in a scheduled issue) and the author may not
 * change what is public. Every editing service calls it in its transaction, before any write.
 */
export async function assertMayChangePublic(
  db: Executor, now: Date, rights: ChangeRights, kind: ItemTarget, item: { readonly id: number; readonly slug: string; readonly title: string }, change: 'save' | 'delete',
): Promise<void> {
  const lock = await findPublicLock(db, now, rights, kind, item);
  if (lock) throw refusal(lock, change);
}

/**
 * What stops this author adding an item of `kind`: events and programs are public the moment
 * they are saved, so adding one is changing what readers see. Undefined when nothing does.
 */
export function findCreateLock(rights: ChangeRights, kind: ItemTarget): PublicLock | undefined {
  const where = PUBLIC_ON_ITS_OWN[kind];
  if (rights.mayChangePublic || !where) return undefined;
  return lockOf({ subject: 'create', kind, roles: rolesMayChangePublic() });
}

/** Throws `Forbidden` when this author may not add an item of `kind` (it would be public at once). */
export function assertMayCreate(rights: ChangeRights, kind: ItemTarget): void {
  const lock = findCreateLock(rights, kind);
  if (lock) throw refusal(lock, 'save');
}

/** What stops this author changing the issue (it is published or scheduled and they may not), or undefined. */
export function findIssueLock(issue: Issue, now: Date, rights: ChangeRights): PublicLock | undefined {
  return rights.mayChangePublic ? undefined : issueLock(issue, now);
}

/** Throws `Forbidden` when the issue is published or scheduled and the author may not change what is public. */
export function assertMayChangeIssue(issue: Issue, now: Date, rights: ChangeRights): void {
  const lock = findIssueLock(issue, now, rights);
  if (lock) throw refusal(lock, 'save');
}
