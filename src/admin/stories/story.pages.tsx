import type { ComponentChildren } from 'preact';
import { TranslationBadges, TranslationsBox } from '../translations/translation.pages.js';
import type { TranslationLanguage, TranslationState } from '../../translations/translations.js';
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
import { shortTime, TextWith } from '../page-parts.js';
import { useLocale } from '../../web/locale.js';
import type { Translate } from '../../i18n/messages.js';
import type { MediaItem } from '../../media/media.js';
import { LeadImageField, ExternalImagesWarning } from '../media/media-parts.js';
import { WritingToolbar } from '../writing/writing-toolbar.js';
import { ImageImportPanel } from '../writing/image-import.js';
import type { ImageImportResult } from '../../issues/story-images.service.js';

/** A story kind's name in the desk's language. */
export function kindLabel(t: Translate, kind: (typeof STORY_KINDS)[number]): string {
  return t('deskEditing.story.kindName', { kind });
}

/** Where the desk edits a story. */
export function storyEditPath(slug: string): string {
  return `/admin/stories/${slug}/edit`;
}

/** A status badge: draft, scheduled or published. */
export function StatusBadge({ status }: { status: StoryUse['status'] }) {
  const { t } = useLocale();
  return <span class={`status status--${status}`}>{t('deskEditing.status', { status })}</span>;
}

/** "2024 Spring Issue (published)" links, or "not in any issue". */
function Uses({ uses }: { uses: readonly StoryUse[] }) {
  const { t } = useLocale();
  if (uses.length === 0) return <>{t('deskEditing.story.notInAnyIssue')}</>;
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
  translations,
}: {
  ctx: StaffContext;
  page: Page<StorySummary>;
  filter: StoryListFilter;
  topics: readonly Topic[];
  sectors: readonly Sector[];
  translations?: ReadonlyMap<number, Readonly<Record<TranslationLanguage, TranslationState>>>;
}) {
  const { t } = ctx.locale;
  const number = Math.floor(page.offset / page.limit) + 1;
  const last = Math.max(1, Math.ceil(page.total / page.limit));
  const select = (name: keyof StoryListFilter, label: string, options: readonly { value: string; label: string }[]) => (
    <label>
      {label}
      <select name={name}>
        <option value="">{t('deskEditing.story.any')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value} selected={filter[name] === option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <AdminLayout site={ctx.deps.site} title={t('desk.nav.stories')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/stories">
      <h1>{t('desk.nav.stories')}</h1>
      {ctx.can('draft_content') ? (
        <p class="actions">
          <a class="button" href="/admin/stories/new">
            {t('deskEditing.story.new')}
          </a>
        </p>
      ) : null}
      <form method="get" action="/admin/stories" class="filters" role="search">
        <label>
          {t('deskEditing.story.search')} <input type="search" name="q" value={filter.q} placeholder={t('deskEditing.story.searchPlaceholder')} />
        </label>
        {select('kind', t('deskEditing.story.kind'), STORY_KINDS.map((kind) => ({ value: kind, label: kindLabel(t, kind) })))}
        {select('topic', t('deskEditing.story.topic'), topics.map((topic) => ({ value: topic.slug, label: topic.name })))}
        {select('sector', t('deskEditing.story.sector'), sectors.map((s) => ({ value: s.slug, label: s.name })))}
        {select('used', t('deskEditing.story.inAnIssue'), [
          { value: 'yes', label: t('deskEditing.story.inAnIssue') },
          { value: 'no', label: t('deskEditing.story.notInAny') },
        ])}
        <button type="submit" class="button button--quiet">
          {t('desk.forms.filter')}
        </button>
      </form>
      <p>
        {page.total === 0 ? (
          t('deskEditing.story.noMatch')
        ) : page.items.length === 0 ? (
          <TextWith text={(markers) => t('deskEditing.story.pastEnd', markers)} elements={{ first: <a href={listHref(filter, 1)}>{t('deskEditing.story.firstPage')}</a> }} />
        ) : (
          t('deskEditing.story.showing', { from: String(page.offset + 1), to: String(page.offset + page.items.length), total: String(page.total), count: page.total })
        )}
      </p>
      {page.items.length > 0 ? (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('deskEditing.story.titleColumn')}</th>
              <th scope="col">{t('deskEditing.story.kind')}</th>
              <th scope="col">{t('deskEditing.story.membersOnlyColumn')}</th>
              <th scope="col">{t('desk.nav.issues')}</th>
              <th scope="col">{t('deskEditing.story.changedColumn')}</th>
              <th scope="col">{t('deskTranslating.column')}</th>
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
                <td>{kindLabel(t, story.kind)}</td>
                <td>{story.hasMembersOnly ? t('deskEditing.yes') : t('deskEditing.no')}</td>
                <td>
                  <Uses uses={story.issues} />
                </td>
                <td>{shortTime(story.updatedAt)}</td>
                <td>
                  <TranslationBadges states={translations?.get(story.id)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {last > 1 ? (
        <nav class="actions" aria-label={t('deskEditing.pages')}>
          {number > 1 ? <a href={listHref(filter, number - 1)}>{t('deskEditing.previousPage')}</a> : null}
          <span>{t('deskEditing.pageOf', { page: String(number), pages: String(last) })}</span>
          {number < last ? <a href={listHref(filter, number + 1)}>{t('deskEditing.nextPage')}</a> : null}
        </nav>
      ) : null}
    </AdminLayout>
  );
}

/** Source rows: fixed blank rows plus "add more rows"; move and remove buttons per row. */
function SourcesEditor({ draft, errors }: { draft: StoryDraft; errors: FormErrors | undefined }) {
  const { t } = useLocale();
  const last = draft.sources.length - 1;
  const messages = errors?.fields.sources ?? [];
  return (
    <fieldset class="field" id="field-sources">
      <legend>{t('deskEditing.sources.legend')}</legend>
      <p class="field__hint">{t('deskEditing.sources.hint')}</p>
      {messages.map((message, index) => (
        <p key={index} class="field__error">
          {message}
        </p>
      ))}
      {draft.sources.map((source, index) => (
        <fieldset key={index} class="field source-row">
          <legend>{t('deskEditing.sources.source', { n: String(index + 1) })}</legend>
          <TextField name={`sources.${index}.author`} label={t('deskEditing.sources.author')} value={source.author} errors={errors} />
          <TextField name={`sources.${index}.title`} label={t('deskEditing.sources.title')} value={source.title} errors={errors} />
          <TextField name={`sources.${index}.outlet`} label={t('deskEditing.sources.outlet')} value={source.outlet} errors={errors} />
          <TextField name={`sources.${index}.published_on`} label={t('deskEditing.sources.publishedOn')} type="date" value={source.publishedOn} errors={errors} />
          <TextField name={`sources.${index}.url`} label={t('deskEditing.sources.link')} type="url" value={source.url} errors={errors} />
          <div class="actions">
            {index > 0 ? <RowButton op={`source-up:${index}`} label={t('deskEditing.sources.up', { n: String(index + 1) })} /> : null}
            {index < last ? <RowButton op={`source-down:${index}`} label={t('deskEditing.sources.down', { n: String(index + 1) })} /> : null}
            <RowButton op={`source-remove:${index}`} label={t('deskEditing.sources.remove', { n: String(index + 1) })} />
          </div>
        </fieldset>
      ))}
      <div class="actions">
        <RowButton op="add-rows" label={t('deskEditing.sources.addRows')} />
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
  /** Where the story came from in the curation inbox (admin/curation), shown above the form: the editor's note. */
  readonly promotedFrom?: ComponentChildren;
  /** The story's clicks across sends (engagement), below the form. */
  readonly clicks?: ComponentChildren;
  /** The stored story's German and Chinese states. */
  readonly translations?: Readonly<Record<TranslationLanguage, TranslationState>> | undefined;
  /** The images a lead image may be chosen from. */
  readonly images?: readonly MediaItem[];
  /** What "Import external images" just did, right after it ran. */
  readonly imageImport?: ImageImportResult | undefined;
}

/** Create or edit a story, with the preview beside the form. */
export function StoryEditPage({ ctx, slug, draft, version, uses, topics, sectors, errors, preview, unsaved, lock, translations, images, promotedFrom, imageImport, clicks }: StoryEditProps) {
  const { t } = ctx.locale;
  const action = slug ? storyEditPath(slug) : '/admin/stories/new';
  const live = uses.filter((use) => use.status !== 'draft');
  return (
    <AdminLayout site={ctx.deps.site} title={slug ? t('deskEditing.editTitle', { title: draft.title || slug }) : t('deskEditing.story.new')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/stories">
      <p>
        <a href="/admin/stories">← {t('desk.nav.stories')}</a>
      </p>
      <h1>{slug ? draft.title || slug : t('deskEditing.story.new')}</h1>
      {slug ? (
        <p>
          <TextWith text={(markers) => t('deskEditing.story.in', markers)} elements={{ uses: <Uses uses={uses} /> }} />{' '}
          {live.length > 0 ? (
            <TextWith
              text={(markers) => t('deskEditing.publicPage', markers)}
              elements={{
                link: (
                  <a href={`/stories/${slug}`} target="_blank" rel="noopener">
                    {`/stories/${slug}`}
                  </a>
                ),
              }}
            />
          ) : (
            t('deskEditing.story.readersSeeIt')
          )}
        </p>
      ) : null}
      {unsaved && !lock ? (
        <p class="attention" role="status">
          {t('deskEditing.notSaved')}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      {errors ? null : <PublicLockNotice lock={lock} />}
      <ExternalImagesWarning markdown={draft.body} />
      {slug ? <ImageImportPanel action={`/admin/stories/${slug}/import-images`} csrf={ctx.csrf} markdown={draft.body} result={imageImport} mayImport={ctx.can('draft_content') && !lock} /> : null}
      {promotedFrom}
      <div class="editor">
        <form method="post" action={action} class="form form--wide" data-preview-url="/admin/stories/preview" data-preview-target="preview" data-slug-from-title={slug ? undefined : ''}>
          <input type="hidden" name={CSRF_FIELD} value={ctx.csrf} />
          <input type="hidden" name="version" value={version} />
          <SaveBarUnlessLocked lock={lock} />
          <TextField
            name="slug"
            label={t('deskEditing.story.slug')}
            value={draft.slug}
            required={slug !== undefined}
            errors={errors}
            hint={slug ? t('deskEditing.story.slugHint', { live: live.length > 0 ? 'yes' : 'no' }) : `${t('deskEditing.story.slugHint', { live: 'no' })} ${t('deskWriting.slugHintNew')}`}
          />
          <TextField name="title" label={t('deskEditing.title')} value={draft.title} required errors={errors} />
          <SelectField name="kind" label={t('deskEditing.story.kind')} value={draft.kind} options={STORY_KINDS.map((kind) => ({ value: kind, label: kindLabel(t, kind) }))} errors={errors} />
          <WritingToolbar textareaId="field-body" images={images} />
          <TextArea
            name="body"
            label={t('deskEditing.story.body')}
            value={draft.body}
            rows={18}
            class="markdown"
            errors={errors}
            hint={t('deskEditing.story.bodyHint', { marker: MEMBERS_ONLY_MARKER })}
          />
          <LeadImageField value={draft.leadImage ?? ''} images={images ?? []} errors={errors} />
          <CheckboxGroup name="topics" legend={t('deskEditing.story.topics')} options={topics.map((topic) => ({ value: topic.slug, label: topic.name }))} checked={draft.topics} errors={errors} />
          <CheckboxGroup name="sectors" legend={t('deskEditing.story.sectors')} options={sectors.map((s) => ({ value: s.slug, label: s.name }))} checked={draft.sectors} errors={errors} />
          <TextArea name="organizations" label={t('deskEditing.story.organizations')} value={draft.organizations} rows={4} errors={errors} hint={t('deskEditing.story.organizationsHint')} />
          <SourcesEditor draft={draft} errors={errors} />
          <SaveBarUnlessLocked lock={lock} />
        </form>
        <PreviewPanel draft={!uses.some((use) => use.status === 'published')}>{preview ?? <p>{t('deskEditing.story.previewEmpty')}</p>}</PreviewPanel>
      </div>
      {slug && translations ? <TranslationsBox kind="story" itemKey={slug} states={translations} /> : null}
      {clicks}
      {slug && ctx.can('publish_content') ? (
        <p>
          <a href={`/admin/stories/${slug}/delete`}>{t('deskEditing.story.deleteLink')}</a>
        </p>
      ) : null}
    </AdminLayout>
  );
}

/** Confirm deletion, or explain why the story cannot be deleted. */
export function StoryDeletePage({ ctx, slug, title, blocker }: { ctx: StaffContext; slug: string; title: string; blocker: string | undefined }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskEditing.deleteTitle', { title })} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/stories">
      <p>
        <a href={storyEditPath(slug)}>{t('deskEditing.story.back')}</a>
      </p>
      <h1>{t('deskEditing.story.deleteHeading', { title })}</h1>
      {blocker ? (
        <div class="error-summary" role="alert">
          <h2>{t('deskEditing.story.cannotDelete')}</h2>
          <p>{blocker}</p>
        </div>
      ) : (
        <>
          <p>{t('deskEditing.story.deleteText')}</p>
          <div class="actions">
            <ActionButton action={`/admin/stories/${slug}/delete`} csrf={ctx.csrf} label={t('deskEditing.story.deleteButton')} tone="danger" />
            <a href={storyEditPath(slug)}>{t('deskEditing.keepIt')}</a>
          </div>
        </>
      )}
    </AdminLayout>
  );
}
