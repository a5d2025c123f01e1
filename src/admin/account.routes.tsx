import { z } from 'zod';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/languages.js';
import { Invalid } from '../lib/errors.js';
import { setOwnLanguage } from '../staff/staff.service.js';
import { localeOf } from '../web/locale.js';
import { staffRoute, type AdminRoute, type StaffContext } from './admin-route.js';
import { AdminLayout } from './admin-layout.js';
import { ErrorSummary, failedStatus, Form, formErrorsOf, SelectField, type FormErrors } from './forms.js';

// A staff member's own account: the language of their desk and of the mail they get. Every
// signed-in role may change its own; other staff settings are on the staff pages (manage_staff).

const accountForm = z.object({ language: z.string().default('') });

/** The three languages, each by its own name. */
export const LANGUAGE_OPTIONS: readonly { value: Language; label: string }[] = LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] }));

/** A submitted language, or `Invalid` naming the field. */
export function languageOf(value: string): Language {
  if (!isLanguage(value)) throw new Invalid('Choose a language.', [{ where: 'language', message: `choose one of ${LANGUAGES.join(', ')}` }]);
  return value;
}

function AccountPage({ ctx, language, errors }: { ctx: StaffContext; language: string; errors?: FormErrors }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('desk.account.title')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/account">
      <div class="narrow">
        <h1>{t('desk.account.title')}</h1>
        <p>{t('desk.account.intro', { email: ctx.staff.email, role: t('desk.role', { role: ctx.staff.role }) })}</p>
        <ErrorSummary errors={errors} />
        <Form action="/admin/account" csrf={ctx.csrf}>
          <SelectField name="language" label={t('desk.account.language')} value={language} options={LANGUAGE_OPTIONS} errors={errors} />
          <button type="submit" class="button">
            {t('desk.account.save')}
          </button>
        </Form>
      </div>
    </AdminLayout>
  );
}

/** The signed-in staff member's own settings. */
export const accountRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/account', 'view_desk', async (ctx) => ctx.page(<AccountPage ctx={ctx} language={ctx.staff.language} />)),

  staffRoute('POST', '/admin/account', 'view_desk', async (ctx) => {
    const form = accountForm.parse(ctx.request.body ?? {});
    try {
      const staff = await setOwnLanguage(ctx.deps.db, ctx.deps.clock, ctx.staff, languageOf(form.language));
      // The notice is read on the next page, in the language just chosen.
      return ctx.redirect('/admin/account', localeOf(staff.language).t('desk.account.saved'));
    } catch (error) {
      return ctx.page(<AccountPage ctx={ctx} language={form.language} errors={formErrorsOf(error)} />, failedStatus(error));
    }
  }),
];
