import { z } from 'zod';
import { EMPTY_INTRODUCTION_DRAFT, checkIntroductionDraft, refusal, refusalReasonOf, type IntroductionDraft, type IntroductionOrganization } from '../introductions/introductions.js';
import { decideIntroduction, introductionForDecision, introductionOrganization, optOutTarget, optOutWithToken, requestIntroduction } from '../introductions/introductions.service.js';
import type { FormErrors } from '../lib/form-errors.js';
import { formConsent } from './consent-origin.js';
import { introductionPanelFor } from './introduction-panel.js';
import { DecidedPage, DecisionPage, IntroductionRefusalPage, OptOutPage } from './pages/introduction-decision.js';
import { IntroductionRequestPage, introductionPath } from './pages/introduction-request.js';
import { formRoute, personalRoute, type PublicContext, type PublicRoute } from './public-route.js';

// Innovator introductions on the public site (issue 17, docs/introductions.md): the member's
// request (`/innovators/<slug>/introduction`), the innovator's decision (`/introductions/<token>`)
// and the contact person's opt-out. Every refusal is a page saying why, with nothing changed.

/** At most this many introduction requests per client network per hour (counted in the database). */
export const INTRODUCTION_LIMIT = { max: 10, windowSeconds: 3600 } as const;
/** At most this many decision and opt-out POSTs per client network per hour. */
export const DECISION_LIMIT = { max: 30, windowSeconds: 3600 } as const;

const text = z.string().catch('');
const requestForm = z.object({ purpose: text, message: text, consent: z.unknown().transform((value) => value === '1') });
const tokenParams = z.object({ token: z.string().max(100) });
const decisionForm = z.object({ decision: z.enum(['accept', 'decline']) });
const chosenQuery = z.object({ decision: z.enum(['accept', 'decline']).optional().catch(undefined) });

/** Renders a refusal (or rethrows what is not a domain error). */
function refused(ctx: PublicContext, path: string, error: unknown) {
  const reason = refusalReasonOf(error);
  if (!reason) return ctx.formFailed(error, () => <IntroductionRefusalPage site={ctx.deps.site} path={path} reason="link-unknown" />);
  return ctx.formFailed(error, () => <IntroductionRefusalPage site={ctx.deps.site} path={path} reason={reason} />);
}

/** The request page of an organisation, for the request's viewer. */
async function requestPage(ctx: PublicContext, organization: IntroductionOrganization, extra: { draft?: IntroductionDraft; errors?: FormErrors; done?: boolean } = {}) {
  const panel = await introductionPanelFor(ctx.deps, organization, ctx.viewer);
  const form = extra.draft ? { draft: extra.draft, errors: extra.errors } : undefined;
  return <IntroductionRequestPage site={ctx.deps.site} organization={organization} panel={panel} form={form} done={extra.done ?? false} />;
}

async function organizationOf(ctx: PublicContext) {
  return introductionOrganization(ctx.deps.db, ctx.slug());
}

export const introductionRoutes: readonly PublicRoute[] = [
  personalRoute('GET', '/innovators/:slug/introduction', "an innovator's introduction request form (where a member lands after signing in)", async (ctx) => {
    const path = `/innovators/${ctx.slug()}/introduction`;
    try {
      const organization = await organizationOf(ctx);
      const done = (ctx.request.query as Record<string, unknown>).done === 'requested';
      return ctx.page(await requestPage(ctx, organization, { done }));
    } catch (error) {
      return refused(ctx, path, error);
    }
  }),

  personalRoute(
    'POST',
    '/innovators/:slug/introduction',
    'ask for an introduction to an innovator (the member\'s yes; one open request per contact and innovator)',
    async (ctx) => {
      const path = `/innovators/${ctx.slug()}/introduction`;
      let organization: IntroductionOrganization;
      try {
        organization = await organizationOf(ctx);
        if (!ctx.viewer) return ctx.page(await requestPage(ctx, organization));
        if (!ctx.viewer.isMember) throw refusal('not-member');
      } catch (error) {
        return refused(ctx, path, error);
      }
      const viewer = ctx.viewer;
      const draft: IntroductionDraft = { ...EMPTY_INTRODUCTION_DRAFT, ...requestForm.parse(ctx.request.body ?? {}) };
      try {
        const { db, clock, site } = ctx.deps;
        // Checked first, so a typo does not use up the quota; the limit counts requests.
        checkIntroductionDraft(draft);
        await ctx.countHit();
        await requestIntroduction(db, clock, site, organization, viewer.contact, draft, await formConsent(ctx, 'innovator_introduction'));
        return ctx.redirect(`${introductionPath(organization.slug)}?done=requested`);
      } catch (error) {
        if (refusalReasonOf(error)) return refused(ctx, path, error);
        return ctx.formFailed(error, (errors) => requestPage(ctx, organization, { draft, errors }));
      }
    },
    { rateLimit: { key: 'introduction', limit: INTRODUCTION_LIMIT } },
  ),

  formRoute('GET', '/introductions/opt-out/:token', "an innovator contact's opt-out link: shows a button, changes nothing", async (ctx) => {
    const { token } = tokenParams.parse(ctx.request.params);
    const path = `/introductions/opt-out/${token}`;
    try {
      const view = await optOutTarget(ctx.deps.db, token);
      return ctx.page(<OptOutPage site={ctx.deps.site} path={path} csrf={ctx.csrf} view={view} done={false} />);
    } catch (error) {
      return refused(ctx, path, error);
    }
  }),

  formRoute(
    'POST',
    '/introductions/opt-out/:token',
    'opt out of further introduction requests (the contact person)',
    async (ctx) => {
      const { token } = tokenParams.parse(ctx.request.params);
      const path = `/introductions/opt-out/${token}`;
      try {
        await ctx.countHit();
        const view = await optOutWithToken(ctx.deps.db, ctx.deps.clock, token);
        return ctx.page(<OptOutPage site={ctx.deps.site} path={path} csrf={ctx.csrf} view={view} done={true} />);
      } catch (error) {
        return refused(ctx, path, error);
      }
    },
    { rateLimit: { key: 'introduction-link', limit: DECISION_LIMIT } },
  ),

  formRoute('GET', '/introductions/:token', "an innovator's decision page: shows the request (the member's company, purpose and message), decides nothing", async (ctx) => {
    const { token } = tokenParams.parse(ctx.request.params);
    const path = `/introductions/${token}`;
    try {
      const view = await introductionForDecision(ctx.deps.db, token);
      const chosen = chosenQuery.parse(ctx.request.query ?? {}).decision ?? null;
      return ctx.page(<DecisionPage site={ctx.deps.site} path={path} csrf={ctx.csrf} view={view} chosen={chosen} />);
    } catch (error) {
      return refused(ctx, path, error);
    }
  }),

  formRoute(
    'POST',
    '/introductions/:token',
    "the innovator's accept or decline (one-time; on accept each side gets the other's details, once)",
    async (ctx) => {
      const { token } = tokenParams.parse(ctx.request.params);
      const path = `/introductions/${token}`;
      try {
        await ctx.countHit();
        const parsed = decisionForm.safeParse(ctx.request.body ?? {});
        if (!parsed.success) {
          const view = await introductionForDecision(ctx.deps.db, token);
          return ctx.page(<DecisionPage site={ctx.deps.site} path={path} csrf={ctx.csrf} view={view} chosen={null} />);
        }
        const view = await decideIntroduction(ctx.deps.db, ctx.deps.clock, ctx.deps.site, token, parsed.data.decision);
        return ctx.page(<DecidedPage site={ctx.deps.site} path={path} view={view} />);
      } catch (error) {
        return refused(ctx, path, error);
      }
    },
    { rateLimit: { key: 'introduction-link', limit: DECISION_LIMIT } },
  ),
];
