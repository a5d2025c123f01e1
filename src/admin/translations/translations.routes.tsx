import { z } from 'zod';
import type { Permission } from '../../auth/permissions.js';
import { getDeskTranslations, removeDeskTranslation, saveDeskTranslation, type DeskKey } from '../../issues/translation-editing.service.js';
import { rightsOf } from '../../issues/publicity.service.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import { SLUG } from '../../lib/slug.js';
import { TRANSLATION_KINDS, TRANSLATION_LANGUAGES, type TranslationKind, type TranslationLanguage } from '../../translations/translations.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { failedStatus, formCheckbox, formErrorsOf, type FormErrors } from '../forms.js';
import { readTranslationForm, textFromValues, valuesOf, type TranslationValues } from './translation-form.js';
import { AREA_OF, translationErrorsOf, translationPath, TranslationPage } from './translation.pages.js';

// Translating an issue, story, event, program or report into German or Chinese, at
// `<area>/<slug or id>/translations/<de|zh>` beside the area's own pages. Viewing needs what the
// area's edit page needs; saving and removing need draft_content, and for something readers see
// the one publicity rule (issues/publicity.service.ts): only those who may change it.

const params = z.object({ key: z.string().max(200), language: z.string().max(10) });
const removeForm = z.object({ confirm: formCheckbox });

/** The language of the URL (`de` or `zh`); any other cannot exist. */
function languageOf(ctx: StaffContext): TranslationLanguage {
  const { language } = params.parse(ctx.request.params);
  if (!(TRANSLATION_LANGUAGES as readonly string[]).includes(language)) throw new NotFound(`There is no translation into "${language}".`);
  return language as TranslationLanguage;
}

/** The item of the URL: issues and stories by slug, events, programs and reports by id. */
function keyOf(ctx: StaffContext, kind: TranslationKind): DeskKey {
  const { key } = params.parse(ctx.request.params);
  if (kind === 'issue' || kind === 'story') {
    if (!SLUG.test(key)) throw new NotFound(`There is no ${kind} "${key}".`);
    return key;
  }
  const id = Number(key);
  if (!/^[1-9]\d{0,14}$/.test(key) || !Number.isSafeInteger(id)) throw new NotFound(`There is no such ${kind}; it may have been deleted.`);
  return id;
}

async function render(
  ctx: StaffContext, kind: TranslationKind, key: DeskKey, language: TranslationLanguage,
  options: { values?: TranslationValues; errors?: FormErrors; removeErrors?: FormErrors; status?: number } = {},
) {
  const data = await getDeskTranslations(ctx.deps.db, ctx.deps.clock.now(), rightsOf(ctx.can), kind, key);
  const values = options.values ?? valuesOf(kind, data.original, data.translations[language]);
  return ctx.page(<TranslationPage ctx={ctx} data={data} language={language} values={values} errors={options.errors} removeErrors={options.removeErrors} />, options.status ?? 200);
}

/** The edit page of issues and stories opens with view_desk (a contributor reads it); the others' with draft_content, as their areas do. */
const VIEW_PERMISSION: Readonly<Record<TranslationKind, Permission>> = { issue: 'view_desk', story: 'view_desk', event: 'draft_content', program: 'draft_content', report: 'draft_content' };

function routesOf(kind: TranslationKind): AdminRoute[] {
  const url = `${AREA_OF[kind]}/:key/translations/:language`;
  return [
    staffRoute('GET', url, VIEW_PERMISSION[kind], async (ctx) => render(ctx, kind, keyOf(ctx, kind), languageOf(ctx))),

    staffRoute('POST', url, 'draft_content', async (ctx) => {
      const key = keyOf(ctx, kind);
      const language = languageOf(ctx);
      const { db, clock } = ctx.deps;
      const { t } = ctx.locale;
      const { original } = await getDeskTranslations(db, clock.now(), rightsOf(ctx.can), kind, key);
      const values = readTranslationForm(kind, original, ctx.request.body);
      const { text, fieldOf } = textFromValues(kind, original, values);
      try {
        const { found, changed } = await saveDeskTranslation(db, clock, ctx.actor, rightsOf(ctx.can), kind, key, { language, text, body: values.body });
        const path = translationPath(kind, typeof key === 'number' ? String(found.original.id) : found.slug, language);
        return ctx.redirect(path, changed ? t('deskTranslating.saved', { language }) : t('deskTranslating.unchanged'));
      } catch (error) {
        const errors = error instanceof Invalid ? translationErrorsOf(t, error, fieldOf) : formErrorsOf(error);
        return render(ctx, kind, key, language, { values, errors, status: failedStatus(error) });
      }
    }),

    staffRoute('POST', `${url}/remove`, 'draft_content', async (ctx) => {
      const key = keyOf(ctx, kind);
      const language = languageOf(ctx);
      const { t } = ctx.locale;
      if (!removeForm.parse(ctx.request.body ?? {}).confirm) {
        const removeErrors = { message: t('deskTranslating.remove.unconfirmed'), fields: { confirm: [t('deskTranslating.remove.tick')] } };
        return render(ctx, kind, key, language, { removeErrors, status: 400 });
      }
      try {
        const { found, removed } = await removeDeskTranslation(ctx.deps.db, ctx.deps.clock, ctx.actor, rightsOf(ctx.can), kind, key, language);
        return ctx.redirect(translationPath(kind, typeof key === 'number' ? String(found.original.id) : found.slug, language), removed ? t('deskTranslating.removed', { language }) : t('deskTranslating.nothingToRemove', { language }));
      } catch (error) {
        return render(ctx, kind, key, language, { removeErrors: formErrorsOf(error), status: failedStatus(error) });
      }
    }),
  ];
}

/** Every kind's translation pages. */
export const translationRoutes: readonly AdminRoute[] = TRANSLATION_KINDS.flatMap(routesOf);
