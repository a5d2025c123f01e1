import { excerpt, markdownToText, renderMarkdown } from '../lib/markdown.js';
import { resolvePublicOnly, type SplitBody } from './body.js';

// THE ONE INVARIANT lives here: for the public audience a body becomes its teaser only;
// members-only text is never copied into a view unless the audience is 'member'. Every
// domain's view model (story-view, event-view, …, issue-view) renders its bodies through
// `viewBody`, and pages and emails render views, never a raw body. The teaser's public-only
// blocks are shown to the public and left out for members; they are part of the teaser, so
// resolving them can neither reveal nor hide members-only text.

/** Who a page is rendered for. Only a signed-in member of an active company is 'member'. */
export type Audience = 'public' | 'member';

/** A rendered body: safe HTML, and whether members-only text was left out. */
export interface BodyView {
  readonly html: string;
  readonly withheld: boolean;
}

/** Renders the part of a body the audience may read. */
export function viewBody(body: SplitBody, audience: Audience): BodyView {
  const teaser = resolvePublicOnly(body.teaser, audience);
  if (audience === 'member' && body.membersOnly !== null) {
    return { html: renderMarkdown(`${teaser}\n\n${body.membersOnly}`), withheld: false };
  }
  return { html: renderMarkdown(teaser), withheld: body.membersOnly !== null };
}

/**
 * The teaser as plain text for every audience alike (calendar files): never members-only, and
 * without public-only blocks, which speak about the edition rather than the content.
 */
export function teaserText(body: SplitBody): string {
  return markdownToText(resolvePublicOnly(body.teaser, 'member')).trim();
}

/** Plain-text summary of the public teaser, for meta tags and feeds (never members-only, no public-only notes). */
export function teaserSummary(body: SplitBody, maxLength = 200): string {
  return excerpt(teaserText(body), maxLength);
}
