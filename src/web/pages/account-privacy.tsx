import { CSRF_FIELD } from '../../lib/request-security.js';
import { useLocale } from '../locale.js';

// The account page's data requests (docs/privacy.md): two buttons that each mail the member a
// one-time link, to download their data or to confirm their erasure.

/** Which request was just mailed, for the notice above the buttons. */
export type PrivacyNotice = 'export' | 'erase' | null;

/** The "Your data" section of /account. */
export function AccountPrivacySection({ csrf, notice }: { csrf: string; notice: PrivacyNotice }) {
  const locale = useLocale();
  const { t } = locale;
  return (
    <section aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t('privacy.account.heading')}</h2>
      {notice ? (
        <p class="flash" role="status">
          {t(notice === 'export' ? 'privacy.account.exportSent' : 'privacy.account.eraseSent')}
        </p>
      ) : null}
      <p>{t('privacy.account.intro')}</p>
      <form method="post" action={locale.path('/account/data-export')} class="form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <button type="submit" class="button button--quiet">
          {t('privacy.account.export')}
        </button>
      </form>
      <form method="post" action={locale.path('/account/erasure')} class="form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <button type="submit" class="button button--quiet">
          {t('privacy.account.erase')}
        </button>
      </form>
    </section>
  );
}
