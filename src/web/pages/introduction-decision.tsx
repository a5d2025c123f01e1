import type { ComponentChildren } from 'preact';
import { purposeLabel, type InnovatorView, type RefusalReason } from '../../introductions/introductions.js';
import { CSRF_FIELD } from '../../lib/request-security.js';
import { Layout, type Site } from '../layout.js';
import { useLocale } from '../locale.js';

// The innovator side of an introduction (issue 17): the request as the contact person sees it
// (the member's company, purpose and message, never the member's name or address), the accept
// and decline buttons (a POST decides, once), the opt-out, and the pages after them.

function Page({ site, title, path, children }: { site: Site; title: string; path: string; children: ComponentChildren }) {
  return (
    <Layout site={site} meta={{ title, description: title, path, noindex: true }}>
      <header class="page-header">
        <h1>{title}</h1>
      </header>
      {children}
    </Layout>
  );
}

function RequestFacts({ view }: { view: InnovatorView }) {
  const { t } = useLocale();
  return (
    <dl class="facts introduction-facts">
      <dt>{t('introductions.decide.company')}</dt>
      <dd>{view.memberCompany}</dd>
      <dt>{t('introductions.field.purpose')}</dt>
      <dd>{purposeLabel(t, view.purpose)}</dd>
      <dt>{t('introductions.field.message')}</dt>
      <dd class="introduction-message">{view.message}</dd>
    </dl>
  );
}

/** `/introductions/<token>`: the request, with accept and decline (`chosen` is the button the email's link named). */
export function DecisionPage({ site, path, csrf, view, chosen }: { site: Site; path: string; csrf: string; view: InnovatorView; chosen: 'accept' | 'decline' | null }) {
  const locale = useLocale();
  const { t } = locale;
  return (
    <Page site={site} title={t('introductions.decide.title', { company: view.memberCompany })} path={path}>
      <p>{t('introductions.decide.intro', { company: view.memberCompany, organization: view.organizationName, site: site.name })}</p>
      <RequestFacts view={view} />
      <p>{t('introductions.decide.whatHappens')}</p>
      {chosen ? <p class="notice">{t('introductions.decide.chosen', { decision: chosen })}</p> : null}
      <form method="post" action={locale.path(path)} class="form introduction-decision">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <button type="submit" name="decision" value="accept" class="button">
          {t('introductions.decide.accept')}
        </button>{' '}
        <button type="submit" name="decision" value="decline" class="button button--quiet">
          {t('introductions.decide.decline')}
        </button>
      </form>
    </Page>
  );
}

/** After the decision. */
export function DecidedPage({ site, path, view }: { site: Site; path: string; view: InnovatorView }) {
  const { t } = useLocale();
  const accepted = view.state === 'accepted';
  return (
    <Page site={site} title={t(accepted ? 'introductions.decided.acceptedTitle' : 'introductions.decided.declinedTitle')} path={path}>
      <p>{t(accepted ? 'introductions.decided.accepted' : 'introductions.decided.declined', { company: view.memberCompany })}</p>
    </Page>
  );
}

/** `/introductions/opt-out/<token>`: one button that stops further requests. */
export function OptOutPage({ site, path, csrf, view, done }: { site: Site; path: string; csrf: string; view: InnovatorView; done: boolean }) {
  const locale = useLocale();
  const { t } = locale;
  return (
    <Page site={site} title={t('introductions.optOut.title')} path={path}>
      {done ? (
        <p role="status">{t('introductions.optOut.done', { site: site.name })}</p>
      ) : (
        <>
          <p>{t('introductions.optOut.text', { site: site.name, organization: view.organizationName })}</p>
          <form method="post" action={locale.path(path)} class="form">
            <input type="hidden" name={CSRF_FIELD} value={csrf} />
            <button type="submit" class="button">
              {t('introductions.optOut.button')}
            </button>
          </form>
        </>
      )}
    </Page>
  );
}

/** A refused request or link: what happened, and that nothing changed. */
export function IntroductionRefusalPage({ site, path, reason }: { site: Site; path: string; reason: RefusalReason }) {
  const locale = useLocale();
  const { t } = locale;
  return (
    <Page site={site} title={t('introductions.refusal.title')} path={path}>
      <p>{t(`introductions.refusal.${reason}`)}</p>
      <p>
        <a href={locale.path('/innovators')}>{t('introductions.refusal.directory')}</a>
      </p>
    </Page>
  );
}
