import { Layout, MembersNotice, Prose, type Site, TitleText } from '../layout.js';
import { useLocale } from '../locale.js';
import { PersonalPart } from '../personal-parts.js';
import type { ProgramView } from '../../programs/program-view.js';
import { ProgramFacts } from './items.js';
import { ProgramRegistrationPanel, type RegistrationPanel } from './program-register.page.js';

/** `/programs/<slug>`: what a program offers, its deadline and cohort, and how to register. */
export function ProgramPage({ site, program, description, registration, untranslated = false }: { site: Site; program: ProgramView; description: string; registration?: RegistrationPanel; untranslated?: boolean }) {
  // The body is the announcement as published ("Register by …"); once the deadline passed, the page says so first.
  const { t } = useLocale();
  const closed = registration !== undefined && 'open' in registration && !registration.open;
  return (
    <Layout site={site} meta={{ title: program.title, description, path: `/programs/${program.slug}`, ogType: 'article' }}>
      <article class="program">
        <header class="page-header">
          <p class="eyebrow">{t('reading.program.eyebrow')}</p>
          <h1>
            <TitleText title={program.title} untranslated={untranslated} />
          </h1>
        </header>
        {closed ? <p class="program-closed">{program.deadline ? t('forms.program.closedOn', { deadline: program.deadline }) : t('forms.program.closed')} {t('reading.program.asPublished')}</p> : null}
        <ProgramFacts program={program} closed={closed} />
        <Prose html={program.body.html} />
        {program.body.withheld ? <MembersNotice what="program" contactEmail={site.contactEmail} /> : null}
        {registration ? (
          <PersonalPart name="program-registration" props={{ slug: program.slug }}>
            <ProgramRegistrationPanel slug={program.slug} panel={registration} />
          </PersonalPart>
        ) : null}
      </article>
    </Layout>
  );
}
