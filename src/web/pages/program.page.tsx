import { Layout, MembersNotice, Prose, type Site } from '../layout.js';
import type { ProgramView } from '../views.js';
import { ProgramFacts } from './items.js';

/** `/programs/<slug>`: what a program offers, its deadline and cohort. */
export function ProgramPage({ site, program, description }: { site: Site; program: ProgramView; description: string }) {
  return (
    <Layout site={site} meta={{ title: program.title, description, path: `/programs/${program.slug}`, ogType: 'article' }}>
      <article class="program">
        <header class="page-header">
          <p class="eyebrow">Program</p>
          <h1>{program.title}</h1>
        </header>
        <ProgramFacts program={program} />
        <Prose html={program.body.html} />
        {program.body.withheld ? <MembersNotice what="program" contactEmail={site.contactEmail} /> : null}
      </article>
    </Layout>
  );
}
