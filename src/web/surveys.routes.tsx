import { Conflict, Forbidden } from '../lib/errors.js';
import { isMember } from '../members/members.js';
import type { Report } from '../reports/reports.js';
import { industrySegmentValue, surveyOpen } from '../reports/survey-answers.js';
import { answerSurvey, getCollectedSurvey, hasCompanyAnswered } from '../reports/survey-answers.service.js';
import { SurveyPage, type SurveyState } from './pages/survey.page.js';
import { personalRoute, type PublicContext, type PublicRoute } from './public-route.js';

type Collected = Awaited<ReturnType<typeof getCollectedSurvey>>;

/** The codes chosen per question from the form (`q-<key>`: one value or several). */
function chosenOf(body: unknown, report: Report): Record<string, string[]> {
  const fields = (body ?? {}) as Record<string, unknown>;
  const out: Record<string, string[]> = {};
  for (const question of report.survey?.questions ?? []) {
    const value = fields[`q-${question.key}`];
    const values = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === 'string' && item !== '');
    if (values.length > 0) out[question.key] = values;
  }
  return out;
}

/** What the reader may do: sign in, nothing (and why), or answer. */
async function stateOf(ctx: PublicContext, report: Collected): Promise<SurveyState> {
  const viewer = ctx.viewer;
  if (!surveyOpen(report.survey, ctx.deps.clock.now())) return 'closed';
  if (!viewer) return 'sign-in';
  if (!isMember(viewer.contact) || !viewer.contact.company) return 'not-member';
  if (await hasCompanyAnswered(ctx.deps.db, report, viewer.contact)) return 'answered';
  if (!industrySegmentValue(viewer.contact.company.industry)) return 'no-industry';
  return 'open';
}

function page(ctx: PublicContext, report: Collected, state: SurveyState, extra: Pick<Parameters<typeof SurveyPage>[0], 'chosen' | 'errors'> = {}) {
  return (
    <SurveyPage site={ctx.deps.site} slug={report.slug} title={report.title} collectUntil={report.survey.collectUntil!} questions={report.survey.questions} state={state} csrf={ctx.csrf} {...extra} />
  );
}

/** A survey collected on the site: `/surveys/<slug>`, one answer per member company (docs/reports.md). */
export const surveyRoutes: readonly PublicRoute[] = [
  personalRoute('GET', '/surveys/:slug', 'a survey for member companies to answer, once per company', async (ctx) => {
    const report = await getCollectedSurvey(ctx.deps.db, ctx.slug());
    return ctx.page(page(ctx, report, await stateOf(ctx, report)));
  }),

  personalRoute('POST', '/surveys/:slug', "send my company's answer to a survey", async (ctx) => {
    const report = await getCollectedSurvey(ctx.deps.db, ctx.slug());
    const viewer = ctx.viewer;
    const state = await stateOf(ctx, report);
    if (!viewer || state !== 'open') {
      // Said on the page with the reason; the status says the answer was not taken.
      const refusal = state === 'sign-in' || state === 'not-member' ? new Forbidden('not allowed') : new Conflict('not open');
      return ctx.formFailed(refusal, () => page(ctx, report, state));
    }
    const chosen = chosenOf(ctx.request.body, report);
    try {
      await answerSurvey(ctx.deps.db, ctx.deps.clock, report.slug, viewer.contact, chosen, { type: 'member', id: viewer.contact.id, label: viewer.contact.email });
      return ctx.redirect(`/surveys/${report.slug}`);
    } catch (error) {
      return ctx.formFailed(error, async (errors) => page(ctx, report, await stateOf(ctx, report), { chosen, errors }));
    }
  }),
];
