import type { CurationItem, CurationSource, InboxEntry } from '../../curation/curation.js';
import { sanitiseItemHtml } from '../../curation/item-html.js';
import type { Translate } from '../../i18n/messages.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ActionButton, ErrorSummary, Form, SelectField, TextArea, TextField, type FormErrors } from '../forms.js';
import { FilterForm, FilterSelect, PageHeading, utcTime } from '../page-parts.js';
import { storyEditPath } from '../stories/story.pages.js';

// The desk's curation inbox: the list of entries (a cluster shown once, with all its sources)
// with its filters and quick actions, and one entry with its items, triage and Promote.

/** A term as the filters and tags name it. */
export interface TermChoice {
  readonly slug: string;
  readonly name: string;
}

/** An upcoming issue an entry can be put on the board of. */
export interface BoardChoice {
  readonly id: number;
  readonly slug: string;
  readonly title: string;
}

/** What the inbox's filter form holds, as typed. */
export interface InboxQuery {
  readonly source: string;
  readonly topic: string;
  readonly sector: string;
  readonly language: string;
  readonly since: string;
  readonly until: string;
  readonly unread: boolean;
  readonly starred: boolean;
  readonly dismissed: boolean;
  readonly board: string;
  readonly page: number;
}

export const INBOX_PATH = '/admin/inbox';
export const LANGUAGES = ['en', 'de', 'zh'] as const;

/** `url` for an empty or absolute address; `text` when re-showing what was typed, which a url input may not hold. */
export function urlInputType(value: string): 'url' | 'text' {
  if (value === '') return 'url';
  try {
    return /^https?:$/.test(new URL(value).protocol) ? 'url' : 'text';
  } catch {
    return 'text';
  }
}

export function entryPath(id: number): string {
  return `/admin/inbox/items/${id}`;
}

function queryString(query: InboxQuery, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['source', 'topic', 'sector', 'language', 'since', 'until', 'board'] as const) if (query[key]) params.set(key, query[key]);
  for (const key of ['unread', 'starred', 'dismissed'] as const) if (query[key]) params.set(key, '1');
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The sub-pages of the inbox, shown on each of them. */
export function InboxNav({ t }: { t: Translate }) {
  return (
    <nav aria-label={t('deskCuration.subnav')}>
      <ul class="inline-list">
        <li>
          <a href={INBOX_PATH}>{t('deskCuration.title')}</a>
        </li>
        <li>
          <a href="/admin/inbox/sources">{t('deskCuration.sources.title')}</a>
        </li>
        <li>
          <a href="/admin/inbox/rules">{t('deskCuration.rules.title')}</a>
        </li>
        <li>
          <a href="/admin/inbox/boards">{t('deskCuration.boards.title')}</a>
        </li>
      </ul>
    </nav>
  );
}

function Flags({ t, item }: { t: Translate; item: CurationItem }) {
  const flags = [
    item.read ? null : t('deskCuration.flag.unread'),
    item.starred ? t('deskCuration.flag.starred') : null,
    item.dismissed ? t('deskCuration.flag.dismissed') : null,
    item.storyId !== null ? t('deskCuration.flag.promoted') : null,
  ].filter((flag): flag is string => flag !== null);
  return flags.length > 0 ? <small class="badge">{flags.join(' · ')}</small> : null;
}

function Citation({ t, item }: { t: Translate; item: CurationItem }) {
  const parts = [item.author, item.outlet, item.publishedAt ? utcTime(item.publishedAt) : null].filter(Boolean).join(', ');
  const link = item.canonicalUrl ?? item.url;
  return (
    <>
      {parts}
      {link && /^https?:\/\//.test(link) ? (
        <>
          {' · '}
          <a href={link} rel="noopener noreferrer nofollow" target="_blank">
            {t('deskCuration.original')}
          </a>
        </>
      ) : null}
    </>
  );
}

function tagNames(slugs: readonly string[], terms: readonly TermChoice[]): string {
  return slugs.map((slug) => terms.find((term) => term.slug === slug)?.name ?? slug).join(', ');
}

/** `/admin/inbox`: the entries matching the filters, newest first, an article form on top. */
export function InboxPage({ ctx, entries, total, pageSize, query, sources, topics, sectors, boards, addErrors, addUrl }: {
  ctx: StaffContext;
  entries: readonly InboxEntry[];
  total: number;
  pageSize: number;
  query: InboxQuery;
  sources: readonly CurationSource[];
  topics: readonly TermChoice[];
  sectors: readonly TermChoice[];
  boards: readonly BoardChoice[];
  addErrors?: FormErrors | undefined;
  addUrl?: string;
}) {
  const { t } = ctx.locale;
  const title = t('deskCuration.title');
  const any = { value: '', label: t('deskCuration.any') };
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section={INBOX_PATH}>
      <h1>{title}</h1>
      <InboxNav t={t} />
      <p>{t('deskCuration.intro', { count: total })}</p>
      <h2>{t('deskCuration.article.heading')}</h2>
      <ErrorSummary errors={addErrors} />
      <Form action="/admin/inbox/articles" csrf={ctx.csrf}>
        <TextField name="url" type={urlInputType(addUrl ?? '')} label={t('deskCuration.article.url')} hint={t('deskCuration.article.hint')} value={addUrl ?? ''} errors={addErrors} />
        <p>
          <button type="submit" class="button">
            {t('deskCuration.article.add')}
          </button>
        </p>
      </Form>
      <h2>{t('deskCuration.entries')}</h2>
      <FilterForm action={INBOX_PATH}>
        <FilterSelect name="source" label={t('deskCuration.filter.source')} value={query.source} options={[any, ...sources.map((source) => ({ value: String(source.id), label: source.title || source.url }))]} />
        <FilterSelect name="topic" label={t('deskCuration.filter.topic')} value={query.topic} options={[any, ...topics.map((topic) => ({ value: topic.slug, label: topic.name }))]} />
        <FilterSelect name="sector" label={t('deskCuration.filter.sector')} value={query.sector} options={[any, ...sectors.map((sector) => ({ value: sector.slug, label: sector.name }))]} />
        <FilterSelect name="language" label={t('deskCuration.filter.language')} value={query.language} options={[any, ...LANGUAGES.map((language) => ({ value: language, label: t('deskCuration.language', { language }) }))]} />
        <FilterSelect name="board" label={t('deskCuration.filter.board')} value={query.board} options={[any, ...boards.map((board) => ({ value: String(board.id), label: board.title }))]} />
        <label>
          {t('deskCuration.filter.since')}
          <input type="date" name="since" value={query.since} />
        </label>
        <label>
          {t('deskCuration.filter.until')}
          <input type="date" name="until" value={query.until} />
        </label>
        <label>
          <input type="checkbox" name="unread" value="1" checked={query.unread} /> {t('deskCuration.filter.unread')}
        </label>
        <label>
          <input type="checkbox" name="starred" value="1" checked={query.starred} /> {t('deskCuration.filter.starred')}
        </label>
        <label>
          <input type="checkbox" name="dismissed" value="1" checked={query.dismissed} /> {t('deskCuration.filter.dismissed')}
        </label>
      </FilterForm>
      {entries.length === 0 ? (
        <p>{t('deskCuration.noMatch')}</p>
      ) : (
        <ol class="curation-entries">
          {entries.map(({ lead, items }) => (
            <li key={lead.id} class="curation-entry">
              <h3>
                <a href={entryPath(lead.id)}>{lead.title}</a> <Flags t={t} item={lead} />
              </h3>
              <p>
                <Citation t={t} item={lead} />
              </p>
              {items.length > 1 ? (
                <p>
                  {t('deskCuration.alsoIn', { count: items.length - 1 })} {items.slice(1).map((item) => item.outlet).join(' · ')}
                </p>
              ) : null}
              {lead.topics.length + lead.sectors.length > 0 ? <p>{t('deskCuration.tags', { tags: [tagNames(lead.topics, topics), tagNames(lead.sectors, sectors)].filter(Boolean).join(' · ') })}</p> : null}
              <div class="button-row">
                {lead.storyId === null ? <ActionButton action={`${entryPath(lead.id)}/promote`} csrf={ctx.csrf} label={t('deskCuration.promote')} /> : null}
                <ActionButton action={`${entryPath(lead.id)}/act`} csrf={ctx.csrf} tone="quiet" label={lead.starred ? t('deskCuration.unstar') : t('deskCuration.star')} fields={{ action: lead.starred ? 'unstar' : 'star', back: queryString(query, query.page) }} />
                <ActionButton action={`${entryPath(lead.id)}/act`} csrf={ctx.csrf} tone="quiet" label={lead.dismissed ? t('deskCuration.restore') : t('deskCuration.dismiss')} fields={{ action: lead.dismissed ? 'restore' : 'dismiss', back: queryString(query, query.page) }} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {pages > 1 ? (
        <p>
          {query.page > 1 ? <a href={`${INBOX_PATH}${queryString(query, query.page - 1)}`}>{t('deskCuration.previous')}</a> : null}{' '}
          {t('deskCuration.pageOf', { page: query.page, pages })}{' '}
          {query.page < pages ? <a href={`${INBOX_PATH}${queryString(query, query.page + 1)}`}>{t('deskCuration.next')}</a> : null}
        </p>
      ) : null}
    </AdminLayout>
  );
}

/** `/admin/inbox/items/<id>`: the entry's items, what it became, triage, the actions. */
export function EntryPage({ ctx, entry, story, staff, boards, topics, sectors, errors, form }: {
  ctx: StaffContext;
  entry: InboxEntry;
  story: { slug: string; title: string } | undefined;
  staff: readonly { id: number; label: string }[];
  boards: readonly BoardChoice[];
  topics: readonly TermChoice[];
  sectors: readonly TermChoice[];
  errors?: FormErrors | undefined;
  form?: { note: string; assignee: string; board: string };
}) {
  const { t } = ctx.locale;
  const { lead } = entry;
  const path = entryPath(lead.id);
  return (
    <AdminLayout site={ctx.deps.site} title={lead.title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section={INBOX_PATH}>
      <PageHeading back={{ href: INBOX_PATH, label: t('deskCuration.title') }} title={lead.title} />
      <ErrorSummary errors={errors} />
      {story ? (
        <p class="notice">
          {t('deskCuration.became')} <a href={storyEditPath(story.slug)}>{story.title}</a>
        </p>
      ) : (
        <Form action={`${path}/promote`} csrf={ctx.csrf}>
          <p>{t('deskCuration.promoteHow', { count: entry.items.length })}</p>
          <p>
            <button type="submit" class="button">
              {t('deskCuration.promote')}
            </button>
          </p>
        </Form>
      )}
      <div class="button-row">
        <ActionButton action={`${path}/act`} csrf={ctx.csrf} tone="quiet" label={lead.starred ? t('deskCuration.unstar') : t('deskCuration.star')} fields={{ action: lead.starred ? 'unstar' : 'star', back: 'item' }} />
        <ActionButton action={`${path}/act`} csrf={ctx.csrf} tone="quiet" label={lead.dismissed ? t('deskCuration.restore') : t('deskCuration.dismiss')} fields={{ action: lead.dismissed ? 'restore' : 'dismiss', back: 'item' }} />
        <ActionButton action={`${path}/act`} csrf={ctx.csrf} tone="quiet" label={t('deskCuration.markUnread')} fields={{ action: 'unread', back: 'item' }} />
      </div>
      {lead.topics.length + lead.sectors.length > 0 ? <p>{t('deskCuration.tags', { tags: [tagNames(lead.topics, topics), tagNames(lead.sectors, sectors)].filter(Boolean).join(' · ') })}</p> : null}
      <h2>{t('deskCuration.itemsHeading', { count: entry.items.length })}</h2>
      {entry.items.map((item) => (
        <article key={item.id} class="curation-item">
          <h3>{item.title}</h3>
          <p>
            <Citation t={t} item={item} />
            {' · '}
            {item.sourceTitle ? t('deskCuration.fromSource', { source: item.sourceTitle }) : t('deskCuration.byHand')}
          </p>
          {item.summary ? <blockquote>{item.summary}</blockquote> : null}
          {item.contentHtml && item.contentHtml !== item.summary ? <div class="curation-content" dangerouslySetInnerHTML={{ __html: sanitiseItemHtml(item.contentHtml) }} /> : null}
        </article>
      ))}
      <h2>{t('deskCuration.triage')}</h2>
      <Form action={`${path}/triage`} csrf={ctx.csrf}>
        <SelectField
          name="assignee"
          label={t('deskCuration.assignee')}
          value={form?.assignee ?? (lead.assigneeId === null ? '' : String(lead.assigneeId))}
          options={[{ value: '', label: t('deskCuration.nobody') }, ...staff.map((one) => ({ value: String(one.id), label: one.label }))]}
          errors={errors}
        />
        <SelectField
          name="board"
          label={t('deskCuration.board')}
          value={form?.board ?? (lead.boardIssueId === null ? '' : String(lead.boardIssueId))}
          options={[{ value: '', label: t('deskCuration.noBoard') }, ...boards.map((board) => ({ value: String(board.id), label: board.title }))]}
          errors={errors}
        />
        <TextArea name="note" label={t('deskCuration.note')} value={form?.note ?? lead.note} rows={4} errors={errors} />
        <p>
          <button type="submit" class="button">
            {t('deskCuration.saveTriage')}
          </button>
        </p>
      </Form>
    </AdminLayout>
  );
}

/** Beside a promoted story's edit form: the entry it came from and the sources' summaries (the editor's note). */
export function PromotedFrom({ t, items }: { t: Translate; items: readonly CurationItem[] }) {
  if (items.length === 0) return null;
  const lead = items.find((item) => item.id === item.clusterId) ?? items[0]!;
  return (
    <aside class="notice" aria-labelledby="promoted-from">
      <h2 id="promoted-from">{t('deskCuration.editorNote')}</h2>
      <p>
        {t('deskCuration.promotedFrom')} <a href={entryPath(lead.id)}>{lead.title}</a>
      </p>
      {items
        .filter((item) => item.summary)
        .map((item) => (
          <p key={item.id}>
            <strong>{item.outlet}</strong>
            {': '}
            {item.summary}
          </p>
        ))}
    </aside>
  );
}
