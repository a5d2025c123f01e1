import type { Delivery, DeliveryCounts } from '../../delivery/delivery.js';
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
import { ActionButton, ErrorSummary, RowButton, SelectField, TextArea, TextField, type FormErrors } from '../forms.js';
import type { PublicLock } from '../../issues/publicity.service.js';
import { PublicLockNotice, SaveBarUnlessLocked } from './public-lock-notice.js';
import { PreviewPanel } from '../stories/preview.js';
import { StatusBadge } from '../stories/story.pages.js';
import { utcTime } from '../page-parts.js';

export const SECTION_KIND_LABELS: Record<SectionKind, string> = {
  news: 'News',
  spotlight: 'Spotlight',
  landscape: 'Innovation landscape',
  upcoming_events: 'Upcoming events',
  past_events: 'Past events',
  programs: 'Programs',
  report: 'Report',
  announcement: 'Announcement',
};

const TARGET_GROUPS: Record<ItemTarget, string> = { story: 'Stories', event: 'Events', program: 'Programs', report: 'Reports' };

/** Where the desk edits an issue. */
export function issueEditPath(slug: string): string {
  return `/admin/issues/${slug}/edit`;
}

function when(iso: string | null): string {
  return iso ? utcTime(iso) : '';
}

function countsText(counts: IssueCounts): string {
  const items = ITEM_TARGETS.map((target) => [target, counts.items[target]] as const)
    .filter(([, n]) => n > 0)
    .map(([target, n]) => `${n} ${n === 1 ? target : `${target}s`}`);
  return `${counts.sections} section${counts.sections === 1 ? '' : 's'}${items.length > 0 ? `: ${items.join(', ')}` : ''}`;
}

/** The status, with when it went or goes public. */
function IssueState({ issue, live }: { issue: Issue; live: boolean }) {
  return (
    <>
      <StatusBadge status={issue.status} />{' '}
      {issue.status === 'published' ? `since ${when(issue.publishedAt)}` : null}
      {issue.status === 'scheduled' ? (live ? `public since ${when(issue.publishedAt)}` : `to appear at ${when(issue.publishedAt)}`) : null}
    </>
  );
}

/** Every issue, newest first, with its state and size. */
export function IssueListPage({ ctx, issues }: { ctx: StaffContext; issues: readonly { issue: Issue; counts: IssueCounts; live: boolean }[] }) {
  return (
    <AdminLayout site={ctx.deps.site} title="Issues" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/issues">
      <h1>Issues</h1>
      {ctx.can('draft_content') ? (
        <p class="actions">
          <a class="button" href="/admin/issues/new">
            New issue
          </a>
        </p>
      ) : null}
      {issues.length === 0 ? (
        <p>No issues yet.</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Issue</th>
              <th scope="col">State</th>
              <th scope="col">Contents</th>
              <th scope="col">Public page</th>
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
                <td>{countsText(counts)}</td>
                <td>
                  {live ? (
                    <a href={`/issues/${issue.slug}`} target="_blank" rel="noopener">
                      /issues/{issue.slug}
                    </a>
                  ) : (
                    'not public'
                  )}
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
  return (
    <AdminLayout site={ctx.deps.site} title="New issue" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/issues">
      <p>
        <a href="/admin/issues">← Issues</a>
      </p>
      <h1>New issue</h1>
      <p>One issue per season. Its address is /issues/&lt;year&gt;-&lt;season&gt;, e.g. /issues/2025-spring. It starts as a draft that only the desk can see.</p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/issues/new" class="form">
        <input type="hidden" name={CSRF_FIELD} value={ctx.csrf} />
        <SelectField name="season" label="Season" value={values.season} options={SEASONS.map((season) => ({ value: season, label: seasonName(season) }))} errors={errors} />
        <TextField name="year" label="Year" type="number" min="2000" max="2100" value={values.year} required errors={errors} />
        <TextField name="title" label="Title" value={values.title} errors={errors} hint="Leave empty for the usual “2025 Spring Issue”." />
        <button type="submit" class="button">
          Create the draft
        </button>
      </form>
    </AdminLayout>
  );
}

/** The select of everything an item can show, grouped by kind. */
function TargetSelect({ name, label, value, choices, errors }: { name: string; label: string; value: string; choices: ItemChoices; errors: FormErrors | undefined }) {
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
        <option value="">— nothing (empty row) —</option>
        {value !== '' && !known ? (
          <option value={value} selected>
            {value} (not found)
          </option>
        ) : null}
        {ITEM_TARGETS.map((target) =>
          choices[target].length > 0 ? (
            <optgroup key={target} label={TARGET_GROUPS[target]}>
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
  const at = `sections.${s}.items.${i}`;
  return (
    <fieldset class="field item-row">
      <legend>
        Section {s + 1}, item {i + 1}
      </legend>
      <TextField name={`${at}.label`} label="Label (optional)" value={item.label} errors={errors} hint="e.g. Story 1, Insightful statistics" />
      <TargetSelect name={`${at}.target`} label="Shows" value={item.target} choices={choices} errors={errors} />
      <div class="actions">
        {i > 0 ? <RowButton op={`item-up:${s}:${i}`} label={`Move item ${i + 1} up`} /> : null}
        {i < last ? <RowButton op={`item-down:${s}:${i}`} label={`Move item ${i + 1} down`} /> : null}
        <RowButton op={`item-remove:${s}:${i}`} label={`Remove item ${i + 1}`} />
      </div>
    </fieldset>
  );
}

/** Sections with their items: fields, and buttons to add, move and remove. */
function SectionsEditor({ draft, choices, errors }: { draft: IssueDraft; choices: ItemChoices; errors: FormErrors | undefined }) {
  const last = draft.sections.length - 1;
  return (
    <fieldset class="field" id="field-sections">
      <legend>Sections</legend>
      <p class="field__hint">In the order readers see them. Rows left empty are ignored when you save.</p>
      {draft.sections.map((section, s) => (
        <fieldset key={s} class="field section-row">
          <legend>Section {s + 1}</legend>
          <SelectField
            name={`sections.${s}.kind`}
            label="Kind"
            value={section.kind}
            options={[{ value: '', label: '— choose —' }, ...SECTION_KINDS.map((kind) => ({ value: kind, label: SECTION_KIND_LABELS[kind] }))]}
            errors={errors}
          />
          <TextField name={`sections.${s}.heading`} label="Heading" value={section.heading} errors={errors} hint="e.g. China's Innovation Landscape" />
          <div class="actions">
            {s > 0 ? <RowButton op={`section-up:${s}`} label={`Move section ${s + 1} up`} /> : null}
            {s < last ? <RowButton op={`section-down:${s}`} label={`Move section ${s + 1} down`} /> : null}
            <RowButton op={`section-remove:${s}`} label={`Remove section ${s + 1}`} />
          </div>
          {section.items.map((item, i) => (
            <ItemRow key={i} s={s} i={i} item={item} last={section.items.length - 1} choices={choices} errors={errors} />
          ))}
          <div class="actions">
            <RowButton op={`add-item:${s}`} label={`Add an item to section ${s + 1}`} />
          </div>
        </fieldset>
      ))}
      <div class="actions">
        <RowButton op="add-section" label="Add a section" />
      </div>
    </fieldset>
  );
}

/** Publish now, schedule, unpublish: for roles that may publish. */
function PublishingPanel({ ctx, issue, live, schedule, errors }: { ctx: StaffContext; issue: Issue; live: boolean; schedule: { publishAt: string; timeZone: string }; errors: FormErrors | undefined }) {
  const path = `/admin/issues/${issue.slug}`;
  return (
    <section aria-labelledby="publishing-heading">
      <h2 id="publishing-heading">Publishing</h2>
      <p>
        <IssueState issue={issue} live={live} />
        {live ? (
          <>
            {' '}
            · Public page:{' '}
            <a href={`/issues/${issue.slug}`} target="_blank" rel="noopener">
              /issues/{issue.slug}
            </a>
          </>
        ) : null}
      </p>
      {ctx.can('publish_content') ? (
        <>
          <div class="actions">
            {issue.status !== 'published' ? <ActionButton action={`${path}/publish`} csrf={ctx.csrf} label="Publish now" /> : null}
            {issue.status !== 'draft' ? <ActionButton action={`${path}/unpublish`} csrf={ctx.csrf} label="Unpublish (back to draft)" tone="danger" /> : null}
          </div>
          {issue.status !== 'published' ? (
            <form method="post" action={`${path}/schedule`} class="form">
              <input type="hidden" name={CSRF_FIELD} value={ctx.csrf} />
              <TextField name="publish_at" label={issue.status === 'scheduled' ? 'Move the publication to' : 'Or publish automatically at'} type="datetime-local" value={schedule.publishAt} errors={errors} required />
              <SelectField name="time_zone" label="Time zone" value={schedule.timeZone} options={SCHEDULE_ZONES.map((zone) => ({ value: zone, label: zone }))} errors={errors} />
              <button type="submit" class="button button--quiet">
                Schedule
              </button>
            </form>
          ) : null}
        </>
      ) : (
        <p>An editor publishes the issue; you can prepare it here.</p>
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
}

/** Compose an issue: title, intro with preview, sections and items; publish, schedule, preview. */
export function IssueEditPage({ ctx, issue, live, lock, draft, version, choices, readiness, errors, preview, unsaved, schedule, deliveries }: IssueEditProps) {
  const zone = schedule?.timeZone ?? SCHEDULE_ZONES[0];
  const scheduleValues = schedule ?? { publishAt: issue.status === 'scheduled' && issue.publishedAt ? instantToLocal(issue.publishedAt, zone) : '', timeZone: zone };
  const path = `/admin/issues/${issue.slug}`;
  return (
    <AdminLayout site={ctx.deps.site} title={`Edit: ${issue.title}`} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/issues">
      <p>
        <a href="/admin/issues">← Issues</a>
      </p>
      <h1>{issue.title}</h1>
      <p class="actions">
        <a class="button button--quiet" href={`${path}/preview/public`} target="_blank" rel="noopener">
          Preview as the public
        </a>
        <a class="button button--quiet" href={`${path}/preview/member`} target="_blank" rel="noopener">
          Preview as a member
        </a>
      </p>
      <ErrorSummary errors={errors} />
      <PublishingPanel ctx={ctx} issue={issue} live={live} schedule={scheduleValues} errors={errors} />
      <SendPanel ctx={ctx} issue={issue} deliveries={deliveries} />
      {readiness.length > 0 ? (
        <div class="attention">
          <p>Before it can be published:</p>
          <ul>
            {readiness.map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <h2>Contents</h2>
      <FillEventsPanel ctx={ctx} issue={issue} />
      {unsaved ? (
        <p class="attention" role="status">
          Not saved yet: press Save to keep these changes.
        </p>
      ) : null}
      {issue.status !== 'draft' && !lock ? (
        <p class="attention">{`This issue is ${issue.status}: what you save ${live ? 'is public at once' : 'is what appears at the scheduled time'}.`}</p>
      ) : null}
      {errors ? null : <PublicLockNotice lock={lock} />}
      <div class="editor">
        <form method="post" action={`${path}/edit`} class="form form--wide" data-preview-url="/admin/issues/preview" data-preview-target="preview">
          <input type="hidden" name={CSRF_FIELD} value={ctx.csrf} />
          <input type="hidden" name="version" value={version} />
          <SaveBarUnlessLocked lock={lock} previewLabel="Preview the intro" />
          <TextField name="title" label="Title" value={draft.title} required errors={errors} />
          <TextArea
            name="intro"
            label="Intro (Markdown)"
            value={draft.intro}
            rows={12}
            class="markdown"
            errors={errors}
            hint={`The public teaser first; then, on a line of its own, exactly ${MEMBERS_ONLY_MARKER} and what only members read.`}
          />
          <SectionsEditor draft={draft} choices={choices} errors={errors} />
          <SaveBarUnlessLocked lock={lock} previewLabel="Preview the intro" />
        </form>
        <PreviewPanel>{preview ?? <p>Press “Preview the intro” (or start typing, with JavaScript on) to see the intro’s teaser and members-only part.</p>}</PreviewPanel>
      </div>
      {issue.status === 'draft' && ctx.can('publish_content') ? (
        <p>
          <a href={`${path}/delete`}>Delete this draft…</a>
        </p>
      ) : null}
    </AdminLayout>
  );
}

/** Confirm deleting a draft issue, or say why it cannot be deleted. */
export function IssueDeletePage({ ctx, issue, blocker }: { ctx: StaffContext; issue: Issue; blocker: string | undefined }) {
  return (
    <AdminLayout site={ctx.deps.site} title={`Delete: ${issue.title}`} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/issues">
      <p>
        <a href={issueEditPath(issue.slug)}>← Back to the issue</a>
      </p>
      <h1>Delete {issue.title}?</h1>
      {blocker ? (
        <div class="error-summary" role="alert">
          <h2>This issue cannot be deleted</h2>
          <p>{blocker}</p>
        </div>
      ) : (
        <>
          <p>The draft and its sections are removed for good; the stories, events, programs and reports in it stay. This cannot be undone.</p>
          <div class="actions">
            <ActionButton action={`/admin/issues/${issue.slug}/delete`} csrf={ctx.csrf} label="Delete the draft" tone="danger" />
            <a href={issueEditPath(issue.slug)}>Keep it</a>
          </div>
        </>
      )}
    </AdminLayout>
  );
}
