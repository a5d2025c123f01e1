import { z } from 'zod';
import { createItem, deleteItem, getDeskItem, listDeskItems, updateItem, type DeskItem } from '../../issues/item-editing.service.js';
import { findCreateLock, findPublicLock, rightsOf } from '../../issues/publicity.service.js';
import { PROGRAM_STORE } from '../../programs/program-store.js';
import type { Program } from '../../programs/programs.js';
import { getRegistrationCounts } from '../../programs/registrations.service.js';
import { draftOfProgram, EMPTY_PROGRAM_DRAFT, type ProgramDraft } from '../../programs/program-draft.js';
import { getTranslationStates } from '../../translations/translations.service.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { deleteForm, unconfirmedDelete } from '../delete-section.js';
import { failedStatus, formErrorsOf, formList, formText, idParams, type FormErrors } from '../forms.js';
import { ProgramFormPage, ProgramListPage } from './program-pages.js';

const programForm: z.ZodType<ProgramDraft, z.ZodTypeDef, unknown> = z.object({
  slug: formText,
  title: formText,
  body: formText,
  roles: formList,
  registration_deadline: formText,
  cohort_start: formText,
  duration_months: formText,
  time_zone: formText,
  contact_name: formText,
  contact_email: formText,
});

async function formPage(ctx: StaffContext, props: { draft: ProgramDraft; existing?: DeskItem<Program>; errors?: FormErrors; deleteErrors?: FormErrors }, status = 200) {
  const lock = props.existing ? await findPublicLock(ctx.deps.db, ctx.deps.clock.now(), rightsOf(ctx.can), 'program', props.existing.item) : findCreateLock(rightsOf(ctx.can), 'program');
  const translations = props.existing ? (await getTranslationStates(ctx.deps.db, 'program', [props.existing.item])).get(props.existing.item.id) : undefined;
  return ctx.page(<ProgramFormPage ctx={ctx} lock={lock} translations={translations} {...props} />, status);
}

/** Programs: list, create, edit and delete (when no issue lists the program); every program is public, so only those who may change what is public edit one. */
export const programRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/programs', 'view_desk', async (ctx) => {
    const programs = await listDeskItems(ctx.deps.db, PROGRAM_STORE);
    const [registrations, translations] = await Promise.all([getRegistrationCounts(ctx.deps.db), getTranslationStates(ctx.deps.db, 'program', programs.map(({ item }) => item))]);
    return ctx.page(<ProgramListPage ctx={ctx} programs={programs} registrations={registrations} translations={translations} />);
  }),

  staffRoute('GET', '/admin/programs/new', 'draft_content', async (ctx) => formPage(ctx, { draft: EMPTY_PROGRAM_DRAFT })),

  staffRoute('POST', '/admin/programs', 'draft_content', async (ctx) => {
    const draft = programForm.parse(ctx.request.body ?? {});
    try {
      const program = await createItem(ctx.deps.db, ctx.deps.clock, ctx.actor, PROGRAM_STORE, draft, rightsOf(ctx.can));
      return ctx.redirect(`/admin/programs/${program.id}`, `Created “${program.title}”.`);
    } catch (error) {
      return formPage(ctx, { draft, errors: formErrorsOf(error) }, failedStatus(error));
    }
  }),

  staffRoute('GET', '/admin/programs/:id', 'draft_content', async (ctx) => {
    const existing = await getDeskItem(ctx.deps.db, PROGRAM_STORE, idParams.parse(ctx.request.params).id);
    return formPage(ctx, { draft: draftOfProgram(existing.item), existing });
  }),

  staffRoute('POST', '/admin/programs/:id', 'draft_content', async (ctx) => {
    const existing = await getDeskItem(ctx.deps.db, PROGRAM_STORE, idParams.parse(ctx.request.params).id);
    const draft = programForm.parse(ctx.request.body ?? {});
    try {
      const program = await updateItem(ctx.deps.db, ctx.deps.clock, ctx.actor, PROGRAM_STORE, existing.item.id, draft, rightsOf(ctx.can));
      return ctx.redirect(`/admin/programs/${program.id}`, 'Saved.');
    } catch (error) {
      return formPage(ctx, { draft, existing, errors: formErrorsOf(error) }, failedStatus(error));
    }
  }),

  staffRoute('POST', '/admin/programs/:id/delete', 'publish_content', async (ctx) => {
    const existing = await getDeskItem(ctx.deps.db, PROGRAM_STORE, idParams.parse(ctx.request.params).id);
    const draft = draftOfProgram(existing.item);
    if (!deleteForm.parse(ctx.request.body ?? {}).confirm) {
      const unconfirmed = unconfirmedDelete('program');
      return formPage(ctx, { draft, existing, deleteErrors: formErrorsOf(unconfirmed) }, failedStatus(unconfirmed));
    }
    try {
      const program = await deleteItem(ctx.deps.db, ctx.deps.clock, ctx.actor, PROGRAM_STORE, existing.item.id, rightsOf(ctx.can));
      return ctx.redirect('/admin/programs', `Deleted “${program.title}”.`);
    } catch (error) {
      return formPage(ctx, { draft, existing, deleteErrors: formErrorsOf(error) }, failedStatus(error));
    }
  }),
];
