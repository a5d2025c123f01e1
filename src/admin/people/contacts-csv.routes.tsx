import { z } from 'zod';
import { Invalid } from '../../lib/errors.js';
import { exportContacts } from '../../members/contacts-export.service.js';
import { importContacts } from '../../members/contacts-import.service.js';
import { staffRoute, uploadRoute, type AdminRoute } from '../admin-route.js';
import { failedStatus } from '../forms.js';
import { ContactsImportPage, type ImportOutcome } from './contacts-csv.pages.js';
import { attachmentDisposition } from '../../lib/header-values.js';

/** The upload form as @fastify/multipart attaches it: the file as a Buffer, fields as strings. */
const uploadForm = z.object({
  mode: z.enum(['dry-run', 'import']).catch('dry-run'),
  file: z.instanceof(Buffer).optional().catch(undefined),
});

/** The name problems and the activity log give an upload (multipart key-values drop the file name). */
const UPLOAD_NAME = 'uploaded CSV';

/** The contacts CSV on the desk: upload with a dry run, and the export download. */
export const contactsCsvRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/contacts/import', 'manage_people', async (ctx) => ctx.page(<ContactsImportPage ctx={ctx} />)),

  uploadRoute('/admin/contacts/import', 'manage_people', async (ctx) => {
    const form = uploadForm.parse(ctx.request.body ?? {});
    try {
      if (!form.file || form.file.length === 0) throw new Invalid('Choose a CSV file to upload.', [{ message: 'no file was chosen, or it is empty' }]);
      const summary = await importContacts(ctx.deps.db, ctx.deps.clock, form.file, { where: UPLOAD_NAME, actor: ctx.actor, dryRun: form.mode === 'dry-run', erasureKey: ctx.deps.erasureKey });
      if (summary.dryRun) return ctx.page(<ContactsImportPage ctx={ctx} outcome={{ kind: 'preview', summary }} />);
      return ctx.redirect(
        '/admin/contacts',
        `Imported ${summary.rows} rows: ${summary.created} contacts created, ${summary.updated} updated, ${summary.unchanged} unchanged; ${summary.companiesCreated} companies created; ${summary.notSubscribed} new contacts without consent, not subscribed.`,
      );
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      const outcome: ImportOutcome = { kind: 'problems', message: error.message, problems: error.problems };
      return ctx.page(<ContactsImportPage ctx={ctx} outcome={outcome} />, failedStatus(error));
    }
  }),

  staffRoute('GET', '/admin/contacts/export', 'manage_people', async (ctx) => {
    const { csv } = await exportContacts(ctx.deps.db, ctx.deps.clock, ctx.actor);
    const day = ctx.deps.clock.now().toISOString().slice(0, 10);
    // The byte-order mark makes spreadsheet programs read the file as UTF-8 (umlauts, Chinese).
    return ctx.reply
      .code(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentDisposition(`contacts-${day}.csv`))
      .header('cache-control', 'no-store')
      .send(`\uFEFF${csv}`);
  }),
];
