import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { Database, Executor } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, Invalid, NotFound, type Problem } from '../lib/errors.js';
import { filterFromForm, sendsBackOf, type SegmentFilter } from './criteria.js';
import { countMatching, findSectorValues, findSegment, findSegmentBySlug, findSegments, insertSegment, markSegmentDeleted, sampleMatching, updateSegmentRow } from './segments.queries.js';
import { SEGMENT_LIMITS, type Segment, type SegmentPreview } from './segments.js';

// Segments: saved filters over contacts (criteria.ts). The desk previews a filter's count and a
// sample before saving; a filter that matches nobody may be saved (it says 0), but a send to it is
// refused (delivery/engine/deliveries.service.ts).

export { filterCondition, filterFromForm, filterToForm, CRITERIA, CRITERION_KEYS, MAX_SENDS_BACK, SEGMENT_EDITIONS, SEGMENT_MEMBERSHIPS } from './criteria.js';
export type { SegmentFilter } from './criteria.js';

/** How many contacts the form's sample shows. */
export const SAMPLE_SIZE = 10;

/** What the segment form sends: name, slug and the criteria's fields (lists of strings). */
export interface SegmentForm {
  readonly name: string;
  readonly slug: string;
  readonly fields: Readonly<Record<string, readonly string[]>>;
}

/** What a valid form holds. */
export interface SegmentInput {
  readonly name: string;
  readonly slug: string;
  readonly filter: SegmentFilter;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Problem messages are catalog keys (`deskAudiences.problem.*`): the desk shows them in the staff member's language. */
export function parseSegmentForm(form: SegmentForm): SegmentInput {
  const name = form.name.trim();
  const slug = form.slug.trim().toLowerCase();
  const problems: Problem[] = [];
  if (name === '') problems.push({ where: 'name', message: 'deskAudiences.problem.nameMissing' });
  else if (name.length > SEGMENT_LIMITS.name) problems.push({ where: 'name', message: 'deskAudiences.problem.nameLong' });
  if (!SLUG.test(slug) || slug.length > SEGMENT_LIMITS.slug) problems.push({ where: 'slug', message: 'deskAudiences.problem.slug' });
  const sendsBack = form.fields.clickedInLastSends ?? [];
  if ((sendsBack[0] ?? '').trim() !== '' && sendsBackOf(sendsBack) === undefined) problems.push({ where: 'clickedInLastSends', message: 'deskAudiences.problem.sendsBack' });
  if (problems.length > 0) throw new Invalid('deskAudiences.problem.notSaved', problems);
  return { name, slug, filter: filterFromForm(form.fields) };
}

/** Segments not deleted, by name. */
export function listSegments(db: Executor): Promise<Segment[]> {
  return findSegments(db);
}

/** One segment (also a deleted one); NotFound when there is none. */
export async function getSegment(db: Executor, id: number): Promise<Segment> {
  const segment = await findSegment(db, id);
  if (!segment) throw new NotFound(`there is no segment #${id}`);
  return segment;
}

/** A segment not deleted, by its slug (the CLI's `--segment`); NotFound when there is none. */
export async function getSegmentBySlug(db: Executor, slug: string): Promise<Segment> {
  const segment = await findSegmentBySlug(db, slug);
  if (!segment) throw new NotFound(`there is no segment "${slug}"`);
  return segment;
}

/** The count (per edition) and a sample of the contacts a filter matches now. */
export async function previewSegment(db: Executor, filter: SegmentFilter, sampleSize = SAMPLE_SIZE): Promise<SegmentPreview> {
  const [counts, sample] = await Promise.all([countMatching(db, filter), sampleSize > 0 ? sampleMatching(db, filter, sampleSize) : Promise.resolve([])]);
  return { ...counts, total: counts.full + counts.teaser, sample };
}

/** The sectors companies name, for the form's choices. */
export function listSectorValues(db: Executor): Promise<string[]> {
  return findSectorValues(db);
}

function slugTaken(slug: string): Invalid {
  return new Invalid('deskAudiences.problem.notSaved', [{ where: 'slug', message: 'deskAudiences.problem.slugTaken' }]);
}

/** Saves a new segment (a filter that matches nobody may be saved); activity `segment.create`. */
export async function createSegment(db: Database, clock: Clock, input: SegmentInput, actor: Actor): Promise<Segment> {
  try {
    const id = await db.transaction().execute(async (trx) => {
      if (await findSegmentBySlug(trx, input.slug)) throw slugTaken(input.slug);
      const now = clock.now().toISOString();
      const id = await insertSegment(trx, { ...input, createdBy: actor.label, now });
      await recordActivity(trx, clock, actor, 'segment.create', { type: 'segment', id, label: input.slug }, JSON.stringify(input.filter));
      return id;
    });
    return getSegment(db, id);
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(input.slug);
    throw error;
  }
}

/** Changes a segment; activity `segment.update`. */
export async function updateSegment(db: Database, clock: Clock, id: number, input: SegmentInput, actor: Actor): Promise<Segment> {
  try {
    await db.transaction().execute(async (trx) => {
      const other = await findSegmentBySlug(trx, input.slug);
      if (other && other.id !== id) throw slugTaken(input.slug);
      if (!(await updateSegmentRow(trx, id, { ...input, now: clock.now().toISOString() }))) throw new NotFound(`there is no segment #${id}`);
      await recordActivity(trx, clock, actor, 'segment.update', { type: 'segment', id, label: input.slug }, JSON.stringify(input.filter));
    });
    return getSegment(db, id);
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(input.slug);
    throw error;
  }
}

/** Deletes (hides) a segment; sends already made to it keep naming it. Activity `segment.delete`. */
export async function deleteSegment(db: Database, clock: Clock, id: number, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const segment = await findSegment(trx, id);
    if (!segment || segment.deletedAt) throw new NotFound(`there is no segment #${id}`);
    if (!(await markSegmentDeleted(trx, id, clock.now().toISOString()))) throw new Conflict(`segment #${id} was deleted meanwhile`);
    await recordActivity(trx, clock, actor, 'segment.delete', { type: 'segment', id, label: segment.slug });
  });
}
