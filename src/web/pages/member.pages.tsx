import type { FormErrors } from '../../lib/form-errors.js';
import type { ComponentChildren } from 'preact';
import { CSRF_FIELD } from '../../lib/request-security.js';
import { LANGUAGE_NAMES, LANGUAGES, type Contact } from '../../members/members.js';
import type { Term } from '../../content/taxonomy.service.js';
import { Layout, type Site } from '../layout.js';

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
  const messages = errors?.fields.email ?? [];
  return (
    <div class={messages.length > 0 ? 'field field--error' : 'field'}>
      <label for="field-email">Your email address</label>
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
export function LoginPage({ site, csrf, email, errors }: { site: Site; csrf: string; email: string; errors?: PublicFormErrors }) {
  return (
    <Shell site={site} title="Member sign-in" path="/login">
      <p>Enter the email address we send the newsletter to. We email you a link that signs you in; it works once, within 15 minutes. No password needed.</p>
      <Errors errors={errors} />
      <form method="post" action="/login" class="form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <EmailField value={email} errors={errors} />
        <button type="submit" class="button">
          Email me a sign-in link
        </button>
      </form>
      <p>
        Not receiving the newsletter yet? <a href="/subscribe">Subscribe to the free edition</a>.
      </p>
    </Shell>
  );
}

/** The same answer for every address. */
export function CheckEmailPage({ site, email, what }: { site: Site; email: string; what: 'sign-in' | 'subscribe' }) {
  return (
    <Shell site={site} title="Check your email" path={what === 'sign-in' ? '/login' : '/subscribe'}>
      {what === 'sign-in' ? (
        <p>
          If {email} is on our list, a sign-in link is on its way. It works once, within 15 minutes. Nothing arrived? Check your spam folder, or{' '}
          <a href="/login">ask for another link</a>.
        </p>
      ) : (
        <p>We sent a confirmation link to {email}. Your subscription starts when you open it and confirm. Nothing arrived? Check your spam folder.</p>
      )}
    </Shell>
  );
}

/** A link opened from an email: a button confirms, so link scanners that only GET use nothing. */
export function ConfirmLinkPage({ site, path, title, text, button, csrf }: { site: Site; path: string; title: string; text: string; button: string; csrf: string }) {
  return (
    <Shell site={site} title={title} path={path}>
      <p>{text}</p>
      <form method="post" action={path} class="form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <button type="submit" class="button">
          {button}
        </button>
      </form>
    </Shell>
  );
}

/** A link that cannot be used, saying why and what to do. */
export function UnusableLinkPage({ site, path, message, again }: { site: Site; path: string; message: string; again: { href: string; text: string } }) {
  return (
    <Shell site={site} title="This link cannot be used" path={path}>
      <p>{message}</p>
      <p>
        <a href={again.href}>{again.text}</a>
      </p>
    </Shell>
  );
}

/** `/account`: topics, language and subscription; saved at once. */
export function AccountPage({ site, csrf, contact, topics, isMember, saved, errors }: { site: Site; csrf: string; contact: Contact; topics: readonly Term[]; isMember: boolean; saved: boolean; errors?: PublicFormErrors }) {
  return (
    <Shell site={site} title="Your account" path="/account">
      {saved ? (
        <p class="flash" role="status">
          Your changes are saved.
        </p>
      ) : null}
      <dl class="facts">
        <dt>Email</dt>
        <dd>{contact.email}</dd>
        {contact.name ? (
          <>
            <dt>Name</dt>
            <dd>{contact.name}</dd>
          </>
        ) : null}
        <dt>Company</dt>
        <dd>{contact.company ? `${contact.company.name} (${isMember ? 'member' : 'membership lapsed'})` : 'none: you receive the free edition'}</dd>
      </dl>
      <Errors errors={errors} />
      <form method="post" action="/account" class="form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <div class="field">
          <label class="check">
            <input type="checkbox" name="subscribed" value="1" checked={contact.subscribed} /> Send me the newsletter by email
            {isMember ? ' (the full members’ edition)' : ' (the free edition)'}
          </label>
        </div>
        <fieldset class="field">
          <legend>Topics I care about most</legend>
          <p class="field__hint">Leave all unticked to hear about every topic.</p>
          {topics.map((topic) => (
            <label key={topic.slug} class="check">
              <input type="checkbox" name="topics" value={topic.slug} checked={contact.topics.includes(topic.slug)} /> {topic.name}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="field-language">Language for emails</label>
          <select id="field-language" name="language">
            {LANGUAGES.map((language) => (
              <option key={language} value={language} selected={contact.language === language}>
                {LANGUAGE_NAMES[language]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          Save
        </button>
      </form>
    </Shell>
  );
}

/** `/subscribe`: double opt-in for the free edition, with a honeypot field for bots. */
export function SubscribePage({ site, csrf, values, errors }: { site: Site; csrf: string; values: { email: string; name: string }; errors?: PublicFormErrors }) {
  return (
    <Shell site={site} title="Subscribe" path="/subscribe">
      <p>
        The free edition brings the public part of every issue to your inbox, four times a year. Member companies receive the full version.
        You can unsubscribe with one click in every email.
      </p>
      <Errors errors={errors} />
      <form method="post" action="/subscribe" class="form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <EmailField value={values.email} errors={errors} />
        <div class="field">
          <label for="field-name">Your name (optional)</label>
          <input id="field-name" name="name" type="text" autoComplete="name" value={values.name} maxLength={200} />
        </div>
        <div class="honeypot" aria-hidden="true">
          <label for="field-website">Leave this empty</label>
          <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit" class="button">
          Subscribe
        </button>
      </form>
      <p>
        You can also follow new issues with the <a href="/feed.xml">Atom feed</a>.
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
