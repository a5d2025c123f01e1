import type { ComponentChildren, VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { MEMBERS_ONLY_MARKER, publicOnlyBlocks, type SplitBody } from '../../content/body.js';
import type { Story } from '../../stories/stories.js';
import type { Problem } from '../../lib/errors.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { Prose } from '../../web/layout.js';
import { StoryItem } from '../../web/pages/items.js';
import { viewBody } from '../../content/audience.js';
import { viewStory } from '../../stories/story-view.js';
import type { StaffContext } from '../admin-route.js';

// The desk's preview of a Markdown body: the public teaser and the members-only part, side by
// side with the form and labelled, built with the public site's own view helpers and
// components. The same fragment is the live preview (admin.js posts the form and swaps it in)
// and the server-rendered preview after the Preview button.

function BodyProblems({ problems }: { problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <div class="error-summary" role="alert">
      <h2>Fix this before saving</h2>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>{problem.line === undefined ? problem.message : `line ${problem.line}: ${problem.message}`}</li>
        ))}
      </ul>
      <p>Until then, the preview below shows everything as public text.</p>
    </div>
  );
}

function MembersOnlyPart({ body, what }: { body: SplitBody; what: 'story' | 'intro' }) {
  return (
    <div class="preview__part preview__part--members">
      <p class="preview__label">Members only: below the line, for signed-in members and the full email edition</p>
      {body.membersOnly !== null ? (
        <Prose html={renderMarkdown(body.membersOnly)} />
      ) : (
        <p>
          No members-only part: the whole {what} is public. To add one, put a line <code>{MEMBERS_ONLY_MARKER}</code> on its own between the teaser
          and the members-only text.
        </p>
      )}
    </div>
  );
}

/** The teaser's public-only blocks, when it has any: shown to the public, left out of the members' version. */
function PublicOnlyPart({ body }: { body: SplitBody }) {
  const blocks = publicOnlyBlocks(body.teaser);
  if (blocks.length === 0) return null;
  return (
    <div class="preview__part preview__part--public preview__part--public-only">
      <p class="preview__label">Public only: in the public teaser and the teaser email, left out of what members read</p>
      {blocks.map((block, index) => (
        <Prose key={index} html={renderMarkdown(block)} />
      ))}
    </div>
  );
}

/** A story as the public sees it in an issue (teaser), then its public-only and members-only parts. */
export function StoryPreview({ story, problems }: { story: Story; problems: readonly Problem[] }) {
  return (
    <>
      <BodyProblems problems={problems} />
      <div class="preview__part preview__part--public">
        <p class="preview__label">Public teaser: what everyone sees on the web and in the teaser email</p>
        <StoryItem story={viewStory(story, 'public', 'en')} />
      </div>
      <PublicOnlyPart body={story.body} />
      <MembersOnlyPart body={story.body} what="story" />
    </>
  );
}

/** An issue intro: the public teaser, then the public-only and members-only parts. */
export function BodyPreview({ body, problems }: { body: SplitBody; problems: readonly Problem[] }) {
  const teaser = viewBody(body, 'public');
  return (
    <>
      <BodyProblems problems={problems} />
      <div class="preview__part preview__part--public">
        <p class="preview__label">Public teaser: what everyone sees</p>
        {body.teaser === '' ? <p>(empty)</p> : <Prose html={teaser.html} />}
      </div>
      <PublicOnlyPart body={body} />
      <MembersOnlyPart body={body} what="intro" />
    </>
  );
}

/** Sends a preview fragment (not a whole page) for the live preview. */
export function sendFragment(ctx: StaffContext, fragment: VNode) {
  return ctx.reply.code(200).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(render(fragment));
}

/** The preview panel beside a form; admin.js replaces its content as the editor types. */
export function PreviewPanel({ children }: { children: ComponentChildren }) {
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      <div id="preview" class="preview" aria-live="polite">
        {children}
      </div>
    </section>
  );
}
