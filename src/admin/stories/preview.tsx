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
import { LocaleContext, useLocale } from '../../web/locale.js';
import type { StaffContext } from '../admin-route.js';
import { TextWith } from '../page-parts.js';

// The desk's preview of a Markdown body: the public teaser and the members-only part, side by
// side with the form and labelled, built with the public site's own view helpers and
// components. The same fragment is the live preview (admin.js posts the form and swaps it in)
// and the server-rendered preview after the Preview button.

function BodyProblems({ problems }: { problems: readonly Problem[] }) {
  const { t } = useLocale();
  if (problems.length === 0) return null;
  return (
    <div class="error-summary" role="alert">
      <h2>{t('desk.preview.fix')}</h2>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>{problem.line === undefined ? problem.message : t('desk.preview.onLine', { line: problem.line, message: problem.message })}</li>
        ))}
      </ul>
      <p>{t('desk.preview.untilThen')}</p>
    </div>
  );
}

function MembersOnlyPart({ body, what }: { body: SplitBody; what: 'story' | 'intro' }) {
  const { t } = useLocale();
  return (
    <div class="preview__part preview__part--members">
      <p class="preview__label">{t('desk.preview.membersOnly')}</p>
      {body.membersOnly !== null ? (
        <Prose html={renderMarkdown(body.membersOnly)} />
      ) : (
        <p>
          <TextWith text={(markers) => t('desk.preview.noMembersOnly', { ...markers, what })} elements={{ marker: <code>{MEMBERS_ONLY_MARKER}</code> }} />
        </p>
      )}
    </div>
  );
}

/** The teaser's public-only blocks, when it has any: shown to the public, left out of the members' version. */
function PublicOnlyPart({ body }: { body: SplitBody }) {
  const { t } = useLocale();
  const blocks = publicOnlyBlocks(body.teaser);
  if (blocks.length === 0) return null;
  return (
    <div class="preview__part preview__part--public preview__part--public-only">
      <p class="preview__label">{t('desk.preview.publicOnly')}</p>
      {blocks.map((block, index) => (
        <Prose key={index} html={renderMarkdown(block)} />
      ))}
    </div>
  );
}

/** A story as the public sees it in an issue (teaser), then its public-only and members-only parts. */
export function StoryPreview({ story, problems }: { story: Story; problems: readonly Problem[] }) {
  const { t } = useLocale();
  return (
    <>
      <BodyProblems problems={problems} />
      <div class="preview__part preview__part--public">
        <p class="preview__label">{t('desk.preview.storyTeaser')}</p>
        <StoryItem story={viewStory(story, 'public', 'en')} />
      </div>
      <PublicOnlyPart body={story.body} />
      <MembersOnlyPart body={story.body} what="story" />
    </>
  );
}

/** An issue intro: the public teaser, then the public-only and members-only parts. */
export function BodyPreview({ body, problems }: { body: SplitBody; problems: readonly Problem[] }) {
  const { t } = useLocale();
  const teaser = viewBody(body, 'public');
  return (
    <>
      <BodyProblems problems={problems} />
      <div class="preview__part preview__part--public">
        <p class="preview__label">{t('desk.preview.teaser')}</p>
        {body.teaser === '' ? <p>{t('desk.preview.empty')}</p> : <Prose html={teaser.html} />}
      </div>
      <PublicOnlyPart body={body} />
      <MembersOnlyPart body={body} what="intro" />
    </>
  );
}

/** Sends a preview fragment (not a whole page) for the live preview, in the desk's language. */
export function sendFragment(ctx: StaffContext, fragment: VNode) {
  return ctx.reply.code(200).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(render(<LocaleContext.Provider value={ctx.locale}>{fragment}</LocaleContext.Provider>));
}

/** The preview panel beside a form; admin.js replaces its content as the editor types. `draft`: what it shows is not published yet (the "Draft preview" banner). */
export function PreviewPanel({ children, draft = false }: { children: ComponentChildren; draft?: boolean }) {
  const { t } = useLocale();
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t('desk.forms.preview')}</h2>
      {draft ? (
        <p class="attention draft-preview draft-preview-panel" role="note">
          <strong>{t('deskMedia.draftPreview')}</strong> {t('deskMedia.draftPreviewText')}
        </p>
      ) : null}
      <div id="preview" class="preview" aria-live="polite">
        {children}
      </div>
    </section>
  );
}
