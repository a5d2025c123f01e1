import { storyEngagement } from '../../engagement/engagement.service.js';
import { StoryEngagementSection } from '../engagement/engagement-parts.js';
import { z } from 'zod';
import { SLUG } from '../../lib/slug.js';
import { STORY_KINDS, type StoryDraft, type StoryUse } from '../../stories/stories.js';
import { createStory, deleteStory, deletionBlocker, getEditableStory, listDeskStories, updateStory } from '../../issues/story-editing.service.js';
import { findPublicLock, rightsOf } from '../../issues/publicity.service.js';
import { previewStoryDraft } from '../../stories/story-draft.js';
import { getTranslationStates } from '../../translations/translations.service.js';
import { getItemsOfStory } from '../../curation/inbox.service.js';
import { PromotedFrom } from '../curation/inbox-pages.js';
import { getSectors, getTopics } from '../../content/taxonomy.service.js';
import { Conflict, NotFound } from '../../lib/errors.js';
import { getItemTranslationStates, getStoryTranslationStates } from '../../issues/translation-editing.service.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { failedStatus, formErrorsOf, type FormErrors } from '../forms.js';
import { sendFragment, StoryPreview } from './preview.js';
import { applyStoryOp, draftOfStory, emptyStoryDraft, readStoryForm, type StoryForm } from './story-form.js';
import { StoryDeletePage, StoryEditPage, StoryListPage, storyEditPath, type StoryListFilter } from './story.pages.js';

import { listMedia } from '../../media/media.service.js';
import { importStoryImages, queueStoryImageImport, type ImageImportResult } from '../../issues/story-images.service.js';

export { storyEditPath } from './story.pages.js';

/** The images a lead image is chosen from: the most recent ones. */
async function imageChoices(ctx: StaffContext) {
  return (await listMedia(ctx.deps.db, { limit: 100, offset: 0 })).items;
}

const PAGE_SIZE = 25;

const listQuery = z.object({
  q: z.string().trim().max(200).catch(''),
  kind: z.enum(STORY_KINDS).or(z.literal('')).catch(''),
  topic: z.string().regex(SLUG).or(z.literal('')).catch(''),
  sector: z.string().regex(SLUG).or(z.literal('')).catch(''),
  used: z.enum(['yes', 'no', '']).catch(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const slugParams = z.object({ slug: z.string().max(200) });

/** The `:slug` of a story URL; anything that is not a slug cannot exist. */
function slugOf(ctx: StaffContext): string {
  const { slug } = slugParams.parse(ctx.request.params);
  if (!SLUG.test(slug)) throw new NotFound(`There is no story "${slug}".`);
  return slug;
}

function preview(draft: StoryDraft) {
  const { story, bodyProblems } = previewStoryDraft(draft);
  return <StoryPreview story={story} problems={bodyProblems} />;
}

/** What stops this session changing the stored story (it is in a published or scheduled issue and they may not), or undefined. */
async function lockOf(ctx: StaffContext, slug: string) {
  const { story } = await getEditableStory(ctx.deps.db, slug);
  return findPublicLock(ctx.deps.db, ctx.deps.clock.now(), rightsOf(ctx.can), 'story', story);
}

/** Renders the edit (or new) page for submitted values: after a row button, Preview, or a failed save. */
async function renderForm(
  ctx: StaffContext,
  slug: string | undefined,
  form: StoryForm,
  options: { errors?: FormErrors; uses?: readonly StoryUse[]; version?: string; unsaved?: boolean; status?: number },
) {
  const [topics, sectors, lock, translations, images, promotedFrom] = await Promise.all([
    getTopics(ctx.deps.db), getSectors(ctx.deps.db), slug ? lockOf(ctx, slug) : undefined, slug ? getItemTranslationStates(ctx.deps.db, 'story', slug) : undefined, imageChoices(ctx),
    // The curation inbox entry the story was promoted from, with the sources' summaries (the editor's note).
    slug ? getEditableStory(ctx.deps.db, slug).then(({ story }) => getItemsOfStory(ctx.deps.db, story.id)).catch(() => []) : [],
  ]);
  return ctx.page(
    <StoryEditPage
      ctx={ctx}
      slug={slug}
      lock={lock}
      draft={form.draft}
      version={options.version ?? form.version}
      uses={options.uses ?? []}
      topics={topics}
      sectors={sectors}
      errors={options.errors}
      preview={preview(form.draft)}
      unsaved={options.unsaved}
      translations={translations}
      images={images}
      promotedFrom={<PromotedFrom t={ctx.locale.t} items={promotedFrom} />}
    />,
    options.status ?? 200,
  );
}

/** The edit page of the stored story; `imageImport`: what the image import just did. */
async function showStory(ctx: StaffContext, slug: string, imageImport?: ImageImportResult) {
  const { story, uses } = await getEditableStory(ctx.deps.db, slug);
  const draft = draftOfStory(story);
  const [topics, sectors, lock, translations, images, promotedFrom] = await Promise.all([
    getTopics(ctx.deps.db), getSectors(ctx.deps.db), findPublicLock(ctx.deps.db, ctx.deps.clock.now(), rightsOf(ctx.can), 'story', story), getTranslationStates(ctx.deps.db, 'story', [story]), imageChoices(ctx),
    getItemsOfStory(ctx.deps.db, story.id),
  ]);
  return ctx.page(
    <StoryEditPage
      ctx={ctx} slug={story.slug} draft={draft} version={story.updatedAt} uses={uses} topics={topics} sectors={sectors} preview={preview(draft)} lock={lock} translations={translations.get(story.id)} images={images}
      promotedFrom={<PromotedFrom t={ctx.locale.t} items={promotedFrom} />} imageImport={imageImport}
      clicks={<StoryEngagementSection sends={await storyEngagement(ctx.deps.db, story.slug)} />}
    />,
  );
}

/** After a save: the body's external images are imported in the background (the jobs queue), never while the editor waits. */
async function queueImport(ctx: StaffContext, slug: string, body: string): Promise<string> {
  const queued = await queueStoryImageImport(ctx.deps.db, ctx.deps.clock, ctx.actor, slug, body, rightsOf(ctx.can));
  return queued ? ` ${ctx.locale.t('deskWriting.importQueued')}` : '';
}

/** Stories: list, search, create, edit with preview, sources, topics and sectors, delete. */
export const storyRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/stories', 'view_desk', async (ctx) => {
    const query = listQuery.parse(ctx.request.query ?? {});
    const filter: StoryListFilter = { q: query.q, kind: query.kind, topic: query.topic, sector: query.sector, used: query.used };
    const { db } = ctx.deps;
    const [page, topics, sectors] = await Promise.all([
      listDeskStories(
        db,
        {
          q: query.q || undefined,
          kind: query.kind || undefined,
          topic: query.topic || undefined,
          sector: query.sector || undefined,
          used: query.used === '' ? undefined : query.used === 'yes',
        },
        { limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE },
      ),
      getTopics(db),
      getSectors(db),
    ]);
    const translations = await getStoryTranslationStates(db, page.items.map((story) => story.id));
    return ctx.page(<StoryListPage ctx={ctx} page={page} filter={filter} topics={topics} sectors={sectors} translations={translations} />);
  }),

  staffRoute('GET', '/admin/stories/new', 'draft_content', async (ctx) => {
    const [topics, sectors, images] = await Promise.all([getTopics(ctx.deps.db), getSectors(ctx.deps.db), imageChoices(ctx)]);
    return ctx.page(<StoryEditPage ctx={ctx} slug={undefined} draft={emptyStoryDraft()} version="" uses={[]} topics={topics} sectors={sectors} images={images} />);
  }),

  staffRoute('POST', '/admin/stories/new', 'draft_content', async (ctx) => {
    const form = readStoryForm(ctx.request.body);
    if (form.op.kind !== 'save') {
      const draft = applyStoryOp(form.draft, form.op);
      return renderForm(ctx, undefined, { ...form, draft }, { unsaved: form.op.kind !== 'preview' });
    }
    try {
      const saved = await createStory(ctx.deps.db, ctx.deps.clock, ctx.actor, form.draft);
      return ctx.redirect(storyEditPath(saved.slug), `The story is saved. Put it into an issue to publish it.${await queueImport(ctx, saved.slug, form.draft.body)}`);
    } catch (error) {
      return renderForm(ctx, undefined, form, { errors: formErrorsOf(error), status: failedStatus(error) });
    }
  }),

  // The live preview: a fragment with the teaser and the members-only part, never saved.
  staffRoute('POST', '/admin/stories/preview', 'draft_content', async (ctx) => sendFragment(ctx, preview(readStoryForm(ctx.request.body).draft))),

  staffRoute('GET', '/admin/stories/:slug/edit', 'view_desk', async (ctx) => showStory(ctx, slugOf(ctx))),

  // Fetch the body's external images through the guarded fetch, store them like uploads, point the body at them.
  staffRoute('POST', '/admin/stories/:slug/import-images', 'draft_content', async (ctx) => {
    const slug = slugOf(ctx);
    const { db, clock, fetcher, mediaDir } = ctx.deps;
    try {
      const result = await importStoryImages({ db, clock, fetcher, mediaDir }, ctx.actor, slug, rightsOf(ctx.can));
      return showStory(ctx, slug, result);
    } catch (error) {
      const { story } = await getEditableStory(db, slug);
      return renderForm(ctx, slug, { draft: draftOfStory(story), version: story.updatedAt, op: { kind: 'preview' } }, { errors: formErrorsOf(error), status: failedStatus(error) });
    }
  }),

  staffRoute('POST', '/admin/stories/:slug/edit', 'draft_content', async (ctx) => {
    const slug = slugOf(ctx);
    const form = readStoryForm(ctx.request.body);
    const { db, clock } = ctx.deps;
    if (form.op.kind !== 'save') {
      const { uses } = await getEditableStory(db, slug);
      return renderForm(ctx, slug, { ...form, draft: applyStoryOp(form.draft, form.op) }, { uses, unsaved: true });
    }
    try {
      const saved = await updateStory(db, clock, ctx.actor, slug, form.draft, { ...rightsOf(ctx.can), expectedUpdatedAt: form.version || undefined });
      return ctx.redirect(storyEditPath(saved.slug), `Saved.${await queueImport(ctx, saved.slug, form.draft.body)}`);
    } catch (error) {
      const errors = formErrorsOf(error);
      const current = await getEditableStory(db, slug);
      // After a conflict the form carries the current version, so Save again replaces it knowingly.
      const version = error instanceof Conflict ? current.story.updatedAt : form.version;
      return renderForm(ctx, slug, form, { errors, uses: current.uses, version, status: failedStatus(error) });
    }
  }),

  staffRoute('GET', '/admin/stories/:slug/delete', 'publish_content', async (ctx) => {
    const editable = await getEditableStory(ctx.deps.db, slugOf(ctx));
    return ctx.page(<StoryDeletePage ctx={ctx} slug={editable.story.slug} title={editable.story.title} blocker={deletionBlocker(editable)} />);
  }),

  staffRoute('POST', '/admin/stories/:slug/delete', 'publish_content', async (ctx) => {
    const slug = slugOf(ctx);
    const { db, clock } = ctx.deps;
    try {
      await deleteStory(db, clock, ctx.actor, slug, rightsOf(ctx.can));
      return ctx.redirect('/admin/stories', `The story ${slug} is deleted.`);
    } catch (error) {
      const { message } = formErrorsOf(error);
      const editable = await getEditableStory(db, slug);
      return ctx.page(<StoryDeletePage ctx={ctx} slug={slug} title={editable.story.title} blocker={message} />, failedStatus(error));
    }
  }),
];
