import type { ZodIssue } from 'zod';
import { joinBody, splitBody } from '../content/body.js';
import { parseMediaPath } from '../lib/media-urls.js';
import { markerLineProblems, normaliseLines } from '../content/draft-fields.js';
import { tooLong } from '../content/fields.js';
import type { Problem } from '../lib/errors.js';
import { SLUG } from '../lib/slug.js';
import { sourceSchema, STORY_LIMITS, storySchema } from './story.schema.js';
import { STORY_KINDS, type Source, type Story, type StoryDraft, type StoryInput, type StoryKind } from './stories.js';

// The desk's story form → a checked StoryInput, with the same rules as the content folder (slug
// pattern, one-line title, source fields, the members-only line). Problems name the form field
// they belong to (`slug`, `body`, `sources.1.url`). The lengths are the schema's (STORY_LIMITS).

function zodProblems(issues: readonly ZodIssue[], where: (key: string) => string): Problem[] {
  return issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const missing = issue.code === 'invalid_type' && issue.received === 'undefined';
    return { where: where(key), message: missing ? 'is required' : issue.message };
  });
}

/** Empty form fields mean "not given". */
function given(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Checks a draft without the database: every problem, each at its form field. Returns the
 * story input in canonical form (body as the exporter writes it) when there are none.
 */
export function checkStoryDraft(draft: StoryDraft): { input: StoryInput | undefined; problems: Problem[] } {
  const problems: Problem[] = [];
  const slug = draft.slug.trim();
  if (slug === '') problems.push({ where: 'slug', message: 'is required: lowercase letters, digits and single hyphens, e.g. china-56-new-unicorns-2023' });
  else if (!SLUG.test(slug)) problems.push({ where: 'slug', message: 'must be a slug: lowercase letters, digits and single hyphens (no spaces, no capitals)' });
  else if (slug.length > STORY_LIMITS.slug) problems.push({ where: 'slug', message: tooLong(STORY_LIMITS.slug) });

  const title = storySchema.shape.title.safeParse(draft.title);
  if (!title.success) problems.push(...zodProblems(title.error.issues, () => 'title'));

  const kind = (STORY_KINDS as readonly string[]).includes(draft.kind) ? (draft.kind as StoryKind) : undefined;
  if (!kind) problems.push({ where: 'kind', message: `choose one of ${STORY_KINDS.join(', ')}` });

  const body = normaliseLines(draft.body);
  if (body.trim() === '') problems.push({ where: 'body', message: 'is required: write at least the public teaser' });
  else if (body.length > STORY_LIMITS.body) problems.push({ where: 'body', message: tooLong(STORY_LIMITS.body) });
  problems.push(...markerLineProblems(body));

  const topics = [...new Set(draft.topics)];
  const sectors = [...new Set(draft.sectors)];
  for (const [field, list] of [['topics', topics], ['sectors', sectors]] as const) {
    for (const value of list) if (!SLUG.test(value)) problems.push({ where: field, message: `"${value}" is not a slug` });
  }

  const organizations = [...new Set(normaliseLines(draft.organizations).split('\n').map((line) => line.trim()).filter(Boolean))];
  organizations.forEach((name, index) => {
    if (name.length > STORY_LIMITS.organization) problems.push({ where: 'organizations', line: index + 1, message: tooLong(STORY_LIMITS.organization) });
  });

  const sources: Source[] = [];
  draft.sources.forEach((row, index) => {
    const fields = { author: given(row.author), title: given(row.title), outlet: given(row.outlet), published_on: given(row.publishedOn), url: given(row.url) };
    if (Object.values(fields).every((value) => value === undefined)) return;
    const parsed = sourceSchema.safeParse(fields);
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error.issues, (key) => `sources.${index}.${key}`));
      return;
    }
    const s = parsed.data;
    sources.push({ author: s.author ?? null, title: s.title ?? null, outlet: s.outlet, publishedOn: s.published_on ?? null, url: s.url ?? null });
  });
  if (sources.length > STORY_LIMITS.sources) problems.push({ where: 'sources', message: `at most ${STORY_LIMITS.sources} sources` });

  const lead = draft.leadImage?.trim();
  if (lead && !parseMediaPath(lead)) problems.push({ where: 'lead_image', message: 'choose an uploaded image (its address starts with /media/), or leave it empty' });

  if (problems.length > 0 || !title.success || !kind) return { input: undefined, problems };
  return {
    input: { slug, title: title.data, kind, body: joinBody(splitBody(body)), topics, sectors, organizations, sources, ...(draft.leadImage === undefined ? {} : { leadImage: lead || null }) },
    problems,
  };
}

/**
 * A story built from an unsaved draft, for the preview: lenient (invalid sources and unknown
 * kinds are left out or defaulted), plus the body's members-only line problems so the preview
 * can warn before saving.
 */
export function previewStoryDraft(draft: StoryDraft): { story: Story; bodyProblems: Problem[] } {
  const body = normaliseLines(draft.body);
  const kind = (STORY_KINDS as readonly string[]).includes(draft.kind) ? (draft.kind as StoryKind) : 'news';
  const sources: Source[] = draft.sources
    .filter((row) => row.outlet.trim() !== '')
    .map((row) => ({
      author: given(row.author) ?? null,
      title: given(row.title) ?? null,
      outlet: row.outlet.trim(),
      publishedOn: /^\d{4}-\d{2}-\d{2}$/.test(row.publishedOn.trim()) ? row.publishedOn.trim() : null,
      url: given(row.url) ?? null,
    }));
  return {
    story: {
      id: 0,
      slug: SLUG.test(draft.slug.trim()) ? draft.slug.trim() : 'preview',
      title: draft.title.trim() || 'Untitled story',
      kind,
      body: splitBody(body),
      topics: [],
      sectors: [],
      organizations: [],
      organizationTerms: [],
      sources,
      updatedAt: '',
      leadImage: null,
    },
    bodyProblems: markerLineProblems(body),
  };
}
