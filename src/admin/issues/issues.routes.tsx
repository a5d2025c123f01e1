import { z } from 'zod';
import { listMedia } from '../../media/media.service.js';
import { changeIssueLeadImage, getLoadedIssueLeadImage } from '../../issues/issues.service.js';
import { formErrorsOf as leadErrorsOf } from '../forms.js';
import { splitBody } from '../../content/body.js';
import { markerLineProblems, normaliseLines } from '../../content/draft-fields.js';
import {
  createIssue, deleteIssue, getEditableIssue, getItemChoices, isLive, listDeskIssues, previewIssue, publishIssue, readinessProblems, saveIssue,
  scheduleIssue, suggestNextIssue, unpublishIssue,
} from '../../issues/issue-editing.service.js';
import type { IssueDraft } from '../../issues/issues.js';
import { findIssueLock, rightsOf } from '../../issues/publicity.service.js';
import { Conflict, NotFound } from '../../lib/errors.js';
import { IssuePage } from '../../web/pages/issue.page.js';
import { type Audience } from '../../content/audience.js';
import { viewIssue } from '../../issues/issue-view.js';
import { getIssueTranslationStates, getItemTranslationStates } from '../../issues/translation-editing.service.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { failedStatus, formErrorsOf, type FormErrors } from '../forms.js';
import { BodyPreview, sendFragment } from '../stories/preview.js';
import { field, formBody } from '../stories/story-form.js';
import { applyIssueOp, draftOfIssue, readIssueForm, type IssueForm } from './issue-form.js';
import { listDeliveries } from '../../delivery/engine/deliveries.service.js';
import { composerRoutes } from './composer.routes.js';
import { IssueDeletePage, IssueEditPage, IssueListPage, IssueNewPage, issueEditPath } from './issue.pages.js';

export { issueEditPath } from './issue.pages.js';

// An issue's slug is always `<year>-<season>`.
const ISSUE_SLUG = /^\d{4}-(spring|summer|fall|winter)$/;
const slugParams = z.object({ slug: z.string().max(40) });

function slugOf(ctx: StaffContext): string {
  const { slug } = slugParams.parse(ctx.request.params);
  if (!ISSUE_SLUG.test(slug)) throw new NotFound(`There is no issue "${slug}".`);
  return slug;
}

function introPreview(draft: Pick<IssueDraft, 'intro'>) {
  const intro = normaliseLines(draft.intro);
  return <BodyPreview body={splitBody(intro)} problems={markerLineProblems(intro, 'intro')} />;
}

/**
 * Renders the edit page. Without a form, the stored issue's values; with one, the submitted
 * values (after a row button, Preview, or a failed save).
 */
async function renderEdit(
  ctx: StaffContext,
  slug: string,
  options: {
    form?: IssueForm;
    errors?: FormErrors;
    /** After a conflict the form carries the current version, so Save again replaces it knowingly. */
    currentVersion?: boolean;
    unsaved?: boolean;
    status?: number;
    schedule?: { publishAt: string; timeZone: string };
    leadImage?: string;
    leadImageErrors?: FormErrors;
  } = {},
) {
  const { db, clock } = ctx.deps;
  const [{ issue, sections }, choices, translations, images] = await Promise.all([getEditableIssue(db, slug), getItemChoices(db), getItemTranslationStates(db, 'issue', slug), listMedia(db, { limit: 100, offset: 0 })]);
  const lead = await getLoadedIssueLeadImage(db, slug);
  const deliveries = ctx.can('manage_sending') ? await listDeliveries(db, { issueId: issue.id, limit: 10 }) : undefined;
  const draft = options.form?.draft ?? draftOfIssue(issue, sections);
  const version = options.form && !options.currentVersion ? options.form.version : issue.updatedAt;
  return ctx.page(
    <IssueEditPage
      ctx={ctx}
      issue={issue}
      live={isLive(issue, clock)}
      lock={findIssueLock(issue, clock.now(), rightsOf(ctx.can))}
      draft={draft}
      version={version}
      choices={choices}
      readiness={readinessProblems(sections).map((problem) => problem.message)}
      errors={options.errors}
      preview={introPreview(draft)}
      unsaved={options.unsaved}
      schedule={options.schedule}
      deliveries={deliveries}
      translations={translations}
      leadImage={{ value: options.leadImage ?? lead?.path ?? '', images: images.items, errors: options.leadImageErrors }}
    />,
    options.status ?? 200,
  );
}

/** Publish, unpublish and schedule share this: run, then back to the issue with a notice or the errors. */
async function publishing(ctx: StaffContext, change: (slug: string) => Promise<string>, schedule?: { publishAt: string; timeZone: string }) {
  const slug = slugOf(ctx);
  try {
    return ctx.redirect(issueEditPath(slug), await change(slug));
  } catch (error) {
    return renderEdit(ctx, slug, { errors: formErrorsOf(error), status: failedStatus(error), schedule });
  }
}

async function preview(ctx: StaffContext, audience: Audience) {
  const slug = slugOf(ctx);
  const loaded = await previewIssue(ctx.deps.db, slug);
  return ctx.page(<IssuePage site={ctx.deps.site} issue={viewIssue(loaded, audience, 'en')} path={`/issues/${slug}`} isLatest={false} draftPreview={!isLive(loaded.issue, ctx.deps.clock)} />);
}

/** Issues: create, compose sections and items, preview, publish, unpublish, schedule, delete drafts. */
export const issueRoutes: readonly AdminRoute[] = [
  ...composerRoutes,
  staffRoute('GET', '/admin/issues', 'view_desk', async (ctx) => {
    const issues = await listDeskIssues(ctx.deps.db);
    const translations = await getIssueTranslationStates(ctx.deps.db, issues.map((entry) => entry.issue));
    return ctx.page(<IssueListPage ctx={ctx} issues={issues.map((entry) => ({ ...entry, live: isLive(entry.issue, ctx.deps.clock) }))} translations={translations} />);
  }),

  staffRoute('GET', '/admin/issues/new', 'draft_content', async (ctx) => {
    const next = await suggestNextIssue(ctx.deps.db, ctx.deps.clock);
    return ctx.page(<IssueNewPage ctx={ctx} values={{ season: next.season, year: String(next.year), title: '' }} />);
  }),

  staffRoute('POST', '/admin/issues/new', 'draft_content', async (ctx) => {
    const body = formBody.parse(ctx.request.body ?? {});
    const values = { season: field(body, 'season'), year: field(body, 'year'), title: field(body, 'title') };
    try {
      const { slug } = await createIssue(ctx.deps.db, ctx.deps.clock, ctx.actor, values);
      return ctx.redirect(issueEditPath(slug), 'The draft issue is created. Add sections and items, then preview and publish.');
    } catch (error) {
      return ctx.page(<IssueNewPage ctx={ctx} values={values} errors={formErrorsOf(error)} />, failedStatus(error));
    }
  }),

  // The live preview of the intro: a fragment with the teaser and the members-only part.
  staffRoute('POST', '/admin/issues/preview', 'draft_content', async (ctx) => sendFragment(ctx, introPreview(readIssueForm(ctx.request.body).draft))),

  staffRoute('GET', '/admin/issues/:slug/edit', 'view_desk', async (ctx) => renderEdit(ctx, slugOf(ctx))),

  // The lead image (media/): its own small form on the edit page; changing what readers see needs publish rights.
  staffRoute('POST', '/admin/issues/:slug/lead-image', 'publish_content', async (ctx) => {
    const slug = String((ctx.request.params as { slug?: unknown }).slug ?? '');
    const value = String((ctx.request.body as Record<string, unknown> | undefined)?.lead_image ?? '');
    try {
      await changeIssueLeadImage(ctx.deps.db, ctx.deps.clock, ctx.actor, slug, value);
      return ctx.redirect(issueEditPath(slug), ctx.locale.t('deskMedia.saved'));
    } catch (error) {
      return renderEdit(ctx, slug, { leadImage: value, leadImageErrors: leadErrorsOf(error), status: failedStatus(error) });
    }
  }),

  staffRoute('POST', '/admin/issues/:slug/edit', 'draft_content', async (ctx) => {
    const slug = slugOf(ctx);
    const form = readIssueForm(ctx.request.body);
    if (form.op.kind !== 'save') {
      return renderEdit(ctx, slug, { form: { ...form, draft: applyIssueOp(form.draft, form.op) }, unsaved: form.op.kind !== 'preview' });
    }
    try {
      await saveIssue(ctx.deps.db, ctx.deps.clock, ctx.actor, slug, form.draft, { ...rightsOf(ctx.can), expectedUpdatedAt: form.version || undefined });
      return ctx.redirect(issueEditPath(slug), 'Saved.');
    } catch (error) {
      return renderEdit(ctx, slug, { form, errors: formErrorsOf(error), status: failedStatus(error), currentVersion: error instanceof Conflict });
    }
  }),

  staffRoute('GET', '/admin/issues/:slug/preview/public', 'view_desk', async (ctx) => preview(ctx, 'public')),
  staffRoute('GET', '/admin/issues/:slug/preview/member', 'view_desk', async (ctx) => preview(ctx, 'member')),

  staffRoute('POST', '/admin/issues/:slug/publish', 'publish_content', async (ctx) =>
    publishing(ctx, async (slug) => {
      await publishIssue(ctx.deps.db, ctx.deps.clock, ctx.actor, slug);
      return `Published: readers see it at /issues/${slug} now.`;
    }),
  ),

  staffRoute('POST', '/admin/issues/:slug/unpublish', 'publish_content', async (ctx) =>
    publishing(ctx, async (slug) => {
      await unpublishIssue(ctx.deps.db, ctx.deps.clock, ctx.actor, slug);
      return 'Unpublished: the issue is a draft again and gone from the public site.';
    }),
  ),

  staffRoute('POST', '/admin/issues/:slug/schedule', 'publish_content', async (ctx) => {
    const body = formBody.parse(ctx.request.body ?? {});
    const schedule = { publishAt: field(body, 'publish_at'), timeZone: field(body, 'time_zone') };
    return publishing(
      ctx,
      async (slug) => {
        const issue = await scheduleIssue(ctx.deps.db, ctx.deps.clock, ctx.actor, slug, schedule);
        return `Scheduled: it appears at ${issue.publishedAt?.replace('T', ' ').slice(0, 16)} UTC (${schedule.publishAt.replace('T', ' ')} ${schedule.timeZone}).`;
      },
      schedule,
    );
  }),

  staffRoute('GET', '/admin/issues/:slug/delete', 'publish_content', async (ctx) => {
    const { issue } = await getEditableIssue(ctx.deps.db, slugOf(ctx));
    const blocker = issue.status === 'draft' ? undefined : `${issue.title} is ${issue.status}: unpublish it first, then delete it.`;
    return ctx.page(<IssueDeletePage ctx={ctx} issue={issue} blocker={blocker} />);
  }),

  staffRoute('POST', '/admin/issues/:slug/delete', 'publish_content', async (ctx) => {
    const slug = slugOf(ctx);
    try {
      await deleteIssue(ctx.deps.db, ctx.deps.clock, ctx.actor, slug);
      return ctx.redirect('/admin/issues', `The draft ${slug} is deleted.`);
    } catch (error) {
      const { message } = formErrorsOf(error);
      const { issue } = await getEditableIssue(ctx.deps.db, slug);
      return ctx.page(<IssueDeletePage ctx={ctx} issue={issue} blocker={message} />, failedStatus(error));
    }
  }),
];
