import { FIELD_LIMITS, tooLong } from '../content/fields.js';
import { SETTINGS_LIMITS } from '../events/event.schema.js';
import { ISSUE_LIMITS } from '../issues/issue-editing.service.js';
import { ITEM_TARGETS, issueSlug, type ItemRef } from '../issues/issues.js';
import { STORY_LIMITS } from '../stories/story.schema.js';
import { dayAfterToInstant, localTimeExists, localToInstant } from '../lib/local-time.js';
import { parseQuestions } from '../events/registrations.js';
import type { ContentBundle, Folder } from './content-bundle.js';
import { memberBody, pathName, problem, publicBody, refer, referAll, validate, type Context } from './file-context.js';
import { eventSchema, issueSchema, organizationSchema, programSchema, sectorSchema, storySchema, topicSchema } from './schemas.js';
import { ORGANIZATION_LIMITS } from '../organizations/organization.schema.js';
import { readReport } from './report-reader.js';

// One reader per kind of file: validate the front matter, check what the schema cannot
// (ranges, references, cross-field rules, the desk's limits the shared schemas do not hold),
// and add the domain input to the bundle.

/** The reader for each folder of the content format. */
export const readers: Record<Folder, (c: Context, slug: string, bundle: ContentBundle) => void> = {
  topics(c, slug, bundle) {
    const data = validate(c, topicSchema);
    if (!data) return;
    bundle.topics.push({ slug, name: data.name, description: publicBody(c, FIELD_LIMITS.body), position: data.position });
  },
  sectors(c, slug, bundle) {
    const data = validate(c, sectorSchema);
    if (!data) return;
    bundle.sectors.push({ slug, name: data.name, description: publicBody(c, FIELD_LIMITS.body) });
  },
  innovators(c, slug, bundle) {
    const data = validate(c, organizationSchema);
    const body = memberBody(c, ORGANIZATION_LIMITS.body);
    if (!data || body === undefined) return;
    referAll(c, 'sector', data.sectors, 'sectors');
    const emails = (data.contacts ?? []).map((contact) => contact.email.trim().toLowerCase());
    const twice = emails.findIndex((address, index) => emails.indexOf(address) !== index);
    if (twice >= 0) return problem(c, ['contacts', twice, 'email'], `contacts: ${data.contacts![twice]!.email} is listed twice`);
    bundle.innovators.push({
      slug,
      name: data.name,
      nameZh: data.name_zh ?? null,
      country: data.country ?? null,
      kind: data.kind ?? null,
      city: data.city ?? null,
      foundedYear: data.founded ?? null,
      website: data.website ?? null,
      body,
      sectors: data.sectors ?? [],
      technologies: data.technologies ?? [],
      aliases: data.aliases ?? [],
      contacts: (data.contacts ?? []).map((contact) => ({ name: contact.name, role: contact.role ?? null, email: contact.email, language: contact.language ?? 'en', source: contact.source })),
    });
  },
  stories(c, slug, bundle) {
    const data = validate(c, storySchema);
    const body = memberBody(c, STORY_LIMITS.body);
    if (!data || body === undefined) return;
    referAll(c, 'topic', data.topics, 'topics');
    referAll(c, 'sector', data.sectors, 'sectors');
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
      leadImage: data.lead_image ?? null,
    });
  },
  events(c, slug, bundle) {
    const data = validate(c, eventSchema);
    const body = memberBody(c, FIELD_LIMITS.body);
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
    if (data.call_closes && !localTimeExists(data.call_closes, data.time_zone)) {
      return problem(c, ['call_closes'], `call_closes: ${data.call_closes} does not exist in ${data.time_zone} (the clocks skip that hour)`);
    }
    const questions = parseQuestions((data.registration_questions ?? []).join('\n'));
    if (questions.length !== (data.registration_questions ?? []).length || questions.some((question) => question.label === '')) {
      return problem(c, ['registration_questions'], 'registration_questions: every entry needs the question’s text');
    }
    if (new Set(questions.map((question) => question.label)).size !== questions.length) {
      return problem(c, ['registration_questions'], 'registration_questions: two questions have the same text');
    }
    let ok = true;
    questions.forEach((question, index) => {
      const at = ['registration_questions', index];
      if (question.label.length > SETTINGS_LIMITS.label) ok = problem(c, at, `${pathName(at)}: the question ${tooLong(SETTINGS_LIMITS.label)}`);
      if (question.choices.length > SETTINGS_LIMITS.choices) ok = problem(c, at, `${pathName(at)}: at most ${SETTINGS_LIMITS.choices} answers to choose from`);
    });
    if (!ok) return;
    if (data.call_for && new Set(data.call_for).size !== data.call_for.length) return problem(c, ['call_for'], 'call_for: lists a kind twice');
    bundle.eventSettings.push({
      slug,
      settings: {
        questions,
        waitlist: data.waitlist ?? true,
        callKinds: data.call_for ?? [],
        callClosesAt: data.call_closes ? localToInstant(data.call_closes, data.time_zone) : null,
        callIntro: data.call_intro ?? '',
      },
    });
    referAll(c, 'sector', data.sectors, 'sectors');
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
    const body = memberBody(c, FIELD_LIMITS.body);
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
  reports: readReport,
  issues(c, slug, bundle) {
    const data = validate(c, issueSchema);
    const intro = memberBody(c, ISSUE_LIMITS.intro);
    if (!data || intro === undefined) return;
    let ok = checkIssueLimits(c, data);
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
        refer(c, target, targetSlug, [...at, target]);
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
      leadImage: data.lead_image ?? null,
    });
  },
};

/** The desk's limits on an issue, or on its translation, that their schemas (shared with the desk's form) do not hold. */
export function checkIssueLimits(c: Context, data: { title?: string | undefined; sections?: readonly { heading?: string | undefined; items?: readonly { label?: string | undefined }[] | undefined }[] | undefined }): boolean {
  let ok = true;
  const longer = (path: (string | number)[], value: string | undefined, max: number) => {
    if (value !== undefined && value.length > max) ok = problem(c, path, `${pathName(path)}: ${tooLong(max)}`);
  };
  longer(['title'], data.title, ISSUE_LIMITS.title);
  const sections = data.sections ?? [];
  if (sections.length > ISSUE_LIMITS.sections) ok = problem(c, ['sections'], `sections: an issue has at most ${ISSUE_LIMITS.sections} sections`);
  sections.forEach((section, s) => {
    longer(['sections', s, 'heading'], section.heading, ISSUE_LIMITS.heading);
    const items = section.items ?? [];
    if (items.length > ISSUE_LIMITS.items) ok = problem(c, ['sections', s, 'items'], `sections[${s}].items: a section has at most ${ISSUE_LIMITS.items} items`);
    items.forEach((item, i) => longer(['sections', s, 'items', i, 'label'], item.label, ISSUE_LIMITS.label));
  });
  return ok;
}
