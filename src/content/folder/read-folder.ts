import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ZodError, ZodType } from 'zod';
import { compareText } from '../../lib/compare.js';
import type { Problem } from '../../lib/errors.js';
import { MEMBERS_ONLY_MARKER, findMarkerLines, findNearMissMarkerLines, joinBody, splitBody } from '../body.js';
import type { StoryInput } from '../stories.js';
import type { SectorInput, TopicInput } from '../taxonomy.queries.js';
import type { EventInput } from '../../events/events.js';
import { dayAfterToInstant, localTimeExists, localToInstant } from '../../events/event-time.js';
import type { ProgramInput } from '../../programs/programs.js';
import type { ReportInput } from '../../reports/reports.js';
import { ITEM_TARGETS, issueSlug, type IssueInput, type ItemRef } from '../../issues/issues.js';
import { parseFrontMatter, type FrontMatterFile } from './front-matter.js';
import {
  SLUG, eventSchema, issueSchema, programSchema, reportSchema, sectorSchema, storySchema, topicSchema,
} from './schemas.js';

/** Everything a content folder holds, as validated domain inputs. */
export interface ContentBundle {
  topics: TopicInput[];
  sectors: SectorInput[];
  stories: StoryInput[];
  events: EventInput[];
  programs: ProgramInput[];
  reports: ReportInput[];
  issues: IssueInput[];
}

/** A reference from one file to a slug of some kind, checked once the whole folder is read. */
export interface Reference {
  readonly kind: 'topic' | 'sector' | 'story' | 'event' | 'program' | 'report';
  readonly slug: string;
  readonly where: string;
  readonly line: number;
}

export const FOLDERS = ['topics', 'sectors', 'stories', 'events', 'programs', 'reports', 'issues'] as const;
export type Folder = (typeof FOLDERS)[number];

/** The result of reading a folder: inputs, references to check, and every problem found. */
export interface ReadResult {
  readonly bundle: ContentBundle;
  readonly references: readonly Reference[];
  readonly problems: readonly Problem[];
  readonly fileCount: number;
}

type Context = { where: string; file: FrontMatterFile; problems: Problem[]; references: Reference[] };

/** Reads and validates every file of a content folder; never stops at the first problem. */
export async function readContentFolder(dir: string, onFile?: (done: number, total: number) => void): Promise<ReadResult> {
  const problems: Problem[] = [];
  const references: Reference[] = [];
  const bundle: ContentBundle = { topics: [], sectors: [], stories: [], events: [], programs: [], reports: [], issues: [] };

  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return { bundle, references, problems: [{ where: dir, message: 'is not a readable folder' }], fileCount: 0 };
  }
  const files: { folder: Folder; name: string }[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || !entry.isDirectory()) continue;
    if (!(FOLDERS as readonly string[]).includes(entry.name)) {
      problems.push({ where: `${entry.name}/`, message: `unknown folder; expected one of ${FOLDERS.join(', ')}` });
      continue;
    }
    for (const name of (await readdir(join(dir, entry.name))).sort()) {
      if (name.startsWith('.')) continue;
      if (!name.endsWith('.md')) {
        problems.push({ where: `${entry.name}/${name}`, message: 'is not a .md file' });
        continue;
      }
      files.push({ folder: entry.name as Folder, name });
    }
  }
  files.sort((a, b) => FOLDERS.indexOf(a.folder) - FOLDERS.indexOf(b.folder) || compareText(a.name, b.name));

  for (const [index, { folder, name }] of files.entries()) {
    const where = `${folder}/${name}`;
    const slug = name.slice(0, -'.md'.length);
    const parsed = parseFrontMatter(await readFile(join(dir, folder, name), 'utf8'));
    onFile?.(index + 1, files.length);
    if ('problems' in parsed) {
      problems.push(...parsed.problems.map((p) => ({ where, line: p.line, message: p.message })));
      continue;
    }
    if (!SLUG.test(slug)) {
      problems.push({ where, line: 1, message: `file name "${slug}" must be a slug: lowercase letters, digits and single hyphens` });
      continue;
    }
    const context: Context = { where, file: parsed, problems, references };
    const read = readers[folder];
    read(context, slug, bundle);
  }
  return { bundle, references, problems, fileCount: files.length };
}

const readers: Record<Folder, (c: Context, slug: string, bundle: ContentBundle) => void> = {
  topics(c, slug, bundle) {
    const data = validate(c, topicSchema);
    if (!data) return;
    bundle.topics.push({ slug, name: data.name, description: publicBody(c), position: data.position });
  },
  sectors(c, slug, bundle) {
    const data = validate(c, sectorSchema);
    if (!data) return;
    bundle.sectors.push({ slug, name: data.name, description: publicBody(c) });
  },
  stories(c, slug, bundle) {
    const data = validate(c, storySchema);
    const body = memberBody(c);
    if (!data || body === undefined) return;
    refer(c, 'topic', data.topics ?? [], ['topics']);
    refer(c, 'sector', data.sectors ?? [], ['sectors']);
    bundle.stories.push({
      slug,
      title: data.title,
      kind: data.kind,
      body,
      topics: data.topics ?? [],
      sectors: data.sectors ?? [],
      organizations: data.organizations ?? [],
      sources: (data.sources ?? []).map((s) => ({
        author: s.author ?? null,
        title: s.title ?? null,
        outlet: s.outlet,
        publishedOn: s.published_on ?? null,
        url: s.url ?? null,
      })),
    });
  },
  events(c, slug, bundle) {
    const data = validate(c, eventSchema);
    const body = memberBody(c);
    if (!data || body === undefined) return;
    const allDay = !data.starts.includes('T');
    if (allDay !== !data.ends.includes('T')) {
      return problem(c, ['ends'], 'ends: must have the same form as starts, both dates (all-day) or both local times');
    }
    for (const key of ['starts', 'ends', 'registration_opens', 'registration_closes'] as const) {
      const local = data[key];
      if (local && !localTimeExists(local, data.time_zone)) {
        return problem(c, [key], `${key}: ${local} does not exist in ${data.time_zone} (the clocks skip that hour)`);
      }
    }
    const startsAt = localToInstant(data.starts, data.time_zone);
    const endsAt = allDay ? dayAfterToInstant(data.ends, data.time_zone) : localToInstant(data.ends, data.time_zone);
    if (allDay ? data.ends < data.starts : endsAt <= startsAt) {
      return problem(c, ['ends'], allDay ? 'ends: must not be before starts' : 'ends: must be after starts');
    }
    const opens = data.registration_opens ? localToInstant(data.registration_opens, data.time_zone) : null;
    const closes = data.registration_closes ? localToInstant(data.registration_closes, data.time_zone) : null;
    if (opens && closes && closes <= opens) return problem(c, ['registration_closes'], 'registration_closes: must be after registration_opens');
    refer(c, 'sector', data.sectors ?? [], ['sectors']);
    bundle.events.push({
      slug,
      title: data.title,
      body,
      startsAt,
      endsAt,
      timeZone: data.time_zone,
      allDay,
      venue: data.venue ?? null,
      address: data.address ?? null,
      city: data.city ?? null,
      online: data.online ?? false,
      onlineUrl: data.online_url ?? null,
      organiser: data.organiser,
      organiserName: data.organiser_name ?? null,
      url: data.url ?? null,
      capacity: data.capacity ?? null,
      registrationOpensAt: opens,
      registrationClosesAt: closes,
      sectors: data.sectors ?? [],
    });
  },
  programs(c, slug, bundle) {
    const data = validate(c, programSchema);
    const body = memberBody(c);
    if (!data || body === undefined) return;
    if (new Set(data.roles).size !== data.roles.length) return problem(c, ['roles'], 'roles: lists a role twice');
    bundle.programs.push({
      slug,
      title: data.title,
      body,
      roles: data.roles,
      registrationDeadline: data.registration_deadline ?? null,
      cohortStart: data.cohort_start ?? null,
      durationMonths: data.duration_months ?? null,
      timeZone: data.time_zone ?? 'Asia/Shanghai',
      contactName: data.contact_name ?? null,
      contactEmail: data.contact_email ?? null,
    });
  },
  reports(c, slug, bundle) {
    const data = validate(c, reportSchema);
    const body = memberBody(c);
    if (!data || body === undefined) return;
    const segments = new Map<string, number>();
    let ok = true;
    data.segments.forEach((segment, index) => {
      if (segments.has(segment.key)) ok = problem(c, ['segments', index, 'key'], `segments[${index}].key: "${segment.key}" is listed twice`);
      segments.set(segment.key, segment.respondents);
    });
    (data.findings ?? []).forEach((finding, index) => {
      const at = ['findings', index];
      const base = segments.get(finding.segment);
      if (base === undefined) ok = problem(c, [...at, 'segment'], `findings[${index}].segment: unknown segment "${finding.segment}"`);
      else if (finding.count > base) ok = problem(c, [...at, 'count'], `findings[${index}].count: ${finding.count} is more than the ${base} respondents of "${finding.segment}"`);
      if ((finding.compare_segment === undefined) !== (finding.compare_count === undefined)) {
        ok = problem(c, at, `findings[${index}]: give both compare_segment and compare_count, or neither`);
      } else if (finding.compare_segment !== undefined && finding.compare_count !== undefined) {
        const compareBase = segments.get(finding.compare_segment);
        if (compareBase === undefined) ok = problem(c, [...at, 'compare_segment'], `findings[${index}].compare_segment: unknown segment "${finding.compare_segment}"`);
        else if (finding.compare_count > compareBase) {
          ok = problem(c, [...at, 'compare_count'], `findings[${index}].compare_count: ${finding.compare_count} is more than the ${compareBase} respondents of "${finding.compare_segment}"`);
        }
      }
    });
    if (data.survey_start && data.survey_end && data.survey_end < data.survey_start) {
      ok = problem(c, ['survey_end'], 'survey_end: must not be before survey_start');
    }
    if (!ok) return;
    bundle.reports.push({
      slug,
      title: data.title,
      subtitle: data.subtitle ?? null,
      body,
      publisher: data.publisher ?? null,
      partner: data.partner ?? null,
      surveyStart: data.survey_start ?? null,
      surveyEnd: data.survey_end ?? null,
      segments: data.segments,
      findings: (data.findings ?? []).map((f) => ({
        title: f.title,
        statement: f.statement,
        segmentKey: f.segment,
        count: f.count,
        compareSegmentKey: f.compare_segment ?? null,
        compareCount: f.compare_count ?? null,
      })),
    });
  },
  issues(c, slug, bundle) {
    const data = validate(c, issueSchema);
    const intro = memberBody(c);
    if (!data || intro === undefined) return;
    let ok = true;
    if (slug !== issueSlug(data.year, data.season)) {
      ok = problem(c, ['season'], `season and year: an issue for ${data.season} ${data.year} must be in the file ${issueSlug(data.year, data.season)}.md`);
    }
    if (data.status !== 'draft' && !data.published_at) ok = problem(c, ['status'], `published_at: is required for a ${data.status} issue`);
    const sections = (data.sections ?? []).map((section, sectionIndex) => ({
      kind: section.kind,
      heading: section.heading,
      items: (section.items ?? []).flatMap((item, itemIndex): ItemRef[] => {
        const at = ['sections', sectionIndex, 'items', itemIndex];
        const targets = ITEM_TARGETS.filter((target) => item[target] !== undefined);
        if (targets.length !== 1) {
          ok = problem(c, at, `${pathName(at)}: needs exactly one of ${ITEM_TARGETS.join(', ')}`);
          return [];
        }
        const target = targets[0]!;
        const targetSlug = item[target]!;
        refer(c, target, [targetSlug], [...at, target]);
        return [{ label: item.label ?? null, target, slug: targetSlug }];
      }),
    }));
    if (!ok) return;
    bundle.issues.push({
      slug,
      title: data.title,
      season: data.season,
      year: data.year,
      intro,
      status: data.status,
      publishedAt: data.published_at ? new Date(data.published_at).toISOString() : null,
      sections,
    });
  },
};

function validate<T>(c: Context, schema: ZodType<T>): T | undefined {
  const result = schema.safeParse(c.file.data);
  if (result.success) return result.data;
  reportZodError(c, result.error);
  return undefined;
}

function reportZodError(c: Context, error: ZodError): void {
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problem(c, [...issue.path, key], `${pathName([...issue.path, key])}: unknown key`);
      continue;
    }
    const name = issue.path.length > 0 ? `${pathName(issue.path)}: ` : '';
    const message = issue.code === 'invalid_type' && issue.received === 'undefined' ? 'is required' : issue.message;
    problem(c, issue.path, `${name}${message}`);
  }
}

/** Records a problem at the line of a front matter path; returns false for `ok = problem(…)`. */
function problem(c: Context, path: readonly (string | number)[], message: string): false {
  c.problems.push({ where: c.where, line: c.file.lineOf(path), message });
  return false;
}

/** `sections[0].items[2].story`, the way a person finds a value in the file. */
function pathName(path: readonly (string | number | symbol)[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}

function refer(c: Context, kind: Reference['kind'], slugs: readonly string[], path: readonly (string | number)[]): void {
  slugs.forEach((slug, index) => {
    const at = slugs.length > 1 || path.at(-1) === 'topics' || path.at(-1) === 'sectors' ? [...path, index] : path;
    c.references.push({ kind, slug, where: c.where, line: c.file.lineOf(at) });
  });
}

/** The body of a file that may carry members-only text, in canonical form. */
function memberBody(c: Context): string | undefined {
  const markers = findMarkerLines(c.file.body);
  let ok = rejectNearMisses(c);
  if (markers.length > 1) {
    ok = false;
    c.problems.push({
      where: c.where,
      line: c.file.bodyLine + markers[1]!,
      message: 'a second members-only line; a body has at most one',
    });
  }
  return ok ? joinBody(splitBody(c.file.body)) : undefined;
}

/** The body of a file that is always public: a members-only line is an error there. */
function publicBody(c: Context): string {
  const [marker] = findMarkerLines(c.file.body);
  if (marker !== undefined) {
    c.problems.push({ where: c.where, line: c.file.bodyLine + marker, message: 'this kind of file is always public: remove the members-only line' });
  }
  rejectNearMisses(c);
  return c.file.body.trim();
}

/** A mistyped members-only line would publish everything below it: refuse the file instead. */
function rejectNearMisses(c: Context): boolean {
  const lines = findNearMissMarkerLines(c.file.body);
  for (const line of lines) {
    c.problems.push({
      where: c.where,
      line: c.file.bodyLine + line,
      message: `looks like a members-only line but is not exactly "${MEMBERS_ONLY_MARKER}" on a line of its own (HTML comments are not allowed in bodies)`,
    });
  }
  return lines.length === 0;
}
