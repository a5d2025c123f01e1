import type { SiteSettings } from '../../settings/settings.js';
import type { LegalText } from '../../settings/settings.js';
import { Layout, Prose, type Site } from '../layout.js';
import { useLocale } from '../locale.js';
import { sentence } from './sentence.js';

// The imprint and privacy pages, and the line every form that collects personal data carries.

/** "How we use your data: Privacy", near a form's submit button. */
export function PrivacyNote() {
  const { t, path } = useLocale();
  return <p class="privacy-note">{sentence(t, 'siteLegal.formNote', { link: <a href={path('/privacy')}>{t('siteLegal.formNoteLink')}</a> })}</p>;
}

/** Who publishes the site: name, postal address, email and phone. */
function Organisation({ settings }: { settings: SiteSettings }) {
  const { t } = useLocale();
  const { name, addressLines, email, phone } = settings.organisation;
  return (
    <section class="legal-organisation" aria-label={t('siteLegal.organisation.label')}>
      <p>
        <strong>{name}</strong>
      </p>
      {addressLines.length > 0 ? (
        <address>
          {addressLines.map((line, index) => (
            <span key={index}>
              {index > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </address>
      ) : null}
      <dl class="legal-contact">
        {email ? (
          <>
            <dt>{t('siteLegal.organisation.email')}</dt>
            <dd>
              <a href={`mailto:${email}`}>{email}</a>
            </dd>
          </>
        ) : null}
        {phone ? (
          <>
            <dt>{t('siteLegal.organisation.phone')}</dt>
            <dd>{phone}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** A legal text in the page's language, or the English one marked "(English)". */
function Text({ text }: { text: LegalText }) {
  const { t } = useLocale();
  if (text.html === '') return <p class="legal-missing">{t('siteLegal.text.missing')}</p>;
  if (!text.untranslated) return <Prose html={text.html} />;
  return (
    <>
      <p class="untranslated">{t('site.untranslated')}</p>
      <div lang="en">
        <Prose html={text.html} />
      </div>
    </>
  );
}

/** /imprint: the organisation and the imprint text. */
export function ImprintPage({ site, settings }: { site: Site; settings: SiteSettings }) {
  const { t, language } = useLocale();
  const title = t('siteLegal.imprint.title');
  return (
    <Layout site={site} meta={{ title, description: t('siteLegal.imprint.description', { site: site.name }), path: '/imprint' }}>
      <header class="page-header">
        <h1>{title}</h1>
      </header>
      <Organisation settings={settings} />
      <Text text={settings.imprint(language)} />
    </Layout>
  );
}

/** /privacy: the organisation, the privacy text and the part the site writes itself from its settings. */
export function PrivacyPage({ site, settings }: { site: Site; settings: SiteSettings }) {
  const { t, language } = useLocale();
  const title = t('siteLegal.privacy.title');
  const r = settings.retention;
  const stored = [
    t('siteLegal.generated.contacts'),
    t('siteLegal.generated.consents'),
    settings.consentNetworkLog ? `${t('siteLegal.generated.networkLogOn')} ${t('retention.networkLogAges', { userAgents: r.retainUserAgentsDays })}` : t('siteLegal.generated.networkLogOff'),
    t('siteLegal.generated.forms'),
    t('siteLegal.generated.deliveries', { errors: r.retainErrorsDays, snapshots: r.retainSnapshotsDays }),
    settings.tracking ? t('siteLegal.generated.trackingOn', { clicks: r.retainClicksDays }) : t('siteLegal.generated.trackingOff'),
    settings.values.clickTracking ? `${t('engagement.privacy.clicksOn')} ${t('engagement.privacy.consent')}` : t('engagement.privacy.clicksOff'),
    settings.values.clickTracking && settings.values.openTracking ? t('engagementOpens.privacy.on') : t('engagementOpens.privacy.off'),
    t('siteLegal.generated.sessions', { rateLimits: r.retainRateLimitsDays }),
  ];
  const email = settings.organisation.email || site.contactEmail;
  return (
    <Layout site={site} meta={{ title, description: t('siteLegal.privacy.description', { site: site.name }), path: '/privacy' }}>
      <header class="page-header">
        <h1>{title}</h1>
      </header>
      <Organisation settings={settings} />
      <Text text={settings.privacy(language)} />
      <section class="legal-generated" aria-labelledby="what-we-store">
        <h2 id="what-we-store">{t('siteLegal.generated.heading')}</h2>
        <p>{t('siteLegal.generated.intro')}</p>
        <ul>
          {stored.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
        {email ? <p>{sentence(t, 'siteLegal.generated.request', { email: <a href={`mailto:${email}`}>{email}</a> })}</p> : null}
      </section>
    </Layout>
  );
}
