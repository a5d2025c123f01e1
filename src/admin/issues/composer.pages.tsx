import type { Edition } from '../../delivery/delivery.js';
import { LANGUAGE_NAMES, LANGUAGES, languageTag, type Language } from '../../i18n/languages.js';
import type { Issue } from '../../issues/issues.js';
import type { StoryChoice } from '../../issues/story-picker.service.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { TextField } from '../forms.js';
import { emailPreviewPath, issueEditPath } from './issue.pages.js';

const EDITIONS: readonly Edition[] = ['full', 'teaser'];

/** The story picker without JavaScript: the stories whose title matches, as the "Shows" list names them. */
export function StorySearchPage({ ctx, q, issue, stories, more }: { ctx: StaffContext; q: string; issue: Issue | undefined; stories: readonly StoryChoice[]; more: boolean }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskComposer.search.title')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/issues">
      {issue ? (
        <p>
          <a href={issueEditPath(issue.slug)}>{t('deskComposer.search.back', { title: issue.title })}</a>
        </p>
      ) : null}
      <h1>{t('deskComposer.search.title')}</h1>
      <p>{t('deskComposer.search.intro')}</p>
      <form method="get" action="/admin/issues/story-search" class="form story-finder" role="search" aria-label={t('deskComposer.search.title')}>
        {issue ? <input type="hidden" name="issue" value={issue.slug} /> : null}
        <TextField name="q" label={t('deskComposer.search.label')} type="search" value={q} errors={undefined} />
        <button type="submit" class="button">
          {t('deskComposer.search.button')}
        </button>
      </form>
      {q.trim() === '' ? null : (
        <section aria-labelledby="story-search-results">
          <h2 id="story-search-results">{t('deskComposer.search.results', { count: stories.length, q })}</h2>
          {more ? <p>{t('deskComposer.search.more', { count: String(stories.length) })}</p> : null}
          {stories.length > 0 ? (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('deskComposer.search.titleColumn')}</th>
                  <th scope="col">{t('deskComposer.search.listedAs')}</th>
                </tr>
              </thead>
              <tbody>
                {stories.map((story) => (
                  <tr key={story.slug}>
                    <td>
                      <a href={`/admin/stories/${story.slug}/edit`}>{story.title}</a>
                    </td>
                    <td>{`${story.title} (${story.slug})`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      )}
    </AdminLayout>
  );
}

/** One email edition in one language before any send: the banner, the subject, the email in a sandboxed frame, the plain text. */
export function EmailPreviewPage({ ctx, issue, edition, language, subject, text }: { ctx: StaffContext; issue: Issue; edition: Edition; language: Language; subject: string; text: string }) {
  const { t } = ctx.locale;
  const frame = `/admin/issues/${issue.slug}/emails/${edition}/${language}`;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskComposer.email.title', { title: issue.title })} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/issues">
      <p>
        <a href={issueEditPath(issue.slug)}>{t('deskComposer.email.back', { title: issue.title })}</a>
      </p>
      <h1>{t('deskComposer.email.title', { title: issue.title })}</h1>
      <nav aria-label={t('deskComposer.email.choose')}>
        <ul class="email-choices">
          {EDITIONS.flatMap((one) =>
            LANGUAGES.map((lang) => (
              <li key={`${one}-${lang}`}>
                <a href={emailPreviewPath(issue.slug, one, lang)} aria-current={one === edition && lang === language ? 'page' : undefined}>
                  {`${t('deskComposer.email.edition', { edition: one })} · ${LANGUAGE_NAMES[lang]}`}
                </a>
              </li>
            )),
          )}
        </ul>
      </nav>
      <p class="attention draft-preview" role="note">
        <strong>{t('deskMedia.draftPreview')}</strong> {t('deskMedia.draftPreviewText')} {t('deskComposer.email.samples')}
      </p>
      <h2>{t('deskComposer.email.subject')}</h2>
      <p class="email-subject" lang={languageTag(language)}>
        {subject}
      </p>
      <h2>{t('deskComposer.email.html')}</h2>
      <iframe class="email-frame" src={frame} sandbox="" title={t('deskComposer.email.frameTitle', { edition, language: LANGUAGE_NAMES[language] })} />
      <h2>{t('deskComposer.email.text')}</h2>
      <pre class="mail-text" lang={languageTag(language)}>
        {text}
      </pre>
    </AdminLayout>
  );
}
