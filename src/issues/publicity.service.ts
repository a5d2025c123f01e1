import { PERMISSIONS, ROLES, type Permission } from '../auth/permissions.js';
import type { Executor } from '../db/database.js';
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
  /** Where it is public on its own, whatever the issues ("at /programs/<slug>"): every event and program. */
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
  event: (slug) => `at /events/${slug} and in the calendar (/events.ics)`,
  program: (slug) => `at /programs/${slug}`,
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

/** Why a change is refused, in two parts: what makes the thing public, and what to do instead. */
export interface PublicLock {
  readonly why: string;
  readonly whatToDo: string;
}

/** "an editor, admin or owner": the roles holding publish_content, least powerful first, from the permissions table. */
function rolesThatMayChangePublic(): string {
  const roles = ROLES.filter((role) => (PERMISSIONS.publish_content as readonly string[]).includes(role)).reverse();
  const listed = roles.length > 1 ? `${roles.slice(0, -1).join(', ')} or ${roles.at(-1)}` : roles.join('');
  return `${/^[aeiou]/.test(listed) ? 'an' : 'a'} ${listed}`;
}

function utc(iso: string | null): string {
  return iso ? `${iso.replace('T', ' ').slice(0, 16)} UTC` : 'a time not set';
}

/** "the 2024 Spring Issue (published)", "the 2027 Summer Issue (scheduled for 2027-07-01 08:00 UTC)". */
function issueState(issue: Issue, now: Date): string {
  if (issue.status === 'published') return `the ${issue.title} (published)`;
  return isPublic(issue, now) ? `the ${issue.title} (scheduled, public since ${utc(issue.publishedAt)})` : `the ${issue.title} (scheduled for ${utc(issue.publishedAt)})`;
}

function listIssues(issues: readonly Issue[], now: Date): string {
  const parts = issues.map((issue) => issueState(issue, now));
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]!;
}

/** What locks a public story, event, program or report against someone without publish_content. */
export function itemLock(kind: ItemTarget, title: string, publicity: Publicity, now: Date): PublicLock {
  const inIssues = publicity.issues.length > 0 ? `in ${listIssues(publicity.issues, now)}` : '';
  let why: string;
  if (publicity.onItsOwn) {
    why = `“${title}” is public: every ${kind} is, ${publicity.onItsOwn}${inIssues ? `, and it is ${inIssues}` : ''}.`;
  } else if (publicity.issues.some((issue) => isPublic(issue, now))) {
    why = `“${title}” is public: it is ${inIssues}.`;
  } else {
    why = `“${title}” is scheduled to appear: it is ${inIssues}.`;
  }
  return { why, whatToDo: `Only ${rolesThatMayChangePublic()} can change it: ask one of them to make your change.` };
}

/** What locks a published or scheduled issue against someone without publish_content. */
function issueLock(issue: Issue, now: Date): PublicLock | undefined {
  if (!issueGoesPublic(issue)) return undefined;
  const who = `Only ${rolesThatMayChangePublic()} can change it: ask one of them to make your change`;
  if (issue.status === 'published') return { why: `${issue.title} is published.`, whatToDo: `${who}.` };
  if (isPublic(issue, now)) return { why: `${issue.title} is public (scheduled, since ${utc(issue.publishedAt)}).`, whatToDo: `${who}.` };
  return { why: `${issue.title} is scheduled to appear at ${utc(issue.publishedAt)}.`, whatToDo: `${who}, or to unpublish it (back to a draft) so you can edit it.` };
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
  return {
    why: `Every ${kind} is public as soon as it is saved (${where('<slug>')}).`,
    whatToDo: `Only ${rolesThatMayChangePublic()} can add one: ask one of them to add it.`,
  };
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
