import { CSRF_FIELD } from '../../lib/request-security.js';
import type { Site } from '../layout.js';
import { useLocale } from '../locale.js';

// The consent ledger's parts of public forms. The sentences come from the same catalog keys the
// ledger stores (consent/consent.ts `consentWording`), so what is shown is what is recorded.

/** The newsletter consent sentence under a form's subscribe button or box. */
export function NewsletterConsentText({ site }: { site: Pick<Site, 'name'> }) {
  const { t } = useLocale();
  return <p class="field__hint">{t('consent.wording.newsletter', { site: site.name })}</p>;
}

/** The sentence a registration form shows above its button. */
export function RegistrationConsentText({ siteName, purpose }: { siteName: string; purpose: 'event' | 'program' }) {
  const { t } = useLocale();
  return <p class="field__hint">{t(purpose === 'event' ? 'consent.wording.eventRegistration' : 'consent.wording.programRegistration', { site: siteName })}</p>;
}

/** The form field of the newsletter box; `newsletterBoxTicked` reads it back. */
export const NEWSLETTER_BOX_FIELD = 'newsletterConsent';

/** Whether a submitted form ticked the newsletter box. */
export function newsletterBoxTicked(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>)[NEWSLETTER_BOX_FIELD] === '1';
}

/** The optional "also send me the newsletter" box of a registration form (the label is the consent sentence). */
export function NewsletterConsentBox({ siteName, checked }: { siteName: string; checked: boolean }) {
  const { t } = useLocale();
  return (
    <fieldset class="field">
      <legend>{t('consent.box.legend')}</legend>
      <label class="check">
        <input type="checkbox" name={NEWSLETTER_BOX_FIELD} value="1" checked={checked} /> {t('consent.wording.newsletter', { site: siteName })}
      </label>
    </fieldset>
  );
}

/**
 * The one-click consent prompt on /account (and right after sign-in, which leads there) for a
 * contact with no newsletter consent on record: one POST, with CSRF.
 */
export function ConsentPrompt({ site, csrf, done }: { site: Site; csrf: string; done: boolean }) {
  const locale = useLocale();
  const { t } = locale;
  if (done) {
    return (
      <p class="flash" role="status">
        {t('consent.prompt.done')}
      </p>
    );
  }
  return (
    <section class="notice" aria-labelledby="consent-prompt-title" id="consent-prompt">
      <h2 id="consent-prompt-title">{t('consent.prompt.title')}</h2>
      <p>{t('consent.prompt.text', { site: site.name })}</p>
      <form method="post" action={locale.path('/account/consent')} class="form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <NewsletterConsentText site={site} />
        <button type="submit" class="button">
          {t('consent.prompt.button')}
        </button>
      </form>
    </section>
  );
}
