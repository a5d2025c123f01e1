import { z } from 'zod';
import { WEIGHT_KEYS } from '../../programs/matching/matching.js';
import {
  draftMatching, getMatchingOverview, publishMatching, removePairRule, saveWeights, setPairRule, type WeightsDraft,
} from '../../programs/matching.service.js';
import { getDeskItem } from '../../issues/item-editing.service.js';
import { PROGRAM_STORE } from '../../programs/program-store.js';
import { getRegistrations, removeRegistration } from '../../programs/registrations.service.js';
import { formatRosterCsv } from '../../programs/roster-csv.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { Invalid } from '../../lib/errors.js';
import { failedStatus, formCheckbox, formErrorsOf, formText, idParams, type FormErrors } from '../forms.js';
import { MatchingPage, RegistrationsPage, type MatchingPageProps } from './matching-pages.js';
import { attachmentDisposition } from '../../lib/header-values.js';

const weightsForm = z.object(Object.fromEntries(WEIGHT_KEYS.map((key) => [key, formText]))) as unknown as z.ZodType<WeightsDraft, z.ZodTypeDef, unknown>;
const ruleForm = z.object({ mentor: z.coerce.number().int().catch(0), mentee: z.coerce.number().int().catch(0), kind: z.enum(['pin', 'forbid']).catch('pin') });
const ruleParams = z.object({ id: z.coerce.number().int().positive(), ruleId: z.coerce.number().int().positive() });
const registrationParams = z.object({ id: z.coerce.number().int().positive(), registrationId: z.coerce.number().int().positive() });
const publishForm = z.object({ run: z.coerce.number().int().catch(0) });

async function programOf(ctx: StaffContext) {
  return (await getDeskItem(ctx.deps.db, PROGRAM_STORE, idParams.parse(ctx.request.params).id)).item;
}

async function matchingPage(ctx: StaffContext, props: Omit<MatchingPageProps, 'ctx' | 'program' | 'overview'> = {}, status = 200) {
  const program = await programOf(ctx);
  return ctx.page(<MatchingPage ctx={ctx} program={program} overview={await getMatchingOverview(ctx.deps.db, program.id)} {...props} />, status);
}

/** Program registrations, the roster CSV, weights, pins and forbidden pairs, drafting and publishing a matching (issue 6). */
export const matchingRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/programs/:id/registrations', 'manage_registrations', async (ctx) => {
    const program = await programOf(ctx);
    return ctx.page(<RegistrationsPage ctx={ctx} program={program} registrations={await getRegistrations(ctx.deps.db, program.id)} />);
  }),

  staffRoute('POST', '/admin/programs/:id/registrations/:registrationId/delete', 'manage_registrations', async (ctx) => {
    const program = await programOf(ctx);
    const { registrationId } = registrationParams.parse(ctx.request.params);
    const page = async (errors: FormErrors, status: number) =>
      ctx.page(<RegistrationsPage ctx={ctx} program={program} registrations={await getRegistrations(ctx.deps.db, program.id)} errors={errors} />, status);
    if (!z.object({ confirm: formCheckbox }).parse(ctx.request.body ?? {}).confirm) {
      const unconfirmed = new Invalid('Tick “Yes, remove …” beside the person to confirm; nothing was removed.');
      return page(formErrorsOf(unconfirmed), failedStatus(unconfirmed));
    }
    try {
      const removed = await removeRegistration(ctx.deps.db, ctx.deps.clock, ctx.actor, program, registrationId);
      return ctx.redirect(`/admin/programs/${program.id}/registrations`, `Removed ${removed.name} (${removed.role}). Draft the matching again.`);
    } catch (error) {
      return page(formErrorsOf(error), failedStatus(error));
    }
  }),

  staffRoute('GET', '/admin/programs/:id/roster.csv', 'manage_registrations', async (ctx) => {
    const program = await programOf(ctx);
    const overview = await getMatchingOverview(ctx.deps.db, program.id);
    const pairs = (overview.published ?? overview.draft)?.pairs ?? [];
    const day = ctx.deps.clock.now().toISOString().slice(0, 10);
    return ctx.reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentDisposition(`${program.slug}-roster-${day}.csv`))
      .header('cache-control', 'no-store')
      .send(`\uFEFF${formatRosterCsv(overview.registrations, pairs)}`);
  }),

  staffRoute('GET', '/admin/programs/:id/matching', 'manage_registrations', async (ctx) => matchingPage(ctx)),

  staffRoute('POST', '/admin/programs/:id/matching/weights', 'manage_registrations', async (ctx) => {
    const program = await programOf(ctx);
    const draft = weightsForm.parse(ctx.request.body ?? {});
    try {
      await saveWeights(ctx.deps.db, ctx.deps.clock, ctx.actor, program, draft);
      return ctx.redirect(`/admin/programs/${program.id}/matching`, 'Weights saved. Draft again to use them.');
    } catch (error) {
      return matchingPage(ctx, { weightsDraft: draft, weightErrors: formErrorsOf(error) }, failedStatus(error));
    }
  }),

  staffRoute('POST', '/admin/programs/:id/matching/rules', 'manage_registrations', async (ctx) => {
    const program = await programOf(ctx);
    const rule = ruleForm.parse(ctx.request.body ?? {});
    try {
      await setPairRule(ctx.deps.db, ctx.deps.clock, ctx.actor, program, rule.mentor, rule.mentee, rule.kind);
      return ctx.redirect(`/admin/programs/${program.id}/matching`, `${rule.kind === 'pin' ? 'Pinned' : 'Forbade'} the pair. Draft again to apply it.`);
    } catch (error) {
      return matchingPage(ctx, { ruleErrors: formErrorsOf(error) }, failedStatus(error));
    }
  }),

  staffRoute('POST', '/admin/programs/:id/matching/rules/:ruleId/delete', 'manage_registrations', async (ctx) => {
    const program = await programOf(ctx);
    const { ruleId } = ruleParams.parse(ctx.request.params);
    try {
      await removePairRule(ctx.deps.db, ctx.deps.clock, ctx.actor, program, ruleId);
      return ctx.redirect(`/admin/programs/${program.id}/matching`, 'Removed the rule. Draft again to apply it.');
    } catch (error) {
      return matchingPage(ctx, { ruleErrors: formErrorsOf(error) }, failedStatus(error));
    }
  }),

  staffRoute('POST', '/admin/programs/:id/matching/draft', 'manage_registrations', async (ctx) => {
    const program = await programOf(ctx);
    await draftMatching(ctx.deps.db, ctx.deps.clock, ctx.actor, program);
    return ctx.redirect(`/admin/programs/${program.id}/matching#draft-heading`, 'Drafted a matching. Review it below.');
  }),

  staffRoute('POST', '/admin/programs/:id/matching/publish', 'manage_registrations', async (ctx) => {
    const program = await programOf(ctx);
    const { run } = publishForm.parse(ctx.request.body ?? {});
    try {
      const outcome = await publishMatching(ctx.deps, ctx.actor, program, run);
      return ctx.redirect(`/admin/programs/${program.id}/matching#published-heading`, `Published ${outcome.pairs} pairs; sent the pair introductions of ${outcome.introduced} new pairs by email.`);
    } catch (error) {
      return matchingPage(ctx, { errors: formErrorsOf(error) }, failedStatus(error));
    }
  }),
];
