import { CSRF_FIELD } from '../../lib/request-security.js';
import { Layout, Prose, type Site } from '../layout.js';
import { useLocale } from '../locale.js';
import { localizeErrors } from './form-text.js';
import type { PublicFormErrors } from './member.pages.js';
import { PrivacyNote } from './legal.page.js';

/** What the call form remembers between attempts. */
export interface CallFormValues {
  readonly kind: string;
  readonly name: string;
  readonly email: string;
  readonly organisation: string;
  readonly title: string;
  readonly summary: string;
}

export const EMPTY_CALL_FORM: CallFormValues = { kind: '', name: '', email: '', organisation: '', title: '', summary: '' };

function Field({ name, label, errors, children, hint }: { name: string; label: string; errors: PublicFormErrors | undefined; children: preact.ComponentChildren; hint?: string }) {
  const messages = errors?.fields[name] ?? [];
  return (
    <div class={messages.length > 0 ? 'field field--error' : 'field'}>
      <label for={`field-${name}`}>{label}</label>
      {hint ? <p class="field__hint">{hint}</p> : null}
      {messages.map((message) => (
        <p class="field__error" id={`error-${name}`}>
          {message}
        </p>
      ))}
      {children}
    </div>
  );
}

function invalid(errors: PublicFormErrors | undefined, name: string) {
  return (errors?.fields[name]?.length ?? 0) > 0 ? { 'aria-invalid': 'true' as const, 'aria-describedby': `error-${name}` } : {};
}

/** `/events/<slug>/call`: the public call for speakers and partners (no sign-in needed). */
export function CallPage({
  site, event, kinds, closesOn, introHtml, csrf, values, errors: given, closed,
}: {
  site: Site;
  event: { slug: string; title: string };
  kinds: readonly ('speaker' | 'partner')[];
  closesOn: string | null;
  introHtml: string;
  csrf: string;
  values: CallFormValues;
  errors?: PublicFormErrors;
  closed?: string | null;
}) {
  const locale = useLocale();
  const { t } = locale;
  const errors = localizeErrors(locale, given);
  const title = t('forms.call.title', { kinds: kinds.length > 1 ? 'both' : (kinds[0] ?? 'speaker'), event: event.title });
  return (
    <Layout site={site} meta={{ title, description: title, path: `/events/${event.slug}/call`, noindex: true, current: 'events' }}>
      <header class="page-header">
        <h1>{title}</h1>
        {closesOn ? <p class="lede">{t('forms.call.closesOn', { deadline: closesOn })}</p> : null}
      </header>
      {introHtml ? <Prose html={introHtml} /> : null}
      {closed ? (
        <p>{closed}</p>
      ) : (
        <>
          {errors ? (
            <div class="error-summary" role="alert">
              <p>{errors.message}</p>
            </div>
          ) : null}
          <form method="post" action={locale.path(`/events/${event.slug}/call`)} class="form">
            <input type="hidden" name={CSRF_FIELD} value={csrf} />
            <Field name="kind" label={t('forms.call.kind')} errors={errors}>
              <select id="field-kind" name="kind" required={kinds.length > 1} {...invalid(errors, 'kind')}>
                {kinds.length > 1 ? <option value="">{t('forms.call.choose')}</option> : null}
                {kinds.map((kind) => (
                  <option value={kind} selected={values.kind === kind}>
                    {kind === 'speaker' ? t('forms.call.kind.speaker') : t('forms.call.kind.partner')}
                  </option>
                ))}
              </select>
            </Field>
            <Field name="name" label={t('forms.call.name')} errors={errors}>
              <input id="field-name" name="name" type="text" autoComplete="name" required maxLength={200} value={values.name} {...invalid(errors, 'name')} />
            </Field>
            <Field name="email" label={t('forms.call.email')} errors={errors} hint={t('forms.call.emailHint')}>
              <input id="field-email" name="email" type="email" autoComplete="email" required maxLength={254} value={values.email} {...invalid(errors, 'email')} />
            </Field>
            <Field name="organisation" label={t('forms.call.organisation')} errors={errors}>
              <input id="field-organisation" name="organisation" type="text" autoComplete="organization" maxLength={200} value={values.organisation} {...invalid(errors, 'organisation')} />
            </Field>
            <Field name="title" label={t('forms.call.proposalTitle')} errors={errors}>
              <input id="field-title" name="title" type="text" required maxLength={300} value={values.title} {...invalid(errors, 'title')} />
            </Field>
            <Field name="summary" label={t('forms.call.summary')} errors={errors} hint={t('forms.call.summaryHint')}>
              <textarea id="field-summary" name="summary" rows={8} required maxLength={5000} {...invalid(errors, 'summary')}>
                {values.summary}
              </textarea>
            </Field>
            <div class="honeypot" aria-hidden="true">
              <label for="field-website">{t('forms.honeypot')}</label>
              <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
            </div>
            <button type="submit" class="button">
              {t('forms.call.send')}
            </button>
            <PrivacyNote />
          </form>
        </>
      )}
      <p class="back">
        <a href={locale.path(`/events/${event.slug}`)}>{t('forms.call.backToEvent')}</a>
      </p>
    </Layout>
  );
}
