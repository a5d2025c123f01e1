import { z } from 'zod';
import { previewEdition } from '../../delivery/engine/edition-preview.service.js';
import { getEditableIssue, getItemChoices } from '../../issues/issue-editing.service.js';
import type { IssueDraft } from '../../issues/issues.js';
import { searchStoryChoices, MAX_PICKER_QUERY } from '../../issues/story-picker.service.js';
import { LANGUAGES, type Language } from '../../i18n/languages.js';
import type { Translate } from '../../i18n/messages.js';
import { NotFound } from '../../lib/errors.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { utcTime } from '../page-parts.js';
import { sendFragment } from '../stories/preview.js';
import { EmailPreviewPage, StorySearchPage } from './composer.pages.js';
import { applyIssueOp, readIssueForm, type IssueOp } from './issue-form.js';
import { SectionsEditor } from './issue.pages.js';

// The composer's in-place changes (web/assets/composer.js), the story picker's search and the
// email editions' previews. Each in-place change is the edit form's own row button, posted by
// fetch: the same op applied to the same submitted form, answered with the sections' fragment
// instead of the whole page. Nothing is saved; only Save saves (issues.routes.tsx).

const ISSUE_SLUG = /^\d{4}-(spring|summer|fall|winter)$/;

function slugOf(ctx: StaffContext): string {
  const slug = String((ctx.request.params as { slug?: unknown }).slug ?? '');
  if (!ISSUE_SLUG.test(slug)) throw new NotFound(`There is no issue "${slug}".`);
  return slug;
}

/** What the live region says after an op, and which control gets the focus (`op:<value>` or `name:<field>`). */
export function outcomeOf(t: Translate, op: IssueOp, after: IssueDraft): { announce: string; focus: string } | undefined {
  const count = after.sections.length;
  const itemsIn = (s: number) => after.sections[s]?.items.length ?? 0;
  const clamp = (n: number, length: number) => Math.max(0, Math.min(n, length - 1));
  switch (op.kind) {
    case 'add-section':
      return { announce: t('deskComposer.sectionAdded', { n: String(count) }), focus: `name:sections.${count - 1}.kind` };
    case 'add-item': {
      const n = itemsIn(op.section);
      return { announce: t('deskComposer.itemAdded', { item: String(n), section: String(op.section + 1) }), focus: `name:sections.${op.section}.items.${n - 1}.label` };
    }
    case 'remove-section':
      return { announce: t('deskComposer.sectionRemoved', { n: String(op.section + 1) }), focus: count > 0 ? `name:sections.${clamp(op.section, count)}.kind` : 'op:add-section' };
    case 'remove-item': {
      const n = itemsIn(op.section);
      return { announce: t('deskComposer.itemRemoved', { item: String(op.item + 1), section: String(op.section + 1) }), focus: n > 0 ? `name:sections.${op.section}.items.${clamp(op.item, n)}.label` : `op:add-item:${op.section}` };
    }
    case 'move-section': {
      const to = clamp(op.section + op.by, count);
      return { announce: t('deskComposer.sectionMoved', { to: String(to + 1), count: String(count) }), focus: moveFocus(`section-`, `:${to}`, to, count, op.by) };
    }
    case 'move-item': {
      const n = itemsIn(op.section);
      const to = clamp(op.item + op.by, n);
      return { announce: t('deskComposer.itemMoved', { to: String(to + 1), count: String(n), section: String(op.section + 1) }), focus: moveFocus(`item-`, `:${op.section}:${to}`, to, n, op.by) };
    }
    case 'section-to': {
      const to = clamp(op.to, count);
      return { announce: t('deskComposer.sectionMoved', { to: String(to + 1), count: String(count) }), focus: `name:sections.${to}.kind` };
    }
    case 'item-to': {
      const n = itemsIn(op.toSection);
      const to = clamp(op.to, n);
      return { announce: t('deskComposer.itemMoved', { to: String(to + 1), count: String(n), section: String(op.toSection + 1) }), focus: `name:sections.${op.toSection}.items.${to}.label` };
    }
    default:
      return undefined;
  }
}

/** After "Move up", the moved row's "Move up" again (or its "Move down" once it is first); likewise down. */
function moveFocus(prefix: string, at: string, to: number, length: number, by: -1 | 1): string {
  const up = to > 0;
  const down = to < length - 1;
  const direction = by < 0 ? (up ? 'up' : down ? 'down' : 'remove') : down ? 'down' : up ? 'up' : 'remove';
  return `op:${prefix}${direction}${at}`;
}

const searchQuery = z.object({ q: z.string().max(1000).optional(), issue: z.string().max(40).optional(), format: z.string().max(10).optional() });
const emailQuery = z.object({ edition: z.string().max(10).optional(), lang: z.string().max(5).optional() });

function editionOf(value: string | undefined): 'full' | 'teaser' {
  return value === 'teaser' ? 'teaser' : 'full';
}

function languageOf(value: string | undefined): Language {
  return (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : 'en';
}

/**
 * The policy of the email's own document: no script at all, its inline styles (email HTML is
 * styled inline), images from this site, data: (charts) and https:, framed only by the desk.
 */
function emailFramePolicy(siteUrl: string): string {
  let origin = '';
  try {
    origin = new URL(siteUrl).origin;
  } catch {
    origin = '';
  }
  return ["default-src 'none'", `img-src 'self' ${origin} data: https:`.replace(/\s+/g, ' '), "style-src 'unsafe-inline'", "font-src 'none'", "form-action 'none'", "base-uri 'none'", "frame-ancestors 'self'", 'sandbox'].join('; ');
}

export const composerRoutes: readonly AdminRoute[] = [
  // An in-place change: the edit form posted with its row button's op; answers the sections' fragment.
  staffRoute('POST', '/admin/issues/:slug/compose', 'draft_content', async (ctx) => {
    const slug = slugOf(ctx);
    const form = readIssueForm(ctx.request.body);
    const { issue } = await getEditableIssue(ctx.deps.db, slug);
    const { t } = ctx.locale;
    if (form.version !== '' && form.version !== issue.updatedAt) {
      // Someone saved since the form was opened: say so, change nothing (the browser keeps its form).
      return ctx.reply.code(409).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(t('deskComposer.stale', { when: utcTime(issue.updatedAt) }));
    }
    const draft = applyIssueOp(form.draft, form.op);
    const outcome = outcomeOf(t, form.op, draft);
    const choices = await getItemChoices(ctx.deps.db);
    return sendFragment(ctx, <SectionsEditor draft={draft} choices={choices} errors={undefined} announce={outcome ? `${outcome.announce} ${t('deskComposer.notSaved')}` : undefined} focus={outcome?.focus} />);
  }),

  // The story picker's search: a page of its own without JavaScript, JSON for the type-to-filter.
  staffRoute('GET', '/admin/issues/story-search', 'view_desk', async (ctx) => {
    const query = searchQuery.parse(ctx.request.query ?? {});
    const q = (query.q ?? '').slice(0, MAX_PICKER_QUERY);
    const found = await searchStoryChoices(ctx.deps.db, q);
    if (query.format === 'json') {
      return ctx.reply
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send({ q, more: found.more, message: ctx.locale.t('deskComposer.picker.count', { count: found.stories.length }), stories: found.stories.map((story) => ({ value: `story:${story.slug}`, title: story.title, slug: story.slug, kind: story.kind })) });
    }
    const issue = query.issue && ISSUE_SLUG.test(query.issue) ? await getEditableIssue(ctx.deps.db, query.issue).then((found) => found.issue, () => undefined) : undefined;
    return ctx.page(<StorySearchPage ctx={ctx} q={q} issue={issue} stories={found.stories} more={found.more} />);
  }),

  // The email editions before any send: the page (banner, subject, frame, plain text) …
  staffRoute('GET', '/admin/issues/:slug/emails', 'view_desk', async (ctx) => {
    const slug = slugOf(ctx);
    const query = emailQuery.parse(ctx.request.query ?? {});
    const edition = editionOf(query.edition);
    const language = languageOf(query.lang);
    const { issue } = await getEditableIssue(ctx.deps.db, slug);
    const preview = await previewEdition(ctx.deps, { slug, edition, language });
    return ctx.page(<EmailPreviewPage ctx={ctx} issue={issue} edition={edition} language={language} subject={preview.subject} text={preview.text} />);
  }),

  // … and the email itself, for the page's sandboxed frame, under a policy of its own.
  staffRoute('GET', '/admin/issues/:slug/emails/:edition/:lang', 'view_desk', async (ctx) => {
    const slug = slugOf(ctx);
    const params = ctx.request.params as { edition?: string; lang?: string };
    if (params.edition !== 'full' && params.edition !== 'teaser') throw new NotFound('There is no such edition.');
    if (!(LANGUAGES as readonly string[]).includes(params.lang ?? '')) throw new NotFound('There is no such language.');
    const preview = await previewEdition(ctx.deps, { slug, edition: params.edition, language: params.lang as Language });
    return ctx.reply
      .code(200)
      .header('content-security-policy', emailFramePolicy(ctx.deps.site.url))
      .header('x-frame-options', 'SAMEORIGIN')
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(preview.html);
  }),
];
