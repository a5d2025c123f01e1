import { Layout, MembersNotice, Prose, type Site, Time, TitleText } from '../layout.js';
import { useLocale } from '../locale.js';
import type { IssueView } from '../../issues/issue-view.js';
import type { PlatformView } from '../../issues/innovation-platform.js';
import { Item } from './items.js';
import { sentence } from './sentence.js';
import { LeadFigure } from './lead-figure.js';

/** One issue as the web edition shows it; also the home page (the latest issue). */
export function IssuePage({ site, issue, path, isLatest, untranslated = false, draftPreview = false }: { site: Site; issue: IssueView; path: string; isLatest: boolean; untranslated?: boolean; draftPreview?: boolean }) {
  const { t } = useLocale();
  return (
    <Layout
      site={site}
      meta={{
        title: path === '/' ? site.name : issue.title,
        description: issue.summary,
        path,
        ogType: 'article',
        current: path === '/' ? 'latest' : null,
        image: issue.leadImage ? { src: issue.leadImage.emailSrc, alt: issue.leadImage.alt } : null,
      }}
    >
      {draftPreview ? (
        <p class="attention draft-preview" role="note">
          <strong>{t('deskMedia.draftPreview')}</strong> {t('deskMedia.draftPreviewText')}
        </p>
      ) : null}
      <article class="issue">
        <header class="issue__header">
          <p class="eyebrow">{isLatest ? t('reading.issue.latest') : t('reading.issue.fromArchive')}</p>
          <h1>
            <TitleText title={issue.title} untranslated={untranslated} />
          </h1>
          {issue.publishedAt && issue.publishedOn ? (
            <p class="issue__meta">
              {sentence(t, 'reading.issue.published', { date: <Time datetime={issue.publishedAt}>{issue.publishedOn}</Time> })}
            </p>
          ) : null}
        </header>
        <LeadFigure image={issue.leadImage} />
        <Prose html={issue.intro.html} class="issue__intro" />
        {issue.withheld ? <MembersNotice what="issue" contactEmail={site.contactEmail} /> : null}
        {issue.sections.length > 1 ? (
          <nav class="toc" aria-label={t('reading.issue.toc')}>
            <h2 class="toc__heading">{t('reading.issue.toc')}</h2>
            <ol>
              {issue.sections.map((section) => (
                <li>
                  <a href={`#${section.anchor}`}>{section.heading}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        {issue.sections.map((section) => (
          <section class={`section section--${section.kind}`} id={section.anchor} aria-labelledby={`${section.anchor}-heading`}>
            <h2 id={`${section.anchor}-heading`}>{section.heading}</h2>
            {section.platform ? <PlatformFigures platform={section.platform} /> : null}
            {section.items.map((item) => (
              <Item item={item} />
            ))}
          </section>
        ))}
        {issue.withheld ? (
          <p class="issue__footer-note">{t('reading.issue.footerNote')}</p>
        ) : null}
      </article>
    </Layout>
  );
}

/** An "Innovation platform" section's own part: the sentence, the quarter's figures and the links. */
function PlatformFigures({ platform }: { platform: PlatformView }) {
  const { path } = useLocale();
  return (
    <div class="platform">
      <p>{platform.intro}</p>
      <p class="platform__heading">{platform.figuresHeading}</p>
      <dl class="facts platform__figures">
        {platform.figures.map((figure) => (
          <div>
            <dt>{figure.label}</dt>
            <dd>{figure.value}</dd>
          </div>
        ))}
      </dl>
      {platform.sectors ? <p>{platform.sectors}</p> : null}
      <ul class="platform__links">
        {platform.links.map((link) => (
          <li>
            <a href={path(link.path)}>{link.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The home page before anything is published. */
export function EmptyHomePage({ site }: { site: Site }) {
  const { t } = useLocale();
  return (
    <Layout site={site} meta={{ title: site.name, description: t('reading.home.description', { site: site.name }), path: '/', current: 'latest' }}>
      <h1>{site.name}</h1>
      <p>{t('reading.home.empty')}</p>
    </Layout>
  );
}
