import type { Delivery, DeliveryCounts } from '../../delivery/delivery.js';
import type { MediaItem } from '../../media/media.js';
import { LeadImageField } from '../media/media-parts.js';
import { TranslationBadges, TranslationsBox } from '../translations/translation.pages.js';
import type { TranslationLanguage, TranslationState } from '../../translations/translations.js';
import { SendPanel } from '../delivery/send-panel.js';
import { FillEventsPanel } from '../events/fill-events-panel.js';
import type { ComponentChildren } from 'preact';
import { MEMBERS_ONLY_MARKER } from '../../content/body.js';
import { instantToLocal } from '../../lib/local-time.js';
import { SCHEDULE_ZONES, type IssueCounts, type ItemChoices } from '../../issues/issue-editing.service.js';
import { ITEM_TARGETS, SEASONS, SECTION_KINDS, seasonName, type Issue, type IssueDraft, type ItemDraft, type ItemTarget, type SectionKind } from '../../issues/issues.js';
import { CSRF_FIELD } from '../../lib/request-security.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ActionButton, ErrorSummary, Form, RowButton, SelectField, TextArea, TextField, type FormErrors } from '../forms.js';
import type { PublicLock } from '../../issues/publicity.service.js';
import { PublicLockNotice, SaveBarUnlessLocked } from './public-lock-notice.js';
import { PreviewPanel } from '../stories/preview.js';
import { StatusBadge } from '../stories/story.pages.js';
import { TextWith, utcTime } from '../page-parts.js';
import { useLocale } from '../../web/locale.js';
import type { Translate } from '../../i18n/messages.js';
import { LANGUAGE_NAMES, LANGUAGES, languageTag, type Language } from '../../i18n/languages.js';
import type { Edition } from '../../delivery/delivery.js';
import { COMPOSER_SCRIPT } from '../../web/composer-script.js';

const EDITIONS: readonly Edition[] = ['full', 'teaser'];

/** A section kind's name in the desk's language. */
export function sectionKindLabel(t: Translate, kind: SectionKind): string {
  return t('deskEditing.issue.sectionKind', { kind });
}

function targetGroup(t: Translate, target: ItemTarget): string {
  return t('deskEditing.issue.targetGroup', { target });
}

/** Where the desk edits an issue. */
export function issueEditPath(slug: string): string {
  return `/admin/issues/${slug}/edit`;
}

function when(iso: string | null): string {
  return iso ? utcTime(iso) : '';
}

function countsText(t: Translate, counts: IssueCounts): string {
  const items = ITEM_TARGETS.map((target) => [target, counts.items[target]] as const)
    .filter(([, n]) => n > 0)
    .map(([target, n]) => t('deskEditing.issue.itemCount', { target, count: n }));
  const sections = t('deskEditing.issue.sectionCount', { count: counts.sections });
  return items.length > 0 ? t('deskEditing.issue.contentsOf', { sections, items: items.join(t('deskEditing.issue.itemSeparator')) }) : sections;
}

/** The status, with when it went or goes public. */
function IssueState({ issue, live }: { issue: Issue; live: boolean }) {
  const { t } = useLocale();
  return (
    <>
      <StatusBadge status={issue.status} />{' '}
      {issue.status === 'published' ? t('deskEditing.issue.since', { when: when(issue.publishedAt) }) : null}
      {issue.status === 'scheduled' ? (live ? t('deskEditing.issue.publicSince', { when: when(issue.publishedAt) }) : t('deskEditing.issue.toAppear', { when: when(issue.publishedAt) })) : null}
    </>
  );
}

/** Every issue, newest first, with its state and size. */
export function IssueListPage({ ctx, issues, translations }: { ctx: StaffContext; issues: readonly { issue: Issue; counts: IssueCounts; live: boolean }[]; translations?: ReadonlyMap<number, Readonly<Record<TranslationLanguage, TranslationState>>> }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('desk.nav.issues')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/issues">
      <h1>{t('desk.nav.issues')}</h1>
      {ctx.can('draft_content') ? (
        <p class="actions">
          <a class="button" href="/admin/issues/new">
            {t('deskEditing.issue.new')}
          </a>
        </p>
      ) : null}
      {issues.length === 0 ? (
        <p>{t('deskEditing.issue.none')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('deskEditing.issue.issueColumn')}</th>
              <th scope="col">{t('deskEditing.issue.stateColumn')}</th>
              <th scope="col">{t('deskEditing.issue.contents')}</th>
              <th scope="col">{t('deskEditing.issue.publicPageColumn')}</th>
              <th scope="col">{t('deskTranslating.column')}</th>
            </tr>
          </thead>
          <tbody>
            {issues.map(({ issue, counts, live }) => (
              <tr key={issue.id}>
                <td>
                  <a href={issueEditPath(issue.slug)}>{issue.title}</a>
                  <br />
                  <code>{issue.slug}</code>
                </td>
                <td>
                  <IssueState issue={issue} live={live} />
                </td>
                <td>{countsText(t, counts)}</td>
                <td>
                  {live ? (
                    <a href={`/issues/${issue.slug}`} target="_blank" rel="noopener">
                      {`/issues/${issue.slug}`}
                    </a>
                  ) : (
                    t('deskEditing.issue.notPublic')
                  )}
                </td>
                <td>
                  <TranslationBadges states={translations?.get(issue.id)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

/** Create an issue for a season and year. */
export function IssueNewPage({ ctx, values, errors }: { ctx: StaffContext; values: { season: string; year: string; title: string }; errors?: FormErrors | undefined }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskEditing.issue.new')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/issues">
      <p>
        <a href="/admin/issues">← {t('desk.nav.issues')}</a>
      </p>
      <h1>{t('deskEditing.issue.new')}</h1>
      <p>{t('deskEditing.issue.newIntro')}</p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/issues/new" class="form">
        <input type="hidden" name={CSRF_FIELD} value={ctx.csrf} />
        <SelectField name="season" label={t('deskEditing.issue.season')} value={values.season} options={SEASONS.map((season) => ({ value: season, label: t('deskEditing.issue.seasonName', { season, name: seasonName(season) }) }))} errors={errors} />
        <TextField name="year" label={t('deskEditing.issue.year')} type="number" min="2000" max="2100" value={values.year} required errors={errors} />
        <TextField name="title" label={t('deskEditing.title')} value={values.title} errors={errors} hint={t('deskEditing.issue.titleHint')} />
        <button type="submit" class="button">
          {t('deskEditing.issue.create')}
        </button>
      </form>
    </AdminLayout>
  );
}

/** The select of everything an item can show, grouped by kind. */
function TargetSelect({ name, label, value, choices, errors }: { name: string; label: string; value: string; choices: ItemChoices; errors: FormErrors | undefined }) {
  const { t } = useLocale();
  const messages = errors?.fields[name] ?? [];
  const known = ITEM_TARGETS.some((target) => choices[target].some((choice) => `${target}:${choice.slug}` === value));
  return (
    <div class={messages.length > 0 ? 'field field--error' : 'field'}>
      <label for={`field-${name}`}>{label}</label>
      {messages.map((message, index) => (
        <p key={index} class="field__error" id={index === 0 ? `error-${name}` : undefined}>
          {message}
        </p>
      ))}
      <select id={`field-${name}`} name={name} aria-invalid={messages.length > 0 ? 'true' : undefined} aria-describedby={messages.length > 0 ? `error-${name}` : undefined}>
        <option value="">{t('deskEditing.issue.nothing')}</option>
        {value !== '' && !known ? (
          <option value={value} selected>
            {t('deskEditing.issue.notFound', { value })}
          </option>
        ) : null}
        {ITEM_TARGETS.map((target) =>
          choices[target].length > 0 ? (
            <optgroup key={target} label={targetGroup(t, target)} data-target={target}>
              {choices[target].map((choice) => {
                const key = `${target}:${choice.slug}`;
                return (
                  <option key={key} value={key} selected={key === value}>
                    {`${choice.title} (${choice.slug})`}
                  </option>
                );
              })}
            </optgroup>
          ) : null,
        )}
      </select>
    </div>
  );
}

function ItemRow({ s, i, item, last, choices, errors }: { s: number; i: number; item: ItemDraft; last: number; choices: ItemChoices; errors: FormErrors | undefined }) {
  const { t } = useLocale();
  const at = `sections.${s}.items.${i}`;
  return (
    <fieldset class="field item-row" data-section={String(s)} data-item={String(i)}>
      <legend>{t('deskEditing.issue.itemLegend', { section: String(s + 1), item: String(i + 1) })}</legend>
      <TextField name={`${at}.label`} label={t('deskEditing.issue.itemLabel')} value={item.label} errors={errors} hint={t('deskEditing.issue.itemLabelHint')} />
      <TargetSelect name={`${at}.target`} label={t('deskEditing.issue.shows')} value={item.target} choices={choices} errors={errors} />
      <div class="actions">
        {i > 0 ? <RowButton op={`item-up:${s}:${i}`} label={t('deskEditing.issue.itemUp', { n: String(i + 1) })} /> : null}
        {i < last ? <RowButton op={`item-down:${s}:${i}`} label={t('deskEditing.issue.itemDown', { n: String(i + 1) })} /> : null}
        <RowButton op={`item-remove:${s}:${i}`} label={t('deskEditing.issue.itemRemove', { n: String(i + 1) })} />
      </div>
    </fieldset>
  );
}

/**
 * Sections with their items: fields, and buttons to add, move and remove. Also the fragment the
 * composer's in-place changes (composer.js) swap in: `announce` is what the live region says,
 * `focus` the control to focus afterwards (`op:<button value>` or `name:<field name>`).
 */
export function SectionsEditor({ draft, choices, errors, announce, focus }: { draft: IssueDraft; choices: ItemChoices; errors: FormErrors | undefined; announce?: string; focus?: string }) {
  const { t } = useLocale();
  const last = draft.sections.length - 1;
  return (
    <fieldset class="field" id="field-sections" data-announce={announce} data-focus={focus} data-drag-label={t('deskComposer.dragHandle')} data-filter-label={t('deskComposer.picker.filter')}>
      <legend>{t('deskEditing.issue.sections')}</legend>
      <p class="field__hint">{t('deskEditing.issue.sectionsHint')}</p>
      <p class="field__hint composer-only">{t('deskComposer.hint')}</p>
      {draft.sections.map((section, s) => (
        <fieldset key={s} class="field section-row" data-section={String(s)}>
          <legend>{t('deskEditing.issue.section', { n: String(s + 1) })}</legend>
          <SelectField
            name={`sections.${s}.kind`}
            label={t('deskEditing.story.kind')}
            value={section.kind}
            options={[{ value: '', label: t('deskEditing.issue.choose') }, ...SECTION_KINDS.map((kind) => ({ value: kind, label: sectionKindLabel(t, kind) }))]}
            errors={errors}
          />
          <TextField name={`sections.${s}.heading`} label={t('deskEditing.issue.heading')} value={section.heading} errors={errors} hint={t('deskEditing.issue.headingHint')} />
          <div class="actions">
            {s > 0 ? <RowButton op={`section-up:${s}`} label={t('deskEditing.issue.sectionUp', { n: String(s + 1) })} /> : null}
            {s < last ? <RowButton op={`section-down:${s}`} label={t('deskEditing.issue.sectionDown', { n: String(s + 1) })} /> : null}
            <RowButton op={`section-remove:${s}`} label={t('deskEditing.issue.sectionRemove', { n: String(s + 1) })} />
          </div>
          {section.items.map((item, i) => (
            <ItemRow key={i} s={s} i={i} item={item} last={section.items.length - 1} choices={choices} errors={errors} />
          ))}
          <div class="actions">
            <RowButton op={`add-item:${s}`} label={t('deskEditing.issue.addItem', { n: String(s + 1) })} />
          </div>
        </fieldset>
      ))}
      <div class="actions">
        <RowButton op="add-section" label={t('deskEditing.issue.addSection')} />
      </div>
    </fieldset>
  );
}

/** Publish now, schedule, unpublish: for roles that may publish. */
function PublishingPanel({ ctx, issue, live, schedule, errors }: { ctx: StaffContext; issue: Issue; live: boolean; schedule: { publishAt: string; timeZone: string }; errors: FormErrors | undefined }) {
  const { t } = ctx.locale;
  const path = `/admin/issues/${issue.slug}`;
  return (
    <section aria-labelledby="publishing-heading">
      <h2 id="publishing-heading">{t('deskEditing.issue.publishing')}</h2>
      <p>
        <IssueState issue={issue} live={live} />
        {live ? (
          <>
            {' '}
            ·{' '}
            <TextWith
              text={(markers) => t('deskEditing.publicPage', markers)}
              elements={{
                link: (
                  <a href={`/issues/${issue.slug}`} target="_blank" rel="noopener">
                    {`/issues/${issue.slug}`}
                  </a>
                ),
              }}
            />
          </>
        ) : null}
      </p>
      {ctx.can('publish_content') ? (
        <>
          <div class="actions">
            {issue.status !== 'published' ? <ActionButton action={`${path}/publish`} csrf={ctx.csrf} label={t('deskEditing.issue.publishNow')} /> : null}
            {issue.status !== 'draft' ? <ActionButton action={`${path}/unpublish`} csrf={ctx.csrf} label={t('deskEditing.issue.unpublish')} tone="danger" /> : null}
          </div>
          {issue.status !== 'published' ? (
            <form method="post" action={`${path}/schedule`} class="form">
              <input type="hidden" name={CSRF_FIELD} value={ctx.csrf} />
              <TextField name="publish_at" label={issue.status === 'scheduled' ? t('deskEditing.issue.moveTo') : t('deskEditing.issue.publishAt')} type="datetime-local" value={schedule.publishAt} errors={errors} required />
              <SelectField name="time_zone" label={t('deskEditing.issue.timeZone')} value={schedule.timeZone} options={SCHEDULE_ZONES.map((zone) => ({ value: zone, label: zone }))} errors={errors} />
              <button type="submit" class="button button--quiet">
                {t('deskEditing.issue.schedule')}
              </button>
            </form>
          ) : null}
        </>
      ) : (
        <p>{t('deskEditing.issue.editorPublishes')}</p>
      )}
    </section>
  );
}

export interface IssueEditProps {
  readonly ctx: StaffContext;
  readonly issue: Issue;
  readonly live: boolean;
  /** Why the one looking may not change this issue (it is published or scheduled), when they may not: the page says so and offers no Save. */
  readonly lock?: PublicLock | undefined;
  readonly draft: IssueDraft;
  readonly version: string;
  readonly choices: ItemChoices;
  /** Problems that keep the stored issue from being published (shown as a note). */
  readonly readiness: readonly string[];
  readonly errors?: FormErrors | undefined;
  readonly preview?: ComponentChildren;
  readonly unsaved?: boolean;
  readonly schedule?: { publishAt: string; timeZone: string };
  /** The issue's latest deliveries, for those who manage sending. */
  readonly deliveries?: readonly { delivery: Delivery; counts: DeliveryCounts }[] | undefined;
  /** The issue's German and Chinese states. */
  readonly translations?: Readonly<Record<TranslationLanguage, TranslationState>> | undefined;
  /** The lead image's form: its current value, the images to choose from, a failed save's errors. */
  readonly leadImage?: { readonly value: string; readonly images: readonly MediaItem[]; readonly errors?: FormErrors | undefined };
}

/** Compose an issue: title, intro with preview, sections and items; publish, schedule, preview. */
export function IssueEditPage({ ctx, issue, live, lock, draft, version, choices, readiness, errors, preview, unsaved, schedule, deliveries, translations, leadImage }: IssueEditProps) {
  const zone = schedule?.timeZone ?? SCHEDULE_ZONES[0];
  const scheduleValues = schedule ?? { publishAt: issue.status === 'scheduled' && issue.publishedAt ? instantToLocal(issue.publishedAt, zone) : '', timeZone: zone };
  const { t } = ctx.locale;
  const path = `/admin/issues/${issue.slug}`;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskEditing.editTitle', { title: issue.title })} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/issues" scripts={[COMPOSER_SCRIPT]}>
      <p>
        <a href="/admin/issues">← {t('desk.nav.issues')}</a>
      </p>
      <h1>{issue.title}</h1>
      <p class="actions">
        <a class="button button--quiet" href={`${path}/preview/public`} target="_blank" rel="noopener">
          {t('deskEditing.issue.previewPublic')}
        </a>
        <a class="button button--quiet" href={`${path}/preview/member`} target="_blank" rel="noopener">
          {t('deskEditing.issue.previewMember')}
        </a>
      </p>
      <ErrorSummary errors={errors} />
      <PublishingPanel ctx={ctx} issue={issue} live={live} schedule={scheduleValues} errors={errors} />
      <SendPanel ctx={ctx} issue={issue} deliveries={deliveries} />
      {readiness.length > 0 ? (
        <div class="attention">
          <p>{t('deskEditing.issue.beforePublished')}</p>
          <ul>
            {readiness.map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <h2>{t('deskEditing.issue.contents')}</h2>
      <FillEventsPanel ctx={ctx} issue={issue} />
      {unsaved ? (
        <p class="attention" role="status">
          {t('deskEditing.notSaved')}
        </p>
      ) : null}
      {issue.status !== 'draft' && !lock ? (
        <p class="attention">{t('deskEditing.issue.statusWarning', { status: issue.status, live: live ? 'yes' : 'no' })}</p>
      ) : null}
      {errors ? null : <PublicLockNotice lock={lock} />}
      <StoryFinder ctx={ctx} issue={issue} />
      <p id="composer-status" class="composer-status" role="status" aria-live="polite" />
      <div class="editor">
        <form method="post" action={`${path}/edit`} class="form form--wide" data-preview-url="/admin/issues/preview" data-preview-target="preview" data-compose-url={`${path}/compose`} data-search-url="/admin/issues/story-search" data-not-saved={t('deskComposer.notSaved')} data-failed={t('deskComposer.failed')}>
          <input type="hidden" name={CSRF_FIELD} value={ctx.csrf} />
          <input type="hidden" name="version" value={version} />
          <SaveBarUnlessLocked lock={lock} previewLabel={t('deskEditing.issue.previewIntro')} />
          <TextField name="title" label={t('deskEditing.title')} value={draft.title} required errors={errors} />
          <TextArea
            name="intro"
            label={t('deskEditing.issue.intro')}
            value={draft.intro}
            rows={12}
            class="markdown"
            errors={errors}
            hint={t('deskEditing.issue.introHint', { marker: MEMBERS_ONLY_MARKER })}
          />
          <SectionsEditor draft={draft} choices={choices} errors={errors} />
          <SaveBarUnlessLocked lock={lock} previewLabel={t('deskEditing.issue.previewIntro')} />
        </form>
        <PreviewPanel>{preview ?? <p>{t('deskEditing.issue.previewEmpty')}</p>}</PreviewPanel>
      </div>
      {leadImage && ctx.can('publish_content') ? (
        <section aria-labelledby="lead-image-heading">
          <h2 id="lead-image-heading">{t('deskMedia.leadImage')}</h2>
          <ErrorSummary errors={leadImage.errors} />
          <Form action={`/admin/issues/${issue.slug}/lead-image`} csrf={ctx.csrf}>
            <LeadImageField value={leadImage.value} images={leadImage.images} errors={leadImage.errors} />
            <p class="actions">
              <button type="submit" class="button button--quiet">{t('deskMedia.save')}</button>
            </p>
          </Form>
        </section>
      ) : null}
      <EmailEditionsBox ctx={ctx} issue={issue} />
      {translations ? <TranslationsBox kind="issue" itemKey={issue.slug} states={translations} /> : null}
      {issue.status === 'draft' && ctx.can('publish_content') ? (
        <p>
          <a href={`${path}/delete`}>{t('deskEditing.issue.deleteLink')}</a>
        </p>
      ) : null}
    </AdminLayout>
  );
}

/** The story picker without JavaScript: a plain GET search of the stories' titles (its own page lists what matches). */
function StoryFinder({ ctx, issue }: { ctx: StaffContext; issue: Issue }) {
  const { t } = ctx.locale;
  return (
    <form method="get" action="/admin/issues/story-search" class="form form--inline story-finder" role="search" aria-label={t('deskComposer.search.title')}>
      <input type="hidden" name="issue" value={issue.slug} />
      <TextField name="q" label={t('deskComposer.picker.filter')} type="search" value="" errors={undefined} />
      <button type="submit" class="button button--quiet">
        {t('deskComposer.search.button')}
      </button>
    </form>
  );
}

/** Links to the email editions' previews: full and teaser, in each language. */
function EmailEditionsBox({ ctx, issue }: { ctx: StaffContext; issue: Issue }) {
  const { t } = ctx.locale;
  return (
    <section aria-labelledby="email-editions-heading">
      <h2 id="email-editions-heading">{t('deskComposer.email.heading')}</h2>
      <p>{t('deskComposer.email.intro')}</p>
      <ul class="email-editions">
        {EDITIONS.map((edition) => (
          <li key={edition}>
            {t('deskComposer.email.edition', { edition })}:{' '}
            {LANGUAGES.map((language, index) => (
              <span key={language}>
                {index > 0 ? ' · ' : null}
                <a href={emailPreviewPath(issue.slug, edition, language)} hrefLang={languageTag(language)}>
                  {LANGUAGE_NAMES[language]}
                </a>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Where the desk shows an email edition's preview. */
export function emailPreviewPath(slug: string, edition: Edition, language: Language): string {
  return `/admin/issues/${slug}/emails?edition=${edition}&lang=${language}`;
}

/** Confirm deleting a draft issue, or say why it cannot be deleted. */
export function IssueDeletePage({ ctx, issue, blocker }: { ctx: StaffContext; issue: Issue; blocker: string | undefined }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskEditing.deleteTitle', { title: issue.title })} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/issues">
      <p>
        <a href={issueEditPath(issue.slug)}>{t('deskEditing.issue.back')}</a>
      </p>
      <h1>{t('deskEditing.issue.deleteHeading', { title: issue.title })}</h1>
      {blocker ? (
        <div class="error-summary" role="alert">
          <h2>{t('deskEditing.issue.cannotDelete')}</h2>
          <p>{blocker}</p>
        </div>
      ) : (
        <>
          <p>{t('deskEditing.issue.deleteText')}</p>
          <div class="actions">
            <ActionButton action={`/admin/issues/${issue.slug}/delete`} csrf={ctx.csrf} label={t('deskEditing.issue.deleteButton')} tone="danger" />
            <a href={issueEditPath(issue.slug)}>{t('deskEditing.keepIt')}</a>
          </div>
        </>
      )}
    </AdminLayout>
  );
}
