import { CSRF_FIELD } from '../../lib/request-security.js';
import { INQUIRY_TOPICS, type InquiryDraft } from '../../inquiries/inquiries.js';
import type { MessageKey } from '../../i18n/messages.js';
import { Layout, type Site } from '../layout.js';
import { useLocale, type Locale } from '../locale.js';
import { localizeErrors } from './form-text.js';
import { sentence } from './sentence.js';
import { FormErrorSummary, Honeypot, InputField, SelectField, TextAreaField, type FieldErrors } from './program-fields.js';
import { PrivacyNote } from './legal.page.js';

const FIELDS = ['name', 'email', 'company', 'topic', 'message'] as const;

function labelsOf({ t }: Locale): Record<string, string> {
  return Object.fromEntries(FIELDS.map((field) => [field, t(`forms.contact.field.${field}`)]));
}

function topicLabel({ t }: Locale, key: (typeof INQUIRY_TOPICS)[number]['key']): string {
  const message: MessageKey = `forms.contact.topic.${key}`;
  return t(message);
}

/** `/contact`: the inquiry form (with a honeypot for bots). */
export function ContactPage({ site, csrf, draft, errors }: { site: Site; csrf: string; draft: InquiryDraft; errors?: FieldErrors | undefined }) {
  const locale = useLocale();
  const { t } = locale;
  const shown = localizeErrors(locale, errors);
  return (
    <Layout site={site} meta={{ title: t('forms.contact.title'), description: t('forms.contact.description', { site: site.name }), path: '/contact' }}>
      <header class="page-header">
        <h1>{t('forms.contact.title')}</h1>
      </header>
      <p>{t('forms.contact.intro')}</p>
      <FormErrorSummary errors={shown} labels={labelsOf(locale)} />
      <form method="post" action={locale.path('/contact')} class="form contact-form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <InputField name="name" label={t('forms.contact.name')} value={draft.name} autocomplete="name" maxLength={200} required errors={shown} />
        <InputField name="email" label={t('forms.contact.email')} type="email" value={draft.email} autocomplete="email" maxLength={254} required errors={shown} />
        <InputField name="company" label={t('forms.contact.company')} value={draft.company} autocomplete="organization" maxLength={200} errors={shown} />
        <SelectField
          name="topic"
          label={t('forms.contact.topic')}
          value={draft.topic}
          required
          options={[{ value: '', label: t('forms.contact.chooseTopic') }, ...INQUIRY_TOPICS.map((topic) => ({ value: topic.key, label: topicLabel(locale, topic.key) }))]}
          errors={shown}
        />
        <TextAreaField name="message" label={t('forms.contact.message')} value={draft.message} rows={8} maxLength={5000} required errors={shown} />
        <Honeypot />
        <button type="submit" class="button">
          {t('forms.contact.send')}
        </button>
        <PrivacyNote />
      </form>
      {site.contactEmail ? (
        <p>
          {sentence(t, 'forms.contact.alsoWrite', { link: <a href={`mailto:${site.contactEmail}`}>{site.contactEmail}</a> })}
        </p>
      ) : null}
    </Layout>
  );
}

/** After a message was sent. */
export function ContactSentPage({ site, email }: { site: Site; email: string }) {
  const locale = useLocale();
  const { t } = locale;
  return (
    <Layout site={site} meta={{ title: t('forms.contact.sentTitle'), description: t('forms.contact.sentDescription'), path: '/contact', noindex: true }}>
      <header class="page-header">
        <h1>{t('forms.contact.sentTitle')}</h1>
      </header>
      <div class="message">
        <p>{t('forms.contact.sentText', { email })}</p>
        <p>
          <a href={locale.path('/')}>{t('forms.readLatest')}</a>
        </p>
      </div>
    </Layout>
  );
}
