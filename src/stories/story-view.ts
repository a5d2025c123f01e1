import { viewBody, type Audience, type BodyView } from '../content/audience.js';
import { formatDate } from '../lib/local-time.js';
import { safeHref } from '../lib/markdown.js';
import type { Source, Story } from './stories.js';

// A story as an audience may see it: the web edition, the email editions and the desk's
// preview all render this view.

export const STORY_KIND_LABELS: Record<Story['kind'], string | null> = {
  news: null,
  interview: 'Interview',
  statistic: 'Insightful statistics',
  announcement: null,
};

export interface StoryView {
  readonly slug: string;
  readonly title: string;
  readonly kind: Story['kind'];
  readonly kicker: string | null;
  readonly label: string | null;
  readonly body: BodyView;
  readonly sourceLinks: readonly { text: string; url: string | null }[];
  readonly topics: readonly string[];
  readonly sectors: readonly string[];
  readonly organizations: readonly string[];
}

/** "Author, Outlet, Date" for one source, the way the newsletter prints it. */
export function formatSource(source: Source): string {
  return [source.author, source.title, source.outlet, source.publishedOn ? formatDate(source.publishedOn) : null]
    .filter((part): part is string => part !== null && part !== '')
    .join(', ');
}

/** A story as pages show it to `audience`. */
export function viewStory(story: Story, audience: Audience, label: string | null = null): StoryView {
  const sourceLinks = story.sources.map((source) => ({ text: formatSource(source), url: safeHref(source.url) }));
  return {
    slug: story.slug,
    title: story.title,
    kind: story.kind,
    kicker: STORY_KIND_LABELS[story.kind],
    label,
    body: viewBody(story.body, audience),
    sourceLinks,
    topics: story.topics.map((t) => t.name),
    sectors: story.sectors.map((s) => s.name),
    organizations: story.organizations,
  };
}
