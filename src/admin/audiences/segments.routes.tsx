import { z } from 'zod';
import { CRITERION_KEYS, createSegment, deleteSegment, filterFromForm, filterToForm, getSegment, listSectorValues, listSegments, parseSegmentForm, previewSegment, updateSegment } from '../../audiences/segments.service.js';
import type { Segment } from '../../audiences/segments.js';
import { getTopics } from '../../content/taxonomy.service.js';
import type { MessageKey } from '../../i18n/catalogs/en/index.js';
import { listCompanyChoices } from '../../members/companies.service.js';
import { NotFound } from '../../lib/errors.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { deleteForm } from '../delete-section.js';
import { failedStatus, formErrorsOf, formText, idParams, manyValues, type FormErrors } from '../forms.js';
import { SegmentFormPage, SegmentsPage, type SegmentChoices, type SegmentFormValues } from './segments.pages.js';

// The desk's audiences (segments): list, create, edit, delete. "Show count" re-renders the form
// with the filter's count per edition and a sample (addresses only for staff with manage_people);
// "Save" saves, also a filter that matches nobody (the page says 0).

const segmentForm = z.object({ name: formText, slug: formText, op: formText }).passthrough();

function valuesOf(body: unknown): SegmentFormValues & { op: string } {
  const form = segmentForm.parse(body ?? {});
  const record = form as Record<string, unknown>;
  const fields = Object.fromEntries(CRITERION_KEYS.map((key) => [key, manyValues(record[key])]));
  return { name: form.name, slug: form.slug, fields, op: form.op };
}

async function choicesOf(ctx: StaffContext): Promise<SegmentChoices> {
  const [companies, sectors, topics] = await Promise.all([listCompanyChoices(ctx.deps.db), listSectorValues(ctx.deps.db), getTopics(ctx.deps.db)]);
  return { companies, sectors, topics: topics.map((topic) => ({ slug: topic.slug, name: topic.name })) };
}

/** Problems of the segment service are catalog keys; shown in the staff member's language. */
function translated(ctx: StaffContext, errors: FormErrors): FormErrors {
  const t = (text: string) => (text.startsWith('deskAudiences.') ? ctx.locale.t(text as MessageKey) : text);
  return { message: t(errors.message), fields: Object.fromEntries(Object.entries(errors.fields).map(([field, messages]) => [field, messages.map(t)])) };
}

async function formPage(ctx: StaffContext, values: SegmentFormValues, options: { segment?: Segment; preview?: boolean; errors?: FormErrors; status?: number } = {}) {
  const preview = options.preview ? await previewSegment(ctx.deps.db, filterFromForm(values.fields), ctx.can('manage_people') ? undefined : 0) : null;
  return ctx.page(<SegmentFormPage ctx={ctx} segment={options.segment} values={values} choices={await choicesOf(ctx)} preview={preview} errors={options.errors} />, options.status ?? 200);
}

async function saveOrPreview(ctx: StaffContext, segment: Segment | undefined) {
  const values = valuesOf(ctx.request.body);
  if (values.op === 'preview') return formPage(ctx, values, { segment, preview: true });
  try {
    const input = parseSegmentForm(values);
    const saved = segment ? await updateSegment(ctx.deps.db, ctx.deps.clock, segment.id, input, ctx.actor) : await createSegment(ctx.deps.db, ctx.deps.clock, input, ctx.actor);
    const { total } = await previewSegment(ctx.deps.db, saved.filter, 0);
    return ctx.redirect(`/admin/audiences/${saved.id}`, ctx.locale.t('deskAudiences.saved', { name: saved.name, total }));
  } catch (error) {
    return formPage(ctx, values, { segment, preview: true, errors: translated(ctx, formErrorsOf(error)), status: failedStatus(error) });
  }
}

async function liveSegment(ctx: StaffContext, id: number): Promise<Segment> {
  const segment = await getSegment(ctx.deps.db, id);
  if (segment.deletedAt) throw new NotFound(`there is no segment #${id}`);
  return segment;
}

export const audienceRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/audiences', 'manage_audiences', async (ctx) => {
    const segments = await listSegments(ctx.deps.db);
    const items = await Promise.all(segments.map(async (segment) => ({ segment, preview: await previewSegment(ctx.deps.db, segment.filter, 0) })));
    return ctx.page(<SegmentsPage ctx={ctx} items={items} />);
  }),

  staffRoute('GET', '/admin/audiences/new', 'manage_audiences', async (ctx) => formPage(ctx, { name: '', slug: '', fields: {} }, { preview: true })),

  staffRoute('POST', '/admin/audiences', 'manage_audiences', async (ctx) => saveOrPreview(ctx, undefined)),

  staffRoute('GET', '/admin/audiences/:id', 'manage_audiences', async (ctx) => {
    const segment = await liveSegment(ctx, idParams.parse(ctx.request.params).id);
    return formPage(ctx, { name: segment.name, slug: segment.slug, fields: filterToForm(segment.filter) }, { segment, preview: true });
  }),

  staffRoute('POST', '/admin/audiences/:id', 'manage_audiences', async (ctx) => saveOrPreview(ctx, await liveSegment(ctx, idParams.parse(ctx.request.params).id))),

  staffRoute('POST', '/admin/audiences/:id/delete', 'manage_audiences', async (ctx) => {
    const segment = await liveSegment(ctx, idParams.parse(ctx.request.params).id);
    if (!deleteForm.parse(ctx.request.body ?? {}).confirm) {
      const errors: FormErrors = { message: ctx.locale.t('deskAudiences.deleteUnconfirmed'), fields: { confirm: [ctx.locale.t('deskAudiences.deleteTick')] } };
      return formPage(ctx, { name: segment.name, slug: segment.slug, fields: filterToForm(segment.filter) }, { segment, errors, status: 400 });
    }
    await deleteSegment(ctx.deps.db, ctx.deps.clock, segment.id, ctx.actor);
    return ctx.redirect('/admin/audiences', ctx.locale.t('deskAudiences.deleted', { name: segment.name }));
  }),
];
