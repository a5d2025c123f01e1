import { z } from 'zod';
import { getSectors, getTopics } from '../../content/taxonomy.service.js';
import type { InboxFilter } from '../../curation/curation.js';
import { actOnEntry, addArticle, addRule, getEntry, listInbox, listRules, removeRule, type EntryAction } from '../../curation/inbox.service.js';
import { addSource, listSources, removeSource } from '../../curation/sources.service.js';
import { promoteEntry } from '../../issues/curation-promotion.service.js';
import { listAllIssues } from '../../issues/issues.service.js';
import { Invalid } from '../../lib/errors.js';
import { SLUG } from '../../lib/slug.js';
import { listStaff } from '../../staff/staff.service.js';
import { getStoriesByIds } from '../../stories/stories.service.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { failedStatus, formErrorsOf, formText, idParams, type FormErrors } from '../forms.js';
import { storyEditPath } from '../stories/story.pages.js';
import { entryPath, EntryPage, INBOX_PATH, InboxPage, LANGUAGES, type BoardChoice, type InboxQuery } from './inbox-pages.js';
import { BoardsPage, RulesPage, SourcesPage } from './setup-pages.js';

// The desk's curation inbox (docs/curation.md): thin handlers over curation/ and, for Promote,
// issues/curation-promotion.service.ts. Every change is a POST with CSRF and a 303 back.

const PAGE_SIZE = 50;
const flag = z.unknown().transform((value) => value === '1');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).or(z.literal('')).catch('');
const listQuery = z.object({
  source: z.string().regex(/^\d{1,12}$/).or(z.literal('')).catch(''),
  topic: z.string().regex(SLUG).or(z.literal('')).catch(''),
  sector: z.string().regex(SLUG).or(z.literal('')).catch(''),
  language: z.enum(LANGUAGES).or(z.literal('')).catch(''),
  since: day,
  until: day,
  unread: flag,
  starred: flag,
  dismissed: flag,
  board: z.string().regex(/^\d{1,12}$/).or(z.literal('')).catch(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

function filterOf(query: InboxQuery): InboxFilter {
  return {
    sourceId: query.source ? Number(query.source) : undefined, topic: query.topic || undefined, sector: query.sector || undefined, language: query.language || undefined,
    since: query.since || undefined, until: query.until || undefined, unread: query.unread, starred: query.starred, dismissed: query.dismissed,
    boardIssueId: query.board ? Number(query.board) : undefined,
  };
}

/** The colleagues an entry can be assigned to: active staff. */
async function assigneeChoices(db: StaffContext['deps']['db']): Promise<{ id: number; label: string }[]> {
  return (await listStaff(db)).filter((staff) => staff.active).map((staff) => ({ id: staff.id, label: staff.name || staff.email }));
}

function curationDeps(ctx: StaffContext) {
  return { db: ctx.deps.db, clock: ctx.deps.clock, fetcher: ctx.deps.fetcher };
}

/** The upcoming issues (draft or scheduled), whose boards entries can be put on. */
async function upcomingIssues(ctx: StaffContext): Promise<BoardChoice[]> {
  return (await listAllIssues(ctx.deps.db)).filter((issue) => issue.status !== 'published').map((issue) => ({ id: issue.id, slug: issue.slug, title: issue.title }));
}

async function terms(ctx: StaffContext) {
  const [topics, sectors] = await Promise.all([getTopics(ctx.deps.db), getSectors(ctx.deps.db)]);
  return { topics: topics.map((topic) => ({ slug: topic.slug, name: topic.name })), sectors: sectors.map((sector) => ({ slug: sector.slug, name: sector.name })) };
}

async function renderInbox(ctx: StaffContext, query: InboxQuery, options: { addErrors?: FormErrors; addUrl?: string; status?: number } = {}) {
  const [{ entries, total }, sources, { topics, sectors }, boards] = await Promise.all([
    listInbox(ctx.deps.db, filterOf(query), { limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE }), listSources(ctx.deps.db), terms(ctx), upcomingIssues(ctx),
  ]);
  return ctx.page(
    <InboxPage ctx={ctx} entries={entries} total={total} pageSize={PAGE_SIZE} query={query} sources={sources} topics={topics} sectors={sectors} boards={boards} addErrors={options.addErrors} addUrl={options.addUrl} />,
    options.status ?? 200,
  );
}

async function renderEntry(ctx: StaffContext, id: number, options: { errors?: FormErrors; form?: { note: string; assignee: string; board: string }; status?: number } = {}) {
  const entry = await getEntry(ctx.deps.db, id);
  const [staff, boards, { topics, sectors }, stories] = await Promise.all([
    assigneeChoices(ctx.deps.db), upcomingIssues(ctx), terms(ctx), getStoriesByIds(ctx.deps.db, entry.lead.storyId === null ? [] : [entry.lead.storyId]),
  ]);
  const story = entry.lead.storyId === null ? undefined : stories.get(entry.lead.storyId);
  return ctx.page(
    <EntryPage ctx={ctx} entry={entry} story={story && { slug: story.slug, title: story.title }} staff={staff} boards={boards} topics={topics} sectors={sectors} errors={options.errors} form={options.form} />,
    options.status ?? 200,
  );
}

async function renderSources(ctx: StaffContext, options: { errors?: FormErrors; url?: string; status?: number } = {}) {
  return ctx.page(<SourcesPage ctx={ctx} sources={await listSources(ctx.deps.db)} errors={options.errors} url={options.url} />, options.status ?? 200);
}

async function renderRules(ctx: StaffContext, options: { errors?: FormErrors; form?: { phrase: string; action: string; value: string }; status?: number } = {}) {
  const { topics, sectors } = await terms(ctx);
  return ctx.page(<RulesPage ctx={ctx} rules={await listRules(ctx.deps.db)} topics={topics} sectors={sectors} errors={options.errors} form={options.form} />, options.status ?? 200);
}

const ACTIONS = ['star', 'unstar', 'dismiss', 'restore', 'read', 'unread'] as const;
const actForm = z.object({ action: z.enum(ACTIONS), back: z.string().max(2000).catch('') });

/** Where a quick action returns: the entry, or the inbox with the filters it was pressed under. */
function backOf(id: number, back: string): string {
  if (back === 'item') return entryPath(id);
  return /^\?[A-Za-z0-9_=&%.-]*$/.test(back) ? `${INBOX_PATH}${back}` : INBOX_PATH;
}

/** The curation inbox: entries, one entry, quick actions, triage, promote, articles, sources, rules, boards. */
export const curationRoutes: readonly AdminRoute[] = [
  staffRoute('GET', INBOX_PATH, 'manage_curation', async (ctx) => renderInbox(ctx, listQuery.parse(ctx.request.query ?? {}))),

  staffRoute('GET', '/admin/inbox/items/:id', 'manage_curation', async (ctx) => {
    const { id } = idParams.parse(ctx.request.params);
    const entry = await getEntry(ctx.deps.db, id);
    // Opening an entry reads it.
    if (!entry.lead.read) await actOnEntry(ctx.deps, ctx.actor, id, { kind: 'read' });
    return renderEntry(ctx, entry.lead.id);
  }),

  staffRoute('POST', '/admin/inbox/items/:id/act', 'manage_curation', async (ctx) => {
    const { id } = idParams.parse(ctx.request.params);
    const parsed = actForm.safeParse(ctx.request.body ?? {});
    if (!parsed.success) return renderEntry(ctx, id, { errors: formErrorsOf(new Invalid(ctx.locale.t('deskCuration.unknownAction'))), status: 400 });
    await actOnEntry(ctx.deps, ctx.actor, id, { kind: parsed.data.action } as EntryAction);
    return ctx.redirect(backOf(id, parsed.data.back), ctx.locale.t('deskCuration.done', { action: parsed.data.action }));
  }),

  staffRoute('POST', '/admin/inbox/items/:id/triage', 'manage_curation', async (ctx) => {
    const { id } = idParams.parse(ctx.request.params);
    const form = z.object({ note: formText, assignee: formText, board: formText }).parse(ctx.request.body ?? {});
    try {
      const staff = await assigneeChoices(ctx.deps.db);
      const boards = await upcomingIssues(ctx);
      const assigneeId = form.assignee === '' ? null : staff.find((one) => String(one.id) === form.assignee)?.id;
      const issueId = form.board === '' ? null : boards.find((board) => String(board.id) === form.board)?.id;
      const problems = [
        ...(assigneeId === undefined ? [{ where: 'assignee', message: ctx.locale.t('deskCuration.chooseAssignee') }] : []),
        ...(issueId === undefined ? [{ where: 'board', message: ctx.locale.t('deskCuration.chooseBoard') }] : []),
      ];
      if (problems.length > 0) throw new Invalid(ctx.locale.t('deskCuration.notSaved'), problems);
      const note = form.note.replace(/\r\n?/g, '\n').trim();
      const entry = await getEntry(ctx.deps.db, id);
      const changes: EntryAction[] = [];
      if (entry.lead.note !== note) changes.push({ kind: 'note', note });
      if (entry.lead.assigneeId !== assigneeId) changes.push({ kind: 'assign', staffId: assigneeId ?? null });
      if (entry.lead.boardIssueId !== issueId) changes.push({ kind: 'board', issueId: issueId ?? null });
      for (const change of changes) await actOnEntry(ctx.deps, ctx.actor, id, change);
      return ctx.redirect(entryPath(entry.lead.id), ctx.locale.t('deskCuration.saved'));
    } catch (error) {
      return renderEntry(ctx, id, { errors: formErrorsOf(error), form, status: failedStatus(error) });
    }
  }),

  staffRoute('POST', '/admin/inbox/items/:id/promote', 'manage_curation', async (ctx) => {
    const { id } = idParams.parse(ctx.request.params);
    try {
      const promotion = await promoteEntry(ctx.deps.db, ctx.deps.clock, ctx.actor, id);
      ctx.deps.contentChanged?.();
      return ctx.redirect(storyEditPath(promotion.slug), ctx.locale.t('deskCuration.promoted'));
    } catch (error) {
      return renderEntry(ctx, id, { errors: formErrorsOf(error), status: failedStatus(error) });
    }
  }),

  staffRoute('POST', '/admin/inbox/articles', 'manage_curation', async (ctx) => {
    const { url } = z.object({ url: formText }).parse(ctx.request.body ?? {});
    try {
      const id = await addArticle(curationDeps(ctx), ctx.actor, url);
      return ctx.redirect(entryPath(id), ctx.locale.t('deskCuration.article.added'));
    } catch (error) {
      return renderInbox(ctx, listQuery.parse({}), { addErrors: formErrorsOf(error), addUrl: url, status: failedStatus(error) });
    }
  }),

  staffRoute('GET', '/admin/inbox/sources', 'manage_curation', async (ctx) => renderSources(ctx)),

  staffRoute('POST', '/admin/inbox/sources', 'manage_curation', async (ctx) => {
    const { url } = z.object({ url: formText }).parse(ctx.request.body ?? {});
    try {
      const added = await addSource(curationDeps(ctx), ctx.actor, url);
      return ctx.redirect('/admin/inbox/sources', ctx.locale.t('deskCuration.sources.added', { url: added.url }));
    } catch (error) {
      return renderSources(ctx, { errors: formErrorsOf(error), url, status: failedStatus(error) });
    }
  }),

  staffRoute('POST', '/admin/inbox/sources/remove', 'manage_curation', async (ctx) => {
    const { url } = z.object({ url: formText }).parse(ctx.request.body ?? {});
    try {
      await removeSource(ctx.deps, ctx.actor, url);
      return ctx.redirect('/admin/inbox/sources', ctx.locale.t('deskCuration.sources.removed', { url }));
    } catch (error) {
      return renderSources(ctx, { errors: formErrorsOf(error), status: failedStatus(error) });
    }
  }),

  staffRoute('GET', '/admin/inbox/rules', 'manage_curation', async (ctx) => renderRules(ctx)),

  staffRoute('POST', '/admin/inbox/rules', 'manage_curation', async (ctx) => {
    const form = z.object({ phrase: formText, action: formText, value: formText }).parse(ctx.request.body ?? {});
    try {
      const { topics, sectors } = await terms(ctx);
      const changed = await addRule(ctx.deps, ctx.actor, form, { topics: new Set(topics.map((topic) => topic.slug)), sectors: new Set(sectors.map((sector) => sector.slug)) });
      return ctx.redirect('/admin/inbox/rules', ctx.locale.t('deskCuration.rules.added', { count: changed }));
    } catch (error) {
      return renderRules(ctx, { errors: formErrorsOf(error), form, status: failedStatus(error) });
    }
  }),

  staffRoute('POST', '/admin/inbox/rules/:id/remove', 'manage_curation', async (ctx) => {
    const { id } = idParams.parse(ctx.request.params);
    await removeRule(ctx.deps, ctx.actor, id);
    return ctx.redirect('/admin/inbox/rules', ctx.locale.t('deskCuration.rules.removed'));
  }),

  staffRoute('GET', '/admin/inbox/boards', 'manage_curation', async (ctx) => {
    const boards = await upcomingIssues(ctx);
    const filled = await Promise.all(
      boards.map(async (board) => ({ board, entries: (await listInbox(ctx.deps.db, { boardIssueId: board.id }, { limit: 200, offset: 0 })).entries })),
    );
    return ctx.page(<BoardsPage ctx={ctx} boards={filled} />);
  }),
];
