import { formatDate } from '../../i18n/format.js';
import { CSRF_FIELD } from '../../lib/request-security.js';
import type { PrivateFeedAccess } from '../../members/private-feeds.js';
import { useLocale } from '../locale.js';

// The account page's private feed (docs/feeds.md, "Private feed"): make, rotate or revoke the
// link to the member's full-text feed. Only the token's hash is stored, so its address is on the
// page only in the answer to the request that made it.


/** What the section shows. */
export interface PrivateFeedState {
  /** Whether the contact may read a private feed now (members/private-feeds.service.ts decides). */
  readonly access: PrivateFeedAccess;
  /** The contact's link, when they have one. */
  readonly link: { readonly createdAt: string } | null;
  /** The address of the link just made (this answer only), and whether it replaced one. */
  readonly created: { readonly url: string; readonly rotated: boolean } | null;
  /** The link was just revoked. */
  readonly revoked: boolean;
}

/** The "Your private feed" section of /account. */
export function PrivateFeedSection({ csrf, state }: { csrf: string; state: PrivateFeedState }) {
  const locale = useLocale();
  const { t } = locale;
  const { access, link, created } = state;
  return (
    <section aria-labelledby="private-feed-heading" id="private-feed">
      <h2 id="private-feed-heading">{t('privateFeed.account.heading')}</h2>
      {state.revoked ? (
        <p class="flash" role="status">
          {t('privateFeed.account.revoked')}
        </p>
      ) : null}
      <p>{t('privateFeed.account.intro')}</p>
      {access === 'not-member' ? <p>{t('privateFeed.account.notMember')}</p> : null}
      {created ? (
        <div class="flash" role="status">
          <p>
            {t('privateFeed.account.created')} {created.rotated ? t('privateFeed.account.rotated') : null}
          </p>
          <div class="field">
            <label for="private-feed-url">{t('privateFeed.account.url')}</label>
            <input id="private-feed-url" type="url" readOnly value={created.url} />
          </div>
        </div>
      ) : link ? (
        <p>{t('privateFeed.account.exists', { date: formatDate(locale.language, link.createdAt.slice(0, 10)) })}</p>
      ) : access === 'yes' ? (
        <p>{t('privateFeed.account.none')}</p>
      ) : null}
      {access === 'yes' || link ? <p>{t('privateFeed.account.personal')}</p> : null}
      {access === 'yes' ? (
        <form method="post" action={locale.path('/account/private-feed')} class="form">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <button type="submit" class="button">
            {t(link || created ? 'privateFeed.account.rotate' : 'privateFeed.account.create')}
          </button>
        </form>
      ) : null}
      {link || created ? (
        <form method="post" action={locale.path('/account/private-feed/revoke')} class="form">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <button type="submit" class="button button--quiet">
            {t('privateFeed.account.revoke')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
