import { MEMBERS_ONLY_MARKER, PUBLIC_ONLY_END, PUBLIC_ONLY_START, joinBody } from '../../content/body.js';
import type { Translate } from '../../i18n/messages.js';
import type { ActivityEntry } from '../../activity/activity.js';
import type { DeskTranslations } from '../../issues/translation-editing.service.js';
import { Invalid } from '../../lib/errors.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { CSRF_FIELD } from '../../lib/request-security.js';
import type { Original } from '../../translations/translations.service.js';
import { TRANSLATION_LANGUAGES, type TranslatableOf, type TranslationKind, type TranslationLanguage, type TranslationState } from '../../translations/translations.js';
import { useLocale } from '../../web/locale.js';
import { catalogMatcher } from '../../web/pages/form-text.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ErrorSummary, TextArea, TextField } from '../forms.js';
import { PublicLockNotice } from '../issues/public-lock-notice.js';
import { utcTime } from '../page-parts.js';
import { fieldsOf, type TranslationValues } from './translation-form.js';
import { WritingToolbar } from '../writing/writing-toolbar.js';

// The desk's translation of one item into German or Chinese: the original's texts on one side
// (read-only), the translation's form on the other, its state (missing, up to date, older than
// the original), Save and Remove. The edit pages link here from their Translations box, and the
// lists show each row's two states as small badges.

/** Where the desk area of each kind lives (the navigation's section). */
export const AREA_OF: Readonly<Record<TranslationKind, string>> = {
  issue: '/admin/issues',
  story: '/admin/stories',
  event: '/admin/events',
  program: '/admin/programs',
  report: '/admin/reports',
};

/** How the area names an item in its URLs: issues and stories by slug, the others by id. */
export function keyOf(kind: TranslationKind, item: { readonly id: number; readonly slug: string }): string {
  return kind === 'issue' || kind === 'story' ? item.slug : String(item.id);
}

/** The edit page of the original. */
export function originalPath(kind: TranslationKind, key: string): string {
  return kind === 'issue' || kind === 'story' ? `${AREA_OF[kind]}/${key}/edit` : `${AREA_OF[kind]}/${key}`;
}

/** The translation page of an item in a language. */
export function translationPath(kind: TranslationKind, key: string, language: TranslationLanguage): string {
  return `${AREA_OF[kind]}/${key}/translations/${language}`;
}

/** The `status` badge class each state is shown with (the issue statuses' colours). */
const STATE_CLASS: Readonly<Record<TranslationState, string>> = { missing: 'status status--draft', current: 'status status--published', older: 'status status--scheduled' };

/** "DE ✓  ZH older": a list row's two states. */
export function TranslationBadges({ states }: { states: Readonly<Record<TranslationLanguage, TranslationState>> | undefined }) {
  const { t } = useLocale();
  if (!states) return null;
  return (
    <>
      {TRANSLATION_LANGUAGES.map((language, index) => (
        <>
          {index > 0 ? ' ' : null}
          <span class={STATE_CLASS[states[language]]} title={t('deskTranslating.badgeTitle', { language, state: states[language] })}>
            {t('deskTranslating.short', { language })} {t('deskTranslating.badge', { state: states[language] })}
          </span>
        </>
      ))}
    </>
  );
}

/** The edit page's box: a link to each language's translation with its state. */
export function TranslationsBox({ kind, itemKey, states }: { kind: TranslationKind; itemKey: string; states: Readonly<Record<TranslationLanguage, TranslationState>> }) {
  const { t } = useLocale();
  return (
    <section aria-labelledby="translations-heading" class="attention">
      <h2 id="translations-heading">{t('deskTranslating.box.heading')}</h2>
      <p>{t('deskTranslating.box.intro')}</p>
      <ul>
        {TRANSLATION_LANGUAGES.map((language) => (
          <li key={language}>
            <a href={translationPath(kind, itemKey, language)}>{t('deskTranslating.box.link', { language })}</a>{' '}
            <span class={STATE_CLASS[states[language]]}>{t('deskTranslating.state', { state: states[language] })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

// The checks report problems in English (lib/errors.ts `Problem` has no code); those a
// translator meets are shown in the desk's language when their text is one of the
// `deskTranslating.problem.*` messages of the English catalog, placeholders matching anything
// (web/pages/form-text.tsx catalogMatcher, the one the public forms use). Others stay as given.

const problemMatcher = catalogMatcher('deskTranslating.problem.', { marker: MEMBERS_ONLY_MARKER, start: PUBLIC_ONLY_START, end: PUBLIC_ONLY_END });

/** A check's English problem in the desk's language, when it is one the page knows. */
export function localizeProblem(t: Translate, message: string): string {
  return problemMatcher(t, message) ?? message;
}

/** A refused save as the form shows it: each problem at its field, in the desk's language; other errors as given. */
export function translationErrorsOf(t: Translate, error: Invalid, fieldOf: (where: string) => string): FormErrors {
  const fields: Record<string, string[]> = {};
  for (const problem of error.problems) {
    const key = fieldOf(problem.where ?? '');
    const message = localizeProblem(t, problem.message);
    const text = problem.line === undefined ? message : t('deskTranslating.onLine', { line: problem.line, message });
    fields[key] = [...(fields[key] ?? []), text];
  }
  return { message: t('deskTranslating.failed'), fields };
}

/** The original's body, as the translator reads it (the members-only line where it is). */
function bodyOf(kind: TranslationKind, original: Original<TranslationKind>): string {
  const body = kind === 'issue' ? (original as unknown as TranslatableOf['issue']).issue.intro : (original as unknown as TranslatableOf['story']).body;
  return joinBody(body);
}

function hasMembersOnly(kind: TranslationKind, original: Original<TranslationKind>): boolean {
  const body = kind === 'issue' ? (original as unknown as TranslatableOf['issue']).issue.intro : (original as unknown as TranslatableOf['story']).body;
  return body.membersOnly !== null;
}

function StateNote({ state, language, originalUpdatedAt, savedAt, changes }: { state: TranslationState; language: TranslationLanguage; originalUpdatedAt: string | undefined; savedAt: string | undefined; changes: readonly ActivityEntry[] }) {
  const { t } = useLocale();
  if (state === 'missing') return <p class="attention" role="status" id="translation-state">{t('deskTranslating.note.missing', { language })}</p>;
  if (state === 'current') return <p role="status" id="translation-state">{t('deskTranslating.note.current')}</p>;
  const shown = savedAt === undefined ? [] : changes.filter((entry) => entry.at >= savedAt);
  return (
    <div class="attention" role="status" id="translation-state">
      <p>
        <strong>{t('deskTranslating.note.older', { time: originalUpdatedAt ? utcTime(originalUpdatedAt) : '' })}</strong>
      </p>
      <p>{t('deskTranslating.note.olderShort')}</p>
      {shown.length > 0 ? (
        <>
          <p>{t('deskTranslating.note.changes')}</p>
          <ul>
            {shown.map((entry) => (
              <li key={entry.id}>
                {utcTime(entry.at)} · {entry.actor.label} · <code>{entry.action}</code>
                {entry.detail ? ` · ${entry.detail}` : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

export interface TranslationPageProps<K extends TranslationKind> {
  readonly ctx: StaffContext;
  readonly data: DeskTranslations<K>;
  readonly language: TranslationLanguage;
  readonly values: TranslationValues;
  readonly errors?: FormErrors | undefined;
  readonly removeErrors?: FormErrors | undefined;
}

/** The side-by-side page: the original (read-only) and the translation's form. */
export function TranslationPage<K extends TranslationKind>({ ctx, data, language, values, errors, removeErrors }: TranslationPageProps<K>) {
  const { t } = ctx.locale;
  const key = keyOf(data.kind, { id: data.original.id, slug: data.slug });
  const action = translationPath(data.kind, key, language);
  const fields = fieldsOf(data.kind, data.original);
  const translation = data.translations[language];
  const other = TRANSLATION_LANGUAGES.find((one) => one !== language)!;
  const title = t('deskTranslating.pageTitle', { language, title: data.title });
  const locked = data.lock !== undefined;
  const confirmMessages = removeErrors?.fields.confirm ?? [];
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section={AREA_OF[data.kind]}>
      <p>
        <a href={originalPath(data.kind, key)}>← {t('deskTranslating.back')}</a> · {t('deskTranslating.other')}{' '}
        <a href={translationPath(data.kind, key, other)}>{t('deskTranslating.box.link', { language: other })}</a>
      </p>
      <h1>{title}</h1>
      <StateNote state={data.states[language]} language={language} originalUpdatedAt={translation?.originalUpdatedAt} savedAt={translation?.updatedAt} changes={data.changes} />
      <ErrorSummary errors={errors ?? removeErrors} />
      {errors || removeErrors ? null : <PublicLockNotice lock={data.lock} />}
      <div class="editor">
        <section aria-labelledby="original-heading">
          <h2 id="original-heading">{t('deskTranslating.original')}</h2>
          <p class="field__hint">{t('deskTranslating.originalHint')}</p>
          <dl class="translation-original">
            {fields.map((field) => (
              <>
                <dt key={`${field.name}-label`}>{field.label(t)}</dt>
                <dd key={field.name} lang="en">
                  {field.original}
                </dd>
              </>
            ))}
            <dt>{t('deskTranslating.field.body')}</dt>
            <dd>
              <pre class="mail-text" lang="en">
                {bodyOf(data.kind, data.original) || t('deskTranslating.field.empty')}
              </pre>
              {hasMembersOnly(data.kind, data.original) ? null : <p class="field__hint">{t('deskTranslating.noMembersOnly')}</p>}
            </dd>
          </dl>
        </section>
        <section aria-labelledby="translation-heading">
          <h2 id="translation-heading">{t('deskTranslating.translation', { language })}</h2>
          <form method="post" action={action} class="form form--wide" lang={language === 'zh' ? 'zh-Hans' : language}>
            <input type="hidden" name={CSRF_FIELD} value={ctx.csrf} />
            {fields.map((field) => (
              <TextField key={field.name} name={field.name} label={field.label(t)} value={values.fields[field.name] ?? ''} errors={errors} hint={t('deskTranslating.fieldHint', { original: field.original })} />
            ))}
            {locked ? null : <WritingToolbar textareaId="field-body" />}
            <TextArea name="body" label={t('deskTranslating.field.body')} value={values.body} rows={18} class="markdown" errors={errors} hint={t('deskTranslating.bodyHint', { marker: MEMBERS_ONLY_MARKER })} />
            {locked ? null : (
              <div class="actions">
                <button type="submit" class="button">
                  {t('deskTranslating.save')}
                </button>
              </div>
            )}
          </form>
        </section>
      </div>
      {translation && !locked ? (
        <section aria-labelledby="remove-heading">
          <h2 id="remove-heading">{t('deskTranslating.remove.heading')}</h2>
          <p>{t('deskTranslating.remove.text', { language })}</p>
          <form method="post" action={`${action}/remove`} class="form">
            <input type="hidden" name={CSRF_FIELD} value={ctx.csrf} />
            <div class={confirmMessages.length > 0 ? 'field field--error' : 'field'}>
              {confirmMessages.map((message, index) => (
                <p key={index} class="field__error">
                  {message}
                </p>
              ))}
              <label class="check">
                <input type="checkbox" name="confirm" value="1" id="field-confirm" /> {t('deskTranslating.remove.confirm', { language })}
              </label>
            </div>
            <p>
              <button type="submit" class="button button--danger">
                {t('deskTranslating.remove.button')}
              </button>
            </p>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  );
}
