import type { ComponentChildren } from 'preact';
import { MEMBERS_ONLY_MARKER } from '../../content/body.js';
import { STORY_KINDS, type Page, type StoryDraft, type StorySummary, type StoryUse } from '../../stories/stories.js';
import type { Sector, Topic } from '../../content/taxonomy.service.js';
import { CSRF_FIELD } from '../../lib/request-security.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ActionButton, CheckboxGroup, ErrorSummary, RowButton, SelectField, TextArea, TextField, type FormErrors } from '../forms.js';
import type { PublicLock } from '../../issues/publicity.service.js';
import { PublicLockNotice, SaveBarUnlessLocked } from '../issues/public-lock-notice.js';
import { PreviewPanel } from './preview.js';
import { shortTime } from '../page-parts.js';

export const KIND_LABELS: Record<(typeof STORY_KINDS)[number], string> = {
  news: 'News',
  interview: 'Interview',
  statistic: 'Insightful statistics',
  announcement: 'Announcement',
};

/** Where the desk edits a story. */
export function storyEditPath(slug: string): string {
  return `/admin/stories/${slug}/edit`;
}

/** A status badge: draft, scheduled or published. */
export function StatusBadge({ status }: { status: StoryUse['status'] }) {
  return <span class={`status status--${status}`}>{status}</span>;
}

/** "2024 Spring Issue (published)" links, or "not in any issue". */
function Uses({ uses }: { uses: readonly StoryUse[] }) {
  if (uses.length === 0) return <>not in any issue</>;
  return (
    <>
      {uses.map((use, index) => (
        <>
          {index > 0 ? ', ' : null}
          <a href={`/admin/issues/${use.issueSlug}/edit`}>{use.issueTitle}</a> <StatusBadge status={use.status} />
        </>
      ))}
    </>
  );
}

export interface StoryListFilter {
  readonly q: string;
  readonly kind: string;
  readonly topic: string;
  readonly sector: string;
  readonly used: string;
}

function listHref(filter: StoryListFilter, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/admin/stories?${query}` : '/admin/stories';
}

/** The story list: search, filters, one page of stories, paging. */
export function StoryListPage({
  ctx,
  page,
  filter,
  topics,
  sectors,
}: {
  ctx: StaffContext;
  page: Page<StorySummary>;
  filter: StoryListFilter;
  topics: readonly Topic[];
  sectors: readonly Sector[];
}) {
  const number = Math.floor(page.offset / page.limit) + 1;
  const last = Math.max(1, Math.ceil(page.total / page.limit));
  const select = (name: keyof StoryListFilter, label: string, options: readonly { value: string; label: string }[]) => (
    <label>
      {label}
      <select name={name}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option.value} value={option.value} selected={filter[name] === option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <AdminLayout site={ctx.deps.site} title="Stories" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/stories">
      <h1>Stories</h1>
      {ctx.can('draft_content') ? (
        <p class="actions">
          <a class="button" href="/admin/stories/new">
            New story
          </a>
        </p>
      ) : null}
      <form method="get" action="/admin/stories" class="filters" role="search">
        <label>
          Search <input type="search" name="q" value={filter.q} placeholder="title, slug or text" />
        </label>
        {select('kind', 'Kind', STORY_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] })))}
        {select('topic', 'Topic', topics.map((t) => ({ value: t.slug, label: t.name })))}
        {select('sector', 'Sector', sectors.map((s) => ({ value: s.slug, label: s.name })))}
        {select('used', 'In an issue', [
          { value: 'yes', label: 'In an issue' },
          { value: 'no', label: 'Not in any issue' },
        ])}
        <button type="submit" class="button button--quiet">
          Filter
        </button>
      </form>
      <p>
        {page.total === 0 ? (
          'No stories match.'
        ) : page.items.length === 0 ? (
          <>
            This page is past the end of the list. <a href={listHref(filter, 1)}>Go to the first page</a>.
          </>
        ) : (
          `Showing ${page.offset + 1}–${page.offset + page.items.length} of ${page.total} ${page.total === 1 ? 'story' : 'stories'}, most recently changed first.`
        )}
      </p>
      {page.items.length > 0 ? (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Kind</th>
              <th scope="col">Members-only part</th>
              <th scope="col">Issues</th>
              <th scope="col">Changed (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((story) => (
              <tr key={story.id}>
                <td>
                  <a href={storyEditPath(story.slug)}>{story.title}</a>
                  <br />
                  <code>{story.slug}</code>
                </td>
                <td>{KIND_LABELS[story.kind]}</td>
                <td>{story.hasMembersOnly ? 'yes' : 'no'}</td>
                <td>
                  <Uses uses={story.issues} />
                </td>
                <td>{shortTime(story.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {last > 1 ? (
        <nav class="actions" aria-label="Pages">
          {number > 1 ? <a href={listHref(filter, number - 1)}>← Previous page</a> : null}
          <span>
            Page {number} of {last}
          </span>
          {number < last ? <a href={listHref(filter, number + 1)}>Next page →</a> : null}
        </nav>
      ) : null}
    </AdminLayout>
  );
}

/** Source rows: fixed blank rows plus "add more rows"; move and remove buttons per row. */
function SourcesEditor({ draft, errors }: { draft: StoryDraft; errors: FormErrors | undefined }) {
  const last = draft.sources.length - 1;
  const messages = errors?.fields.sources ?? [];
  return (
    <fieldset class="field" id="field-sources">
      <legend>Sources</legend>
      <p class="field__hint">Shown as “Sources: Author, Outlet, Date / …”. Only the outlet is required; links must start with http:// or https://. Empty rows are ignored.</p>
      {messages.map((message, index) => (
        <p key={index} class="field__error">
          {message}
        </p>
      ))}
      {draft.sources.map((source, index) => (
        <fieldset key={index} class="field source-row">
          <legend>Source {index + 1}</legend>
          <TextField name={`sources.${index}.author`} label="Author" value={source.author} errors={errors} />
          <TextField name={`sources.${index}.title`} label="Document title" value={source.title} errors={errors} />
          <TextField name={`sources.${index}.outlet`} label="Outlet" value={source.outlet} errors={errors} />
          <TextField name={`sources.${index}.published_on`} label="Published on" type="date" value={source.publishedOn} errors={errors} />
          <TextField name={`sources.${index}.url`} label="Link" type="url" value={source.url} errors={errors} />
          <div class="actions">
            {index > 0 ? <RowButton op={`source-up:${index}`} label={`Move source ${index + 1} up`} /> : null}
            {index < last ? <RowButton op={`source-down:${index}`} label={`Move source ${index + 1} down`} /> : null}
            <RowButton op={`source-remove:${index}`} label={`Remove source ${index + 1}`} />
          </div>
        </fieldset>
      ))}
      <div class="actions">
        <RowButton op="add-rows" label="Add more rows" />
      </div>
    </fieldset>
  );
}

export interface StoryEditProps {
  readonly ctx: StaffContext;
  /** undefined for a new story. */
  readonly slug: string | undefined;
  readonly draft: StoryDraft;
  readonly version: string;
  readonly uses: readonly StoryUse[];
  readonly topics: readonly Topic[];
  readonly sectors: readonly Sector[];
  readonly errors?: FormErrors | undefined;
  /** The rendered preview fragment, when there is one. */
  readonly preview?: ComponentChildren;
  /** Shown when the page is a re-render of unsaved changes. */
  readonly unsaved?: boolean;
  /** Why the one looking may not change this story (it is public), when they may not: the page says so and offers no Save. */
  readonly lock?: PublicLock | undefined;
}

/** Create or edit a story, with the preview beside the form. */
export function StoryEditPage({ ctx, slug, draft, version, uses, topics, sectors, errors, preview, unsaved, lock }: StoryEditProps) {
  const action = slug ? storyEditPath(slug) : '/admin/stories/new';
  const live = uses.filter((use) => use.status !== 'draft');
  return (
    <AdminLayout site={ctx.deps.site} title={slug ? `Edit: ${draft.title || slug}` : 'New story'} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/stories">
      <p>
        <a href="/admin/stories">← Stories</a>
      </p>
      <h1>{slug ? draft.title || slug : 'New story'}</h1>
      {slug ? (
        <p>
          In: <Uses uses={uses} />.{' '}
          {live.length > 0 ? (
            <>
              Public page:{' '}
              <a href={`/stories/${slug}`} target="_blank" rel="noopener">
                /stories/{slug}
              </a>
            </>
          ) : (
            'Readers see it once an issue with it is published.'
          )}
        </p>
      ) : null}
      {unsaved && !lock ? (
        <p class="attention" role="status">
          Not saved yet: press Save to keep these changes.
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      {errors ? null : <PublicLockNotice lock={lock} />}
      <div class="editor">
        <form method="post" action={action} class="form form--wide" data-preview-url="/admin/stories/preview" data-preview-target="preview">
          <input type="hidden" name={CSRF_FIELD} value={ctx.csrf} />
          <input type="hidden" name="version" value={version} />
          <SaveBarUnlessLocked lock={lock} />
          <TextField
            name="slug"
            label="Slug"
            value={draft.slug}
            required
            errors={errors}
            hint={`The story's address: /stories/<slug>. Lowercase letters, digits and single hyphens.${live.length > 0 ? ' It cannot change while the story is in a published or scheduled issue.' : ''}`}
          />
          <TextField name="title" label="Title" value={draft.title} required errors={errors} />
          <SelectField name="kind" label="Kind" value={draft.kind} options={STORY_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))} errors={errors} />
          <TextArea
            name="body"
            label="Text (Markdown)"
            value={draft.body}
            rows={18}
            class="markdown"
            errors={errors}
            hint={`The public teaser first. Then, on a line of its own, exactly ${MEMBERS_ONLY_MARKER} and the members-only part below it. Without that line the whole text is public.`}
          />
          <CheckboxGroup name="topics" legend="Topics" options={topics.map((t) => ({ value: t.slug, label: t.name }))} checked={draft.topics} errors={errors} />
          <CheckboxGroup name="sectors" legend="Sectors" options={sectors.map((s) => ({ value: s.slug, label: s.name }))} checked={draft.sectors} errors={errors} />
          <TextArea name="organizations" label="Organizations mentioned" value={draft.organizations} rows={4} errors={errors} hint="One per line, as written in the story." />
          <SourcesEditor draft={draft} errors={errors} />
          <SaveBarUnlessLocked lock={lock} />
        </form>
        <PreviewPanel>{preview ?? <p>Press Preview (or start typing, with JavaScript on) to see the teaser and the members-only part.</p>}</PreviewPanel>
      </div>
      {slug && ctx.can('publish_content') ? (
        <p>
          <a href={`/admin/stories/${slug}/delete`}>Delete this story…</a>
        </p>
      ) : null}
    </AdminLayout>
  );
}

/** Confirm deletion, or explain why the story cannot be deleted. */
export function StoryDeletePage({ ctx, slug, title, blocker }: { ctx: StaffContext; slug: string; title: string; blocker: string | undefined }) {
  return (
    <AdminLayout site={ctx.deps.site} title={`Delete: ${title}`} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/stories">
      <p>
        <a href={storyEditPath(slug)}>← Back to the story</a>
      </p>
      <h1>Delete “{title}”?</h1>
      {blocker ? (
        <div class="error-summary" role="alert">
          <h2>This story cannot be deleted</h2>
          <p>{blocker}</p>
        </div>
      ) : (
        <>
          <p>The story, its sources and tags are removed for good. This cannot be undone.</p>
          <div class="actions">
            <ActionButton action={`/admin/stories/${slug}/delete`} csrf={ctx.csrf} label="Delete the story" tone="danger" />
            <a href={storyEditPath(slug)}>Keep it</a>
          </div>
        </>
      )}
    </AdminLayout>
  );
}
