import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/database.js';
import { LANGUAGES } from '../i18n/languages.js';

// The criteria a segment filters contacts by. Each criterion is one entry of CRITERIA: how it
// reads from the desk's form, how it is stored (the filter's JSON key) and the condition it adds
// to the audience query. Criteria combine with AND; the values of one criterion with OR; a
// criterion left empty does not filter. A new criterion (e.g. "clicked in the last N sends") is
// one more entry here and one more fieldset on the form.

/** The query a criterion's condition runs in: contacts left-joined with their company. */
export type AudienceBuilder = ExpressionBuilder<DB, 'contacts' | 'companies'>;

/** Memberships a segment can pick: a company's membership, or no company at all. */
export const SEGMENT_MEMBERSHIPS = ['active', 'lapsed', 'none'] as const;

/** The edition criterion: members (the full edition's audience) or public subscribers (the teaser's). */
export const SEGMENT_EDITIONS = ['full', 'teaser'] as const;

/** How far back the engagement criterion may look, in sends (a year of weekly sends). */
export const MAX_SENDS_BACK = 52;

/** The engagement criterion's form value: a whole number of sends from 1 to MAX_SENDS_BACK, or undefined. */
export function sendsBackOf(values: readonly string[]): number | undefined {
  const text = (values[0] ?? '').trim();
  if (!/^\d{1,3}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= MAX_SENDS_BACK ? n : undefined;
}

const ids = z.array(z.number().int().positive()).max(500);

/** The stored filter (the `segments.filter` JSON). Every key is optional: absent means "anyone". */
export const segmentFilterSchema = z
  .object({
    edition: z.enum(SEGMENT_EDITIONS),
    companies: ids,
    sectors: z.array(z.string().min(1).max(200)).max(200),
    memberships: z.array(z.enum(SEGMENT_MEMBERSHIPS)).max(SEGMENT_MEMBERSHIPS.length),
    languages: z.array(z.enum(LANGUAGES)).max(LANGUAGES.length),
    /** Topic slugs. */
    topics: z.array(z.string().regex(/^[a-z0-9-]{1,100}$/)).max(200),
    /** Engagement: a human click (recorded per contact, so only with the engagement-tracking consent) in one of the site's last N real sends. */
    clickedInLastSends: z.number().int().min(1).max(MAX_SENDS_BACK),
  })
  .partial();

export type SegmentFilter = z.infer<typeof segmentFilterSchema>;

/** One criterion: its form field and the condition it adds. */
interface Criterion<K extends keyof SegmentFilter> {
  readonly key: K;
  /** The value from the form's fields (strings, or lists of strings), or undefined when left empty. */
  fromForm(values: readonly string[]): SegmentFilter[K] | undefined;
  /** The value as form fields, to re-render the form. */
  toForm(value: NonNullable<SegmentFilter[K]>): string[];
  /** The condition on a contact (and its company). */
  where(eb: AudienceBuilder, value: NonNullable<SegmentFilter[K]>): Expression<SqlBool>;
}

function idsOf(values: readonly string[]): number[] | undefined {
  const list = [...new Set(values.map(Number).filter((n) => Number.isInteger(n) && n > 0))];
  return list.length > 0 ? list : undefined;
}

function choicesOf<T extends string>(values: readonly string[], allowed: readonly T[]): T[] | undefined {
  const list = allowed.filter((value) => values.includes(value));
  return list.length > 0 ? list : undefined;
}

const edition: Criterion<'edition'> = {
  key: 'edition',
  fromForm: (values) => SEGMENT_EDITIONS.find((value) => values.includes(value)),
  toForm: (value) => [value],
  where: (eb, value) =>
    value === 'full' ? eb('companies.membership', '=', 'active') : eb.or([eb('companies.membership', 'is', null), eb('companies.membership', '!=', 'active')]),
};

const companies: Criterion<'companies'> = {
  key: 'companies',
  fromForm: idsOf,
  toForm: (value) => value.map(String),
  where: (eb, value) => eb('contacts.company_id', 'in', value),
};

const sectors: Criterion<'sectors'> = {
  key: 'sectors',
  fromForm: (values) => {
    const list = [...new Set(values.map((value) => value.trim()).filter((value) => value.length > 0 && value.length <= 200))];
    return list.length > 0 ? list : undefined;
  },
  toForm: (value) => [...value],
  where: (eb, value) => eb('companies.industry', 'in', value),
};

const memberships: Criterion<'memberships'> = {
  key: 'memberships',
  fromForm: (values) => choicesOf(values, SEGMENT_MEMBERSHIPS),
  toForm: (value) => [...value],
  where: (eb, value) => {
    const named = value.filter((membership) => membership !== 'none') as ('active' | 'lapsed')[];
    return eb.or([...(named.length > 0 ? [eb('companies.membership', 'in', named)] : []), ...(value.includes('none') ? [eb('contacts.company_id', 'is', null)] : [])]);
  },
};

const languages: Criterion<'languages'> = {
  key: 'languages',
  fromForm: (values) => choicesOf(values, LANGUAGES),
  toForm: (value) => [...value],
  where: (eb, value) => eb('contacts.language', 'in', value),
};

const topics: Criterion<'topics'> = {
  key: 'topics',
  fromForm: (values) => {
    const list = [...new Set(values.map((value) => value.trim()).filter((value) => /^[a-z0-9-]{1,100}$/.test(value)))];
    return list.length > 0 ? list : undefined;
  },
  toForm: (value) => [...value],
  // A contact who follows none means "all topics" (docs/members.md), but a segment by topic
  // means the people who chose it: only explicit choices count.
  where: (eb, value) =>
    eb.exists(
      eb.selectFrom('contact_topics').innerJoin('topics', 'topics.id', 'contact_topics.topic_id').select('contact_topics.topic_id').whereRef('contact_topics.contact_id', '=', 'contacts.id').where('topics.slug', 'in', value),
    ),
};

const clickedInLastSends: Criterion<'clickedInLastSends'> = {
  key: 'clickedInLastSends',
  fromForm: sendsBackOf,
  toForm: (value) => [String(value)],
  // Per-contact clicks exist only for contacts who gave the "engagement tracking" consent (engagement/),
  // so nobody else ever matches; the machine clicks were never written there.
  where: (eb, value) =>
    eb.exists(
      eb
        .selectFrom('contact_clicks')
        .select('contact_clicks.id')
        .whereRef('contact_clicks.contact_id', '=', 'contacts.id')
        .where('contact_clicks.delivery_id', 'in', eb.selectFrom('deliveries').select('deliveries.id').where('deliveries.kind', '=', 'send').orderBy('deliveries.id', 'desc').limit(value)),
    ),
};

/** Every criterion, in the order the form shows them. */
export const CRITERIA = [edition, companies, sectors, memberships, languages, topics, clickedInLastSends] as const;

/** The form field names of the criteria (the filter's keys). */
export const CRITERION_KEYS = CRITERIA.map((criterion) => criterion.key);

/** Reads a filter from form fields (each a list of strings; absent or empty: that criterion does not filter). */
export function filterFromForm(fields: Readonly<Record<string, readonly string[]>>): SegmentFilter {
  const filter: Record<string, unknown> = {};
  for (const criterion of CRITERIA) {
    const value = (criterion as Criterion<keyof SegmentFilter>).fromForm(fields[criterion.key] ?? []);
    if (value !== undefined) filter[criterion.key] = value;
  }
  return segmentFilterSchema.parse(filter);
}

/** A filter as form fields (what the form re-renders with). */
export function filterToForm(filter: SegmentFilter): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const criterion of CRITERIA) {
    const value = filter[criterion.key];
    fields[criterion.key] = value === undefined ? [] : (criterion as Criterion<keyof SegmentFilter>).toForm(value as never);
  }
  return fields;
}

/** The condition a filter puts on contacts (left-joined with companies): all its criteria. */
export function filterCondition(eb: AudienceBuilder, filter: SegmentFilter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  for (const criterion of CRITERIA) {
    const value = filter[criterion.key];
    if (value !== undefined) parts.push((criterion as Criterion<keyof SegmentFilter>).where(eb, value as never));
  }
  return eb.and(parts);
}

/** Reads a stored filter (JSON); an unreadable one matches nobody rather than everyone. */
export function parseStoredFilter(json: string): SegmentFilter | null {
  try {
    const parsed = segmentFilterSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
