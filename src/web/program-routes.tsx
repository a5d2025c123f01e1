import type { FastifyInstance } from 'fastify';
import { ProgramPage } from './pages/program.page.js';
import { renderDocument, type AreaRoutesOptions } from './routes.js';
import { teaserSummary, viewProgram } from './views.js';

/** Programs: `/programs/<slug>`. */
export function registerProgramPages(app: FastifyInstance, { site, content, pages }: AreaRoutesOptions): void {
  app.get('/programs/:slug', pages.cached(async (request, target) => {
    const program = await content.program(pages.slugOf(request));
    return {
      body: renderDocument(<ProgramPage site={site} program={viewProgram(program, target.audience)} description={teaserSummary(program.body)} />, target.viewer),
    };
  }));
}
