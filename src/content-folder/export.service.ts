import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Executor } from '../db/database.js';
import { compareText } from '../lib/compare.js';
import { Invalid } from '../lib/errors.js';
import { joinBody } from '../content/body.js';
import { getAllStories } from '../stories/stories.service.js';
import { listProfileInputs } from '../organizations/organizations.service.js';
import { getSectors, getTopics } from '../content/taxonomy.service.js';
import { getAllEvents } from '../events/events.service.js';
import { getSettingsOfEvents } from '../events/event-settings.service.js';
import { DEFAULT_SETTINGS, formatQuestions } from '../events/registrations.js';
import { instantToLocal, instantToLocalDate, lastDayOf } from '../lib/local-time.js';
import { getAllPrograms } from '../programs/programs.service.js';
import { getAllReports, getResponses } from '../reports/reports.service.js';
import { formatResponsesCsv } from '../reports/responses-csv.js';
import { isResponseFinding } from '../reports/reports.js';
import { listAllIssues, loadIssue } from '../issues/issues.service.js';
import { getAllTranslations } from '../translations/translations.service.js';
import { frontFromText } from '../translations/translation.schema.js';
import type { TranslationKind } from '../translations/translations.js';
import type { FOLDERS } from './read-folder.js';
import { getSavedSettings } from '../settings/settings.service.js';
import { SETTINGS_FILE, settingsFront } from './settings-file.js';
import { exportMedia } from '../media/media.service.js';
import { MEDIA_FOLDER } from './media-folder.js';

/** One file of a content folder, as text. */
export interface ContentFile {
  readonly path: string;
  readonly text: string;
}

/**
 * Writes the whole database as a content folder (docs/content-format.md) into `dir`, which must
 * be empty or not exist. Output is canonical: export → import → export is byte-identical.
 */
export async function exportContent(db: Executor, dir: string, options: { mediaDir?: string } = {}): Promise<number> {
  const existing = await readdir(dir).catch(() => []);
  if (existing.length > 0) throw new Invalid(`${dir} is not empty; export into a new or empty folder`);
  const files = await renderContentFiles(db);
  for (const file of files) {
    await mkdir(join(dir, file.path, '..'), { recursive: true });
    await writeFile(join(dir, file.path), file.text, 'utf8');
  }
  // Images: each master beside its texts (docs/media.md); bodies name them by relative path.
  const images = options.mediaDir ? await exportMedia(db, options.mediaDir) : [];
  if (images.length > 0) await mkdir(join(dir, MEDIA_FOLDER), { recursive: true });
  for (const { item, master } of images) {
    await writeFile(join(dir, MEDIA_FOLDER, `${item.hash}.${item.ext}`), master);
    await writeFile(join(dir, MEDIA_FOLDER, `${item.hash}.md`), formatFile({ alt: item.alt, caption: item.caption || null, credit: item.credit || null }, ''), 'utf8');
  }
  return files.length + images.length * 2;
}

/** A served media path as the content folder writes it: relative to a file one folder deep. */
function relativeMedia(text: string): string {
  return text.replace(/\/media\/([0-9a-f]{16})-\d{1,4}\.(jpg|png)/g, '../media/$1.$2');
}

/** Every file of the export, in folder order. */
export async function renderContentFiles(db: Executor): Promise<ContentFile[]> {
  const files: ContentFile[] = [];
  const add = (folder: (typeof FOLDERS)[number], slug: string, front: Record<string, unknown>, body: string) =>
    files.push({ path: `${folder}/${slug}.md`, text: formatFile(front, body) });

  for (const topic of await getTopics(db)) add('topics', topic.slug, { name: topic.name, position: topic.position }, topic.description);
  for (const sector of await getSectors(db)) add('sectors', sector.slug, { name: sector.name }, sector.description);
  for (const profile of await listProfileInputs(db)) {
    add('innovators', profile.slug, {
      name: profile.name, name_zh: profile.nameZh, country: profile.country, kind: profile.kind, city: profile.city, founded: profile.foundedYear,
      website: profile.website, sectors: profile.sectors, technologies: profile.technologies, aliases: profile.aliases,
      contacts: profile.contacts.map((c) => ({ name: c.name, role: c.role, email: c.email, language: c.language, source: c.source })),
    }, profile.body);
  }
  // Each kind's slugs by id, for the translations written beside their originals at the end.
  const slugs = new Map<TranslationKind, Map<number, string>>();
  const named = <T extends { id: number; slug: string }>(kind: TranslationKind, items: readonly T[]): readonly T[] => {
    slugs.set(kind, new Map(items.map((item) => [item.id, item.slug])));
    return items;
  };
  for (const story of named('story', await getAllStories(db))) {
    add(
      'stories',
      story.slug,
      {
        title: story.title,
        kind: story.kind,
        topics: story.topics.map((t) => t.slug),
        sectors: story.sectors.map((s) => s.slug),
        organizations: story.organizations,
        sources: story.sources.map((s) => ({
          author: s.author,
          title: s.title,
          outlet: s.outlet,
          published_on: s.publishedOn,
          url: s.url,
        })),
        lead_image: story.leadImage ? relativeMedia(story.leadImage.path) : null,
      },
      relativeMedia(joinBody(story.body)),
    );
  }
  const events = named('event', await getAllEvents(db));
  const settingsOf = await getSettingsOfEvents(db, events.map((event) => event.id));
  for (const event of events) {
    const local = (instant: string | null) => (instant ? instantToLocal(instant, event.timeZone) : null);
    const settings = settingsOf.get(event.id) ?? DEFAULT_SETTINGS;
    add(
      'events',
      event.slug,
      {
        title: event.title,
        starts: event.allDay ? instantToLocalDate(event.startsAt, event.timeZone) : local(event.startsAt),
        ends: event.allDay ? lastDayOf(event.endsAt, event.timeZone) : local(event.endsAt),
        time_zone: event.timeZone,
        venue: event.venue,
        address: event.address,
        city: event.city,
        online: event.online ? true : null,
        online_url: event.onlineUrl,
        organiser: event.organiser,
        organiser_name: event.organiserName,
        url: event.url,
        capacity: event.capacity,
        registration_opens: local(event.registrationOpensAt),
        registration_closes: local(event.registrationClosesAt),
        sectors: event.sectors.map((s) => s.slug),
        registration_questions: settings.questions.length > 0 ? formatQuestions(settings.questions).split('\n') : null,
        waitlist: settings.waitlist ? null : false,
        call_for: settings.callKinds.length > 0 ? settings.callKinds : null,
        call_closes: local(settings.callClosesAt),
        call_intro: settings.callIntro || null,
      },
      joinBody(event.body),
    );
  }
  for (const program of named('program', await getAllPrograms(db))) {
    add(
      'programs',
      program.slug,
      {
        title: program.title,
        roles: program.roles,
        registration_deadline: program.registrationDeadline,
        cohort_start: program.cohortStart,
        duration_months: program.durationMonths,
        time_zone: program.timeZone,
        contact_name: program.contactName,
        contact_email: program.contactEmail,
      },
      joinBody(program.body),
    );
  }
  for (const report of named('report', await getAllReports(db))) {
    add(
      'reports',
      report.slug,
      {
        title: report.title,
        subtitle: report.subtitle,
        publisher: report.publisher,
        partner: report.partner,
        survey_start: report.surveyStart,
        survey_end: report.surveyEnd,
        // A report computed from responses counts its segments' respondents; only their names are written.
        segments: report.segments.map((s) => (report.survey ? { key: s.key, name: s.name } : { key: s.key, name: s.name, respondents: s.respondents })),
        segment_columns: report.survey?.segmentColumns,
        collect_until: report.survey?.collectUntil,
        questions: report.survey?.questions.map((q) => ({ key: q.key, text: q.text, kind: q.kind, answers: q.answers.map((a) => ({ code: a.code, text: a.text })) })),
        findings: report.findings.map((f) =>
          isResponseFinding(f)
            ? {
                title: f.title,
                statement: f.statement,
                segment: { column: f.segmentColumn, value: f.segmentValue },
                question: f.questionKey,
                answers: [...f.answerCodes],
                members_only: f.membersOnly ? true : undefined,
              }
            : {
                title: f.title,
                statement: f.statement,
                segment: f.segmentKey,
                count: f.count,
                compare_segment: f.compareSegmentKey,
                compare_count: f.compareCount,
              },
        ),
      },
      joinBody(report.body),
    );
    // Its responses beside it, in the format the import reads (docs/reports.md).
    if (report.survey && report.respondents > 0) {
      files.push({ path: `reports/${report.slug}.responses.csv`, text: formatResponsesCsv(report.survey, await getResponses(db, report.id)) });
    }
  }
  for (const issue of named('issue', [...(await listAllIssues(db))].sort((a, b) => compareText(a.slug, b.slug)))) {
    const loaded = await loadIssue(db, issue);
    add(
      'issues',
      issue.slug,
      {
        title: issue.title,
        season: issue.season,
        year: issue.year,
        status: issue.status,
        published_at: issue.publishedAt ? issue.publishedAt.replace(/\.000Z$/, 'Z') : null,
        lead_image: loaded.leadImage ? relativeMedia(loaded.leadImage.path) : null,
        sections: loaded.sections.map((section) => ({
          kind: section.kind,
          heading: section.heading,
          items: section.items.map((item) => {
            const slug =
              item.target === 'story' ? item.story.slug
              : item.target === 'event' ? item.event.slug
              : item.target === 'program' ? item.program.slug
              : item.report.slug;
            return { label: item.label, [item.target]: slug };
          }),
        })),
      },
      joinBody(issue.intro),
    );
  }
  const folderOf = { story: 'stories', event: 'events', program: 'programs', report: 'reports', issue: 'issues' } as const;
  const translations = (await getAllTranslations(db))
    .map((translation) => ({ translation, path: `${folderOf[translation.kind]}/${slugs.get(translation.kind)!.get(translation.itemId)!}.${translation.language}.md` }))
    .sort((a, b) => compareText(a.path, b.path));
  for (const { translation, path } of translations) {
    files.push({ path, text: formatFile(frontFromText(translation.kind, translation.text), joinBody(translation.body)) });
  }
  // The site settings saved in the desk, last (the environment's stay in the environment).
  const settings = settingsFront(await getSavedSettings(db));
  if (settings) files.push({ path: SETTINGS_FILE, text: formatFile(settings, '') });
  return files;
}

/** `---`, the front matter without empty values, `---`, the body, one final newline. */
export function formatFile(front: Record<string, unknown>, bodyText: string): string {
  const yaml = stringify(prune(front), { lineWidth: 0, version: '1.2' });
  const text = bodyText.trim();
  return `---\n${yaml}---\n${text === '' ? '' : `${text}\n`}`;
}

/** Drops null, undefined and empty lists, recursively, so optional keys stay out of files. */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner === null || inner === undefined || (Array.isArray(inner) && inner.length === 0 && key !== 'items')) continue;
      out[key] = prune(inner);
    }
    return out;
  }
  return value;
}
