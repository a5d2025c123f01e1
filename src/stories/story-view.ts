import { viewBody, type Audience, type BodyView } from '../content/audience.js';
import { formatDate } from '../i18n/format.js';
import type { Language } from '../i18n/languages.js';
import { translator, type MessageKey } from '../i18n/messages.js';
import { safeHref } from '../lib/markdown.js';
import { leadImageView, type LeadImageView } from '../lib/media-urls.js';
import type { Term } from '../content/taxonomy.js';
import type { OrganizationTerm, Source, Story } from './stories.js';

// A story as an audience may see it: the web edition, the email editions and the desk's
// preview all render this view.

/** The kicker a kind of story carries (its message), if any. */
export const STORY_KIND_LABELS: Record<Story['kind'], MessageKey | null> = {
  news: null,
  interview: 'reading.storyKind.interview',
  statistic: 'reading.storyKind.statistic',
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
  /** The topics and sectors with their slugs, for links to their pages (`/topics/<slug>`, `/sectors/<slug>`). */
  readonly topicTerms: readonly Term[];
  readonly sectorTerms: readonly Term[];
  readonly organizations: readonly string[];
  /** The organisations with their slugs, for links to their pages (`/organizations/<slug>`). */
  readonly organizationTerms: readonly OrganizationTerm[];
  /** The lead image, if the story has one (public for every audience, like the title). */
  readonly leadImage: LeadImageView | null;
}

/** "Author, Outlet, Date" for one source, the way the newsletter prints it, its date in `language`. */
export function formatSource(source: Source, language: Language): string {
  return [source.author, source.title, source.outlet, source.publishedOn ? formatDate(language, source.publishedOn) : null]
    .filter((part): part is string => part !== null && part !== '')
    .join(', ');
}

/** A story as pages show it to `audience`, its kicker and source dates in `language`. */
export function viewStory(story: Story, audience: Audience, language: Language, label: string | null = null): StoryView {
  const sourceLinks = story.sources.map((source) => ({ text: formatSource(source, language), url: safeHref(source.url) }));
  const kicker = STORY_KIND_LABELS[story.kind];
  return {
    slug: story.slug,
    title: story.title,
    kind: story.kind,
    kicker: kicker ? translator(language)(kicker) : null,
    label,
    body: viewBody(story.body, audience),
    sourceLinks,
    topics: story.topics.map((t) => t.name),
    sectors: story.sectors.map((s) => s.name),
    topicTerms: story.topics.map(({ slug, name }) => ({ slug, name })),
    sectorTerms: story.sectors.map(({ slug, name }) => ({ slug, name })),
    organizations: story.organizations,
    organizationTerms: story.organizationTerms,
    leadImage: leadImageView(story.leadImage),
  };
}
