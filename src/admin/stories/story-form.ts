import { z } from 'zod';
import { joinBody } from '../../content/body.js';
import type { SourceDraft, Story, StoryDraft } from '../../stories/stories.js';
import { manyValues } from '../forms.js';

// The story form as the browser sends it (urlencoded), read into a draft the content service
// validates. Source rows are fields named like the content format's keys: `sources.0.outlet`.
// The row buttons (move up, move down, remove, add rows) only rearrange the form: nothing is
// saved until Save.

/** A urlencoded body: each field once (string) or repeated (array). */
export const formBody = z.record(z.union([z.string(), z.array(z.string())])).catch({});
export type FormBody = z.infer<typeof formBody>;

/** The first value of a field, or ''. */
export function field(body: FormBody, name: string): string {
  const value = body[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export const SOURCE_FIELDS = ['author', 'title', 'outlet', 'published_on', 'url'] as const;
const SOURCE_KEY = /^sources\.(\d{1,3})\.(author|title|outlet|published_on|url)$/;
/** More rows than this in one form are ignored (a story has at most 50 sources). */
const MAX_ROWS = 60;
/** How many rows "Add more rows" adds, and how many blank ones a form starts with. */
export const BLANK_ROWS = 3;

export const BLANK_SOURCE: SourceDraft = { author: '', title: '', outlet: '', publishedOn: '', url: '' };

export type StoryOp =
  | { readonly kind: 'save' }
  | { readonly kind: 'preview' }
  | { readonly kind: 'add-rows' }
  | { readonly kind: 'move'; readonly index: number; readonly by: -1 | 1 }
  | { readonly kind: 'remove'; readonly index: number };

/** What a story form submit holds: the draft, the version it was opened at, and which button. */
export interface StoryForm {
  readonly draft: StoryDraft;
  /** `updated_at` of the story when the form was opened ('' for a new story). */
  readonly version: string;
  readonly op: StoryOp;
}

function parseOp(value: string): StoryOp {
  if (value === 'preview') return { kind: 'preview' };
  if (value === 'add-rows') return { kind: 'add-rows' };
  const row = /^source-(up|down|remove):(\d{1,3})$/.exec(value);
  if (row) {
    const index = Number(row[2]);
    return row[1] === 'remove' ? { kind: 'remove', index } : { kind: 'move', index, by: row[1] === 'up' ? -1 : 1 };
  }
  return { kind: 'save' };
}

/** Reads a submitted story form. Unknown fields are ignored; missing ones are blank. */
export function readStoryForm(raw: unknown): StoryForm {
  const body = formBody.parse(raw ?? {});
  const rows = new Map<number, Record<string, string>>();
  for (const [key, value] of Object.entries(body)) {
    const match = SOURCE_KEY.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    if (index >= MAX_ROWS) continue;
    const row = rows.get(index) ?? {};
    row[match[2]!] = (Array.isArray(value) ? value[0] : value) ?? '';
    rows.set(index, row);
  }
  const sources = [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]): SourceDraft => ({
      author: row.author ?? '',
      title: row.title ?? '',
      outlet: row.outlet ?? '',
      publishedOn: row.published_on ?? '',
      url: row.url ?? '',
    }));
  return {
    draft: {
      slug: field(body, 'slug'),
      title: field(body, 'title'),
      kind: field(body, 'kind'),
      body: field(body, 'body'),
      topics: manyValues(body.topics),
      sectors: manyValues(body.sectors),
      organizations: field(body, 'organizations'),
      sources,
      leadImage: field(body, 'lead_image'),
    },
    version: field(body, 'version'),
    op: parseOp(field(body, 'op')),
  };
}

/** Applies a row button to the draft (nothing is saved). */
export function applyStoryOp(draft: StoryDraft, op: StoryOp): StoryDraft {
  const sources = [...draft.sources];
  switch (op.kind) {
    case 'add-rows':
      return { ...draft, sources: [...sources, ...Array.from({ length: BLANK_ROWS }, () => BLANK_SOURCE)].slice(0, MAX_ROWS) };
    case 'remove':
      if (op.index < sources.length) sources.splice(op.index, 1);
      return { ...draft, sources: sources.length > 0 ? sources : [BLANK_SOURCE] };
    case 'move': {
      const to = op.index + op.by;
      if (op.index < sources.length && to >= 0 && to < sources.length) [sources[op.index], sources[to]] = [sources[to]!, sources[op.index]!];
      return { ...draft, sources };
    }
    default:
      return draft;
  }
}

/** The form's values for a saved story, with blank source rows to fill in. */
export function draftOfStory(story: Story): StoryDraft {
  return {
    slug: story.slug,
    title: story.title,
    kind: story.kind,
    body: joinBody(story.body),
    topics: story.topics.map((t) => t.slug),
    sectors: story.sectors.map((s) => s.slug),
    organizations: story.organizations.join('\n'),
    leadImage: story.leadImage?.path ?? '',
    sources: [
      ...story.sources.map((s) => ({ author: s.author ?? '', title: s.title ?? '', outlet: s.outlet, publishedOn: s.publishedOn ?? '', url: s.url ?? '' })),
      ...Array.from({ length: story.sources.length > 0 ? 1 : BLANK_ROWS }, () => BLANK_SOURCE),
    ],
  };
}

/** An empty form for a new story. */
export function emptyStoryDraft(): StoryDraft {
  return {
    slug: '',
    title: '',
    kind: 'news',
    body: '',
    topics: [],
    sectors: [],
    organizations: '',
    sources: Array.from({ length: BLANK_ROWS }, () => BLANK_SOURCE),
  };
}
