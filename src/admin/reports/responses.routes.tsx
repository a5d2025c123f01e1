import { z } from 'zod';
import { getDeskItem } from '../../issues/item-editing.service.js';
import { Invalid } from '../../lib/errors.js';
import { REPORT_STORE } from '../../reports/report-store.js';
import { importResponses } from '../../reports/responses.service.js';
import { staffRoute, uploadRoute, type AdminRoute } from '../admin-route.js';
import { failedStatus, idParams } from '../forms.js';
import { ResponsesPage } from './responses.pages.js';

/** The upload form as @fastify/multipart attaches it: the file as a Buffer, fields as strings. */
const uploadForm = z.object({
  mode: z.enum(['dry-run', 'import']).catch('dry-run'),
  file: z.instanceof(Buffer).optional().catch(undefined),
});

/** The name problems and the activity log give an upload (multipart key-values drop the file name). */
const UPLOAD_NAME = 'uploaded CSV';

/** A report's responses on the desk: what is stored, and the upload (dry run, then import; all or nothing). */
export const responseRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/reports/:id/responses', 'draft_content', async (ctx) => {
    const existing = await getDeskItem(ctx.deps.db, REPORT_STORE, idParams.parse(ctx.request.params).id);
    return ctx.page(<ResponsesPage ctx={ctx} report={existing.item} />);
  }),

  // Importing changes figures readers see at once, so it takes the right to publish.
  uploadRoute('/admin/reports/:id/responses', 'publish_content', async (ctx) => {
    const existing = await getDeskItem(ctx.deps.db, REPORT_STORE, idParams.parse(ctx.request.params).id);
    const form = uploadForm.parse(ctx.request.body ?? {});
    const { t } = ctx.locale;
    try {
      if (!form.file || form.file.length === 0) throw new Invalid(t('survey.desk.noFile'), [{ message: t('survey.desk.noFile') }]);
      const summary = await importResponses(ctx.deps.db, ctx.deps.clock, existing.item.slug, form.file, { where: UPLOAD_NAME, actor: ctx.actor, dryRun: form.mode === 'dry-run' });
      if (summary.dryRun) return ctx.page(<ResponsesPage ctx={ctx} report={existing.item} outcome={{ kind: 'checked', summary }} />);
      return ctx.redirect(`/admin/reports/${existing.item.id}/responses`, t('survey.desk.imported', { count: summary.respondents, replaced: summary.replaced }));
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return ctx.page(<ResponsesPage ctx={ctx} report={existing.item} outcome={{ kind: 'problems', message: error.message, problems: error.problems }} />, failedStatus(error));
    }
  }),
];
