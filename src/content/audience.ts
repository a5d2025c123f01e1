import { excerpt, markdownToText, renderMarkdown } from '../lib/markdown.js';
import type { SplitBody } from './body.js';

// THE ONE INVARIANT lives here: for the public audience a body becomes its teaser only;
// members-only text is never copied into a view unless the audience is 'member'. Every
// domain's view model (story-view, event-view, …, issue-view) renders its bodies through
// `viewBody`, and pages and emails render views, never a raw body.

/** Who a page is rendered for. Only a signed-in member of an active company is 'member'. */
export type Audience = 'public' | 'member';

/** A rendered body: safe HTML, and whether members-only text was left out. */
export interface BodyView {
  readonly html: string;
  readonly withheld: boolean;
}

/** Renders the part of a body the audience may read. */
export function viewBody(body: SplitBody, audience: Audience): BodyView {
  if (audience === 'member' && body.membersOnly !== null) {
    return { html: renderMarkdown(`${body.teaser}\n\n${body.membersOnly}`), withheld: false };
  }
  return { html: renderMarkdown(body.teaser), withheld: body.membersOnly !== null };
}

/** Plain-text summary of the public teaser, for meta tags and feeds (never members-only). */
export function teaserSummary(body: SplitBody, maxLength = 200): string {
  return excerpt(markdownToText(body.teaser), maxLength);
}
