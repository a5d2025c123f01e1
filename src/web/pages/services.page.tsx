import type { HubService } from '../../inquiries/inquiries.js';
import type { MessageKey } from '../../i18n/messages.js';
import { Layout, type Site } from '../layout.js';
import { useLocale, type Locale } from '../locale.js';

// The Innovation Hub's services: `/services` lists them, `/services/<slug>` says what one is and
// ends with a call to action that opens the contact form on the service's inquiry topic. The
// texts are the catalogs' (i18n/catalogs/<language>/services.ts), made from the newsletter's facts.

type ServiceText = 'title' | 'summary' | 'body';

function textOf({ t }: Locale, service: HubService, part: ServiceText): string {
  const key: MessageKey = `services.item.${service.slug}.${part}`;
  return t(key);
}

/** Pages of this site that say more about some services. */
const SEE_ALSO: Partial<Record<HubService['slug'], { href: string; label: MessageKey }>> = {
  'acceleration-programs': { href: '/programs', label: 'services.seePrograms' },
  'innovation-events': { href: '/events', label: 'services.seeEvents' },
};

/** `/services/<slug>`'s address, and the contact form's preselecting its topic. */
export const servicePath = (service: HubService) => `/services/${service.slug}`;
export const inquiryPath = (service: HubService) => `/contact?topic=${encodeURIComponent(service.topic)}`;

/** `/services`: the Hub, and each service with its summary. */
export function ServicesPage({ site, services }: { site: Site; services: readonly HubService[] }) {
  const locale = useLocale();
  const { t } = locale;
  return (
    <Layout site={site} meta={{ title: t('services.title'), description: t('services.description'), path: '/services' }}>
      <header class="page-header">
        <h1>{t('services.title')}</h1>
      </header>
      <p class="lead">{t('services.intro')}</p>
      <p>{t('services.introList')}</p>
      <ul class="service-list">
        {services.map((service) => (
          <li key={service.slug}>
            <h2>
              <a href={locale.path(servicePath(service))}>{textOf(locale, service, 'title')}</a>
            </h2>
            <p>{textOf(locale, service, 'summary')}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** `/services/<slug>`: what the service is, and the call to action. */
export function ServicePage({ site, service }: { site: Site; service: HubService }) {
  const locale = useLocale();
  const { t } = locale;
  const title = textOf(locale, service, 'title');
  const seeAlso = SEE_ALSO[service.slug];
  return (
    <Layout site={site} meta={{ title, description: textOf(locale, service, 'summary'), path: servicePath(service) }}>
      <header class="page-header">
        <p>
          <a href={locale.path('/services')}>{t('services.all')}</a>
        </p>
        <h1>{title}</h1>
      </header>
      <p class="lead">{textOf(locale, service, 'body')}</p>
      <p>{t('services.partOf')}</p>
      <p>{t('services.intro')}</p>
      {seeAlso ? (
        <p>
          <a href={locale.path(seeAlso.href)}>{t(seeAlso.label)}</a>
        </p>
      ) : null}
      <section class="service-inquiry" aria-labelledby="service-inquiry-heading">
        <h2 id="service-inquiry-heading">{t('services.ask', { service: title })}</h2>
        <p>{t('services.askText')}</p>
        <p>
          <a class="button" href={locale.path(inquiryPath(service))}>
            {t('services.ask', { service: title })}
          </a>
        </p>
      </section>
    </Layout>
  );
}
