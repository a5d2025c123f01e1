import type { FormErrors } from '../../lib/form-errors.js';
import type { ComponentChildren } from 'preact';
import { CSRF_FIELD } from '../../lib/request-security.js';
import { LANGUAGE_NAMES, LANGUAGES, TOPIC_MODES, type Contact } from '../../members/members.js';
import type { Term } from '../../content/taxonomy.service.js';
import { languageTag } from '../../i18n/languages.js';
import { Layout, type Site } from '../layout.js';
import { useLocale } from '../locale.js';
import { localizeErrors, localizeMessage } from './form-text.js';
import { sentence } from './sentence.js';
import { NewsletterConsentText } from './consent-parts.js';
import { PrivacyNote } from './legal.page.js';

/** Messages per form field, and a summary (the desk's FormErrors). */
export type PublicFormErrors = FormErrors;

function Shell({ site, title, path, children }: { site: Site; title: string; path: string; children: ComponentChildren }) {
  return (
    <Layout site={site} meta={{ title, description: title, path, noindex: true }}>
      <header class="page-header">
        <h1>{title}</h1>
      </header>
      <div class="message">{children}</div>
    </Layout>
  );
}

function Errors({ errors }: { errors: PublicFormErrors | undefined }) {
  if (!errors) return null;
  return (
    <div class="error-summary" role="alert">
      <p>{errors.message}</p>
    </div>
  );
}

function EmailField({ value, errors }: { value: string; errors: PublicFormErrors | undefined }) {
  const { t } = useLocale();
  const messages = errors?.fields.email ?? [];
  return (
    <div class={messages.length > 0 ? 'field field--error' : 'field'}>
      <label for="field-email">{t('forms.email.label')}</label>
      {messages.map((message, index) => (
        <p key={index} class="field__error" id="error-email">
          {message}
        </p>
      ))}
      <input
        id="field-email"
        name="email"
        type="email"
        autoComplete="email"
        required
        value={value}
        aria-invalid={messages.length > 0 ? 'true' : undefined}
        aria-describedby={messages.length > 0 ? 'error-email' : undefined}
      />
    </div>
  );
}

/** `/login`: one field; the answer never says whether the address is known. */
export function LoginPage({ site, csrf, email, next, errors }: { site: Site; csrf: string; email: string; /** A checked return path (auth/return-path.ts), carried into the sign-in link. */ next?: string | undefined; errors?: PublicFormErrors }) {
  const locale = useLocale();
  const { t } = locale;
  const shown = localizeErrors(locale, errors);
  return (
    <Shell site={site} title={t('forms.login.title')} path="/login">
      <p>{t('forms.login.intro')}</p>
      <Errors errors={shown} />
      <form method="post" action={locale.path('/login')} class="form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <EmailField value={email} errors={shown} />
        <button type="submit" class="button">
          {t('forms.login.button')}
        </button>
        <PrivacyNote />
      </form>
      <p>
        {sentence(t, 'forms.login.notYet', { link: <a href={locale.path('/subscribe')}>{t('forms.login.subscribeLink')}</a> })}
      </p>
    </Shell>
  );
}

/** The same answer for every address. */
export function CheckEmailPage({ site, email, what }: { site: Site; email: string; what: 'sign-in' | 'subscribe' }) {
  const locale = useLocale();
  const { t } = locale;
  return (
    <Shell site={site} title={t('forms.login.checkTitle')} path={what === 'sign-in' ? '/login' : '/subscribe'}>
      {what === 'sign-in' ? (
        <p>
          {sentence(t, 'forms.login.checkSignIn', { link: <a href={locale.path('/login')}>{t('forms.login.checkSignInLink')}</a> }, { email })}
        </p>
      ) : (
        <p>{t('forms.subscribe.checkText', { email })}</p>
      )}
    </Shell>
  );
}

/** A link opened from an email: a button confirms, so link scanners that only GET use nothing. `path` is the page's address in English. */
export function ConfirmLinkPage({ site, path, title, text, button, csrf, hidden = {} }: { site: Site; path: string; title: string; text: string; button: string; csrf: string; /** More hidden fields of the form (the sign-in link's `next`). */ hidden?: Readonly<Record<string, string>> }) {
  const locale = useLocale();
  return (
    <Shell site={site} title={title} path={path}>
      <p>{text}</p>
      <form method="post" action={locale.path(path)} class="form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        {Object.entries(hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <button type="submit" class="button">
          {button}
        </button>
      </form>
    </Shell>
  );
}

/** A link that cannot be used, saying why (in the reader's language when the message is a known one) and what to do. */
export function UnusableLinkPage({ site, path, message, again }: { site: Site; path: string; message: string; again: { href: string; text: string } }) {
  const locale = useLocale();
  return (
    <Shell site={site} title={locale.t('forms.link.unusableTitle')} path={path}>
      <p>{localizeMessage(locale, message)}</p>
      <p>
        <a href={locale.path(again.href)}>{again.text}</a>
      </p>
    </Shell>
  );
}

/** `/account`: topics, language and subscription; saved at once. */
export function AccountPage({ site, csrf, contact, topics, isMember, saved, errors, consent, children }: { site: Site; csrf: string; contact: Contact; topics: readonly Term[]; isMember: boolean; saved: boolean; errors?: PublicFormErrors; /** The consent prompt (consent-parts.tsx), when there is one to show. */ consent?: ComponentChildren; /** Sections below the form (the data requests). */ children?: ComponentChildren }) {
  const locale = useLocale();
  const { t } = locale;
  return (
    <Shell site={site} title={t('forms.account.title')} path="/account">
      {saved ? (
        <p class="flash" role="status">
          {t('forms.account.saved')}
        </p>
      ) : null}
      {consent}
      <dl class="facts">
        <dt>{t('forms.account.email')}</dt>
        <dd>{contact.email}</dd>
        {contact.name ? (
          <>
            <dt>{t('forms.account.name')}</dt>
            <dd>{contact.name}</dd>
          </>
        ) : null}
        <dt>{t('forms.account.company')}</dt>
        <dd>{contact.company ? t('forms.account.companyStatus', { company: contact.company.name, status: isMember ? 'member' : 'lapsed' }) : t('forms.account.noCompany')}</dd>
      </dl>
      <Errors errors={localizeErrors(locale, errors)} />
      <form method="post" action={locale.path('/account')} class="form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <div class="field">
          <label class="check">
            <input type="checkbox" name="subscribed" value="1" checked={contact.subscribed} /> {t('forms.account.newsletter', { edition: isMember ? 'member' : 'free' })}
          </label>
          <NewsletterConsentText site={site} />
        </div>
        <fieldset class="field">
          <legend>{t('forms.account.topics')}</legend>
          <p class="field__hint">{t('forms.account.topicsHint')}</p>
          {topics.map((topic) => (
            <label key={topic.slug} class="check">
              <input type="checkbox" name="topics" value={topic.slug} checked={contact.topics.includes(topic.slug)} /> {topic.name}
            </label>
          ))}
        </fieldset>
        <fieldset class="field">
          <legend>{t('topicChoices.account.mode')}</legend>
          {TOPIC_MODES.map((mode) => (
            <label key={mode} class="check">
              <input type="radio" name="topicMode" value={mode} checked={contact.topicMode === mode} /> {t(mode === 'first' ? 'topicChoices.account.modeFirst' : 'topicChoices.account.modeOnly')}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="field-language">{t('forms.account.language')}</label>
          <select id="field-language" name="language">
            {LANGUAGES.map((language) => (
              <option key={language} value={language} lang={languageTag(language)} selected={contact.language === language}>
                {LANGUAGE_NAMES[language]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {t('forms.account.save')}
        </button>
        <PrivacyNote />
      </form>
      {/* Further sections of the account (the data requests of account-privacy.tsx). */}
      {children}
    </Shell>
  );
}

/** `/subscribe`: double opt-in for the free edition, with a honeypot field for bots. */
export function SubscribePage({ site, csrf, values, errors }: { site: Site; csrf: string; values: { email: string; name: string }; errors?: PublicFormErrors }) {
  const locale = useLocale();
  const { t } = locale;
  const shown = localizeErrors(locale, errors);
  return (
    <Shell site={site} title={t('forms.subscribe.title')} path="/subscribe">
      <p>{t('forms.subscribe.intro')}</p>
      <Errors errors={shown} />
      <form method="post" action={locale.path('/subscribe')} class="form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <EmailField value={values.email} errors={shown} />
        <div class="field">
          <label for="field-name">{t('forms.subscribe.name')}</label>
          <input id="field-name" name="name" type="text" autoComplete="name" value={values.name} maxLength={200} />
        </div>
        <NewsletterConsentText site={site} />
        <div class="honeypot" aria-hidden="true">
          <label for="field-website">{t('forms.honeypot')}</label>
          <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit" class="button">
          {t('forms.subscribe.button')}
        </button>
        <PrivacyNote />
      </form>
      <p>
        {sentence(t, 'forms.subscribe.feed', { link: <a href={locale.path('/feed.xml')}>{t('forms.subscribe.feedLink')}</a> })}
      </p>
    </Shell>
  );
}

/** A plain notice in the public shell. */
export function NoticePage({ site, title, path, children }: { site: Site; title: string; path: string; children: ComponentChildren }) {
  return (
    <Shell site={site} title={title} path={path}>
      {children}
    </Shell>
  );
}
