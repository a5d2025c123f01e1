import { listActivity, recordActivity } from '../activity/activity.service.js';
import type { ActivityEntry, Actor } from '../activity/activity.js';
import type { Database, Executor } from '../db/database.js';
import { EVENT_STORE } from '../events/event-store.js';
import type { Clock } from '../lib/clock.js';
import { Invalid, NotFound } from '../lib/errors.js';
import { PROGRAM_STORE } from '../programs/program-store.js';
import { REPORT_STORE } from '../reports/report-store.js';
import { getStoriesByIds } from '../stories/stories.service.js';
import { stateOf } from '../translations/overlay.js';
import { getTranslationsOfItem, getTranslationStates, removeTranslation, saveTranslation, type Original } from '../translations/translations.service.js';
import type { TextOf, Translation, TranslationKind, TranslationLanguage, TranslationState } from '../translations/translations.js';
import type { Issue, ItemTarget } from './issues.js';
import { findIssueBySlug, findSectionRefs, findSectionRefsOfIssues } from './issues.queries.js';
import { assertMayChangeIssue, assertMayChangePublic, findIssueLock, findPublicLock, type ChangeRights, type PublicLock } from './publicity.service.js';
import { getEditableStory } from './story-editing.service.js';

// The desk's translations: the original of an item as a translation is written against, who may
// change a translation (the one publicity rule: a translation of something readers see is a
// change to what they see, so it needs what changing the item needs), and the write with its
// activity-log entry in one transaction.

/** The original of a kind with what the desk names it by (`slug`, the desk's `key`: an issue's or story's slug, an item's id). */
export interface DeskOriginal<K extends TranslationKind> {
  readonly kind: K;
  readonly original: Original<K>;
  readonly slug: string;
  readonly title: string;
  /** The issue itself, for an issue (its lock is the issue's). */
  readonly issue?: Issue;
}

/** An original with both its translations, their states and what stops this author changing them. */
export interface DeskTranslations<K extends TranslationKind> extends DeskOriginal<K> {
  readonly translations: Partial<Record<TranslationLanguage, Translation<K>>>;
  readonly states: Record<TranslationLanguage, TranslationState>;
  readonly lock: PublicLock | undefined;
  /**
   * What the activity log says changed the original since the older of the translations that are
   * older than it was made (newest first, at most 10; translating is left out): who and when, as
   * the texts the translation was made from are not kept. Empty when no translation is older.
   */
  readonly changes: readonly ActivityEntry[];
}

/** How the desk names an item in its URLs: issues and stories by slug, events, programs and reports by id. */
export type DeskKey = string | number;

const ITEM_STORES = { event: EVENT_STORE, program: PROGRAM_STORE, report: REPORT_STORE } as const;

/** Loads the original of `kind` named by `key` (NotFound when there is none). */
export async function getDeskOriginal<K extends TranslationKind>(db: Executor, kind: K, key: DeskKey): Promise<DeskOriginal<K>> {
  if (kind === 'issue') {
    const issue = typeof key === 'string' ? await findIssueBySlug(db, key) : undefined;
    if (!issue) throw new NotFound(`There is no issue "${key}".`);
    const sections = await findSectionRefs(db, issue.id);
    const original = { id: issue.id, updatedAt: issue.updatedAt, issue: { title: issue.title, intro: issue.intro }, sections };
    return { kind, original: original as unknown as Original<K>, slug: issue.slug, title: issue.title, issue };
  }
  if (kind === 'story') {
    const { story } = await getEditableStory(db, String(key));
    return { kind, original: story as unknown as Original<K>, slug: story.slug, title: story.title };
  }
  const store = ITEM_STORES[kind as 'event' | 'program' | 'report'];
  const item = typeof key === 'number' ? (await store.findByIds(db, [key])).get(key) : undefined;
  if (!item) throw new NotFound(`There is no such ${kind}; it may have been deleted.`);
  return { kind, original: item as unknown as Original<K>, slug: item.slug, title: item.title };
}

/** What stops this author changing what readers see of the original (and so its translations), or undefined. */
function lockOf<K extends TranslationKind>(db: Executor, now: Date, rights: ChangeRights, found: DeskOriginal<K>): Promise<PublicLock | undefined> {
  if (found.issue) return Promise.resolve(findIssueLock(found.issue, now, rights));
  return findPublicLock(db, now, rights, found.kind as ItemTarget, { id: found.original.id, slug: found.slug, title: found.title });
}

async function assertMayChange<K extends TranslationKind>(db: Executor, now: Date, rights: ChangeRights, found: DeskOriginal<K>): Promise<void> {
  if (found.issue) assertMayChangeIssue(found.issue, now, rights);
  else await assertMayChangePublic(db, now, rights, found.kind as ItemTarget, { id: found.original.id, slug: found.slug, title: found.title }, 'save');
}

/** The original, its German and Chinese translations with their states, and the lock for this author. */
export async function getDeskTranslations<K extends TranslationKind>(db: Executor, now: Date, rights: ChangeRights, kind: K, key: DeskKey): Promise<DeskTranslations<K>> {
  const found = await getDeskOriginal(db, kind, key);
  const [rows, lock] = await Promise.all([getTranslationsOfItem(db, kind, found.original.id), lockOf(db, now, rights, found)]);
  const de = rows.find((row) => row.language === 'de');
  const zh = rows.find((row) => row.language === 'zh');
  const states = { de: stateOf(kind, found.original, de), zh: stateOf(kind, found.original, zh) };
  const older = [de, zh].filter((row): row is Translation<K> => row !== undefined && states[row.language] === 'older');
  const since = older.map((row) => row.updatedAt).sort()[0];
  const changes = since === undefined ? [] : await listActivity(db, { subjectType: kind, subjectId: found.original.id, since, limit: 20 });
  return {
    ...found,
    translations: { ...(de ? { de } : {}), ...(zh ? { zh } : {}) },
    states,
    lock,
    changes: changes.filter((entry) => !/\.(un)?translate$/.test(entry.action)).slice(0, 10),
  };
}

/**
 * Saves a language's translation from the desk: checked (`Invalid` with a problem per field),
 * refused (`Forbidden`, nothing written) when readers see the original and `rights` may not
 * change what is public, logged as `<kind>.translate` when anything changed. A translation with
 * no text at all is refused: it would hide nothing and mark nothing as English (remove it instead).
 */
export async function saveDeskTranslation<K extends TranslationKind>(
  db: Database, clock: Clock, actor: Actor, rights: ChangeRights, kind: K, key: DeskKey,
  input: { readonly language: TranslationLanguage; readonly text: TextOf[K]; readonly body: string },
): Promise<{ found: DeskOriginal<K>; changed: boolean }> {
  const found = await getDeskOriginal(db, kind, key);
  if (input.body.trim() === '' && !hasText(input.text)) {
    throw new Invalid('the translation has problems; nothing was saved', [{ where: 'title', message: NOTHING_TRANSLATED }]);
  }
  const changed = await saveTranslation(db, clock, found.original, { kind, ...input }, {
    before: (trx) => assertMayChange(trx, clock.now(), rights, found),
    changed: (trx) => recordActivity(trx, clock, actor, `${kind}.translate`, subjectOf(found), detailOf(found, input.language)),
  });
  return { found, changed };
}

/** The log names issues and stories by slug, events, programs and reports by title (as their own entries do). */
function subjectOf(found: DeskOriginal<TranslationKind>) {
  return { type: found.kind, id: found.original.id, label: found.kind === 'issue' || found.kind === 'story' ? found.slug : found.title };
}

/** The language, and the slug where the label is the title: `de`, `zh (xceleration-days-2023)`. */
function detailOf(found: DeskOriginal<TranslationKind>, language: TranslationLanguage): string {
  return found.kind === 'issue' || found.kind === 'story' ? language : `${language} (${found.slug})`;
}

/** The problem of a translation without any text. */
export const NOTHING_TRANSLATED = 'a translation needs at least one translated text; to show the original, remove the translation';

/** Whether any text (however deep: a heading, a label, a finding) is given. */
function hasText(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(hasText);
  if (value && typeof value === 'object') return Object.values(value).some(hasText);
  return false;
}

/** Removes a language's translation, under the same rule; logged as `<kind>.untranslate`. Returns whether there was one. */
export async function removeDeskTranslation<K extends TranslationKind>(
  db: Database, clock: Clock, actor: Actor, rights: ChangeRights, kind: K, key: DeskKey, language: TranslationLanguage,
): Promise<{ found: DeskOriginal<K>; removed: boolean }> {
  const found = await getDeskOriginal(db, kind, key);
  const removed = await removeTranslation(db, clock, kind, found.original.id, language, {
    before: (trx) => assertMayChange(trx, clock.now(), rights, found),
    changed: (trx) => recordActivity(trx, clock, actor, `${kind}.untranslate`, subjectOf(found), detailOf(found, language)),
  });
  return { found, removed };
}

/** The German and Chinese states of stories on a desk list page (their bodies loaded in one query, the translations in one). */
export async function getStoryTranslationStates(db: Executor, ids: readonly number[]): Promise<Map<number, Record<TranslationLanguage, TranslationState>>> {
  const stories = await getStoriesByIds(db, ids);
  return getTranslationStates(db, 'story', [...stories.values()]);
}

/** The states of issues on the desk's list (their sections in two queries, the translations in one). */
export async function getIssueTranslationStates(db: Executor, issues: readonly Issue[]): Promise<Map<number, Record<TranslationLanguage, TranslationState>>> {
  const sections = await findSectionRefsOfIssues(db, issues.map((issue) => issue.id));
  return getTranslationStates(
    db,
    'issue',
    issues.map((issue) => ({ id: issue.id, issue: { title: issue.title, intro: issue.intro }, sections: sections.get(issue.id) ?? [] })),
  );
}

/** One item's German and Chinese states (its edit page's Translations box). */
export async function getItemTranslationStates(db: Executor, kind: TranslationKind, key: DeskKey): Promise<Record<TranslationLanguage, TranslationState>> {
  const { original } = await getDeskOriginal(db, kind, key);
  return (await getTranslationStates(db, kind, [original])).get(original.id)!;
}
