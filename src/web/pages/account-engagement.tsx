import { CSRF_FIELD } from '../../lib/request-security.js';
import { useLocale } from '../locale.js';

// The account page's "Click statistics" (issue 20): the consent purpose "engagement tracking",
// given or withdrawn with one button. The sentence shown is the one the consent ledger stores.

export function AccountEngagementSection({ csrf, consented, siteRecords, saved, siteName }: { csrf: string; consented: boolean; siteRecords: boolean; saved: 'given' | 'withdrawn' | null; siteName: string }) {
  const locale = useLocale();
  const { t } = locale;
  return (
    <section aria-labelledby="engagement-heading" id="engagement">
      <h2 id="engagement-heading">{t('engagement.account.heading')}</h2>
      {saved ? (
        <p class="flash" role="status">
          {t(saved === 'given' ? 'engagement.account.given' : 'engagement.account.withdrawn')}
        </p>
      ) : null}
      <p>{t(consented ? 'engagement.account.on' : 'engagement.account.off')}</p>
      {!consented ? <p>{t('engagement.consent.wording', { site: siteName })}</p> : null}
      {!siteRecords ? <p>{t('engagement.account.siteOff')}</p> : null}
      <form method="post" action={locale.path('/account/engagement')} class="form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <input type="hidden" name="choice" value={consented ? 'withdraw' : 'give'} />
        <button type="submit" class="button button--quiet">
          {t(consented ? 'engagement.account.withdraw' : 'engagement.account.give')}
        </button>
      </form>
    </section>
  );
}
