import { attachmentDisposition } from '../../lib/header-values.js';
import { addressOfContact, eraseAddress, type PrivacyDeps } from '../../privacy/erasure.service.js';
import { exportPersonalData } from '../../privacy/export.service.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { failedStatus, formErrorsOf, idParams } from '../forms.js';
import { ErasureConfirmPage } from './privacy.pages.js';

// A contact's data requests on the desk (docs/privacy.md): download everything stored about
// them as JSON, and erase them after a confirm page that shows what goes, per registry entry.

function privacyDeps(ctx: StaffContext): PrivacyDeps {
  return { db: ctx.deps.db, clock: ctx.deps.clock, erasureKey: ctx.deps.erasureKey, outboxDir: ctx.deps.transport.outboxDir };
}

/** The export download and the erasure (confirm page, then the erasure itself). */
export const privacyRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/contacts/:id/export.json', 'manage_people', async (ctx) => {
    const { id } = idParams.parse(ctx.request.params);
    const address = await addressOfContact(ctx.deps.db, id);
    const document = await exportPersonalData(ctx.deps.db, ctx.deps.clock, ctx.deps.erasureKey, address, ctx.actor);
    return ctx.reply
      .header('cache-control', 'no-store')
      .header('content-disposition', attachmentDisposition(`contact-${id}-data.json`))
      .type('application/json; charset=utf-8')
      .send(`${JSON.stringify(document, null, 2)}\n`);
  }),

  staffRoute('GET', '/admin/contacts/:id/erase', 'manage_people', async (ctx) => {
    const { id } = idParams.parse(ctx.request.params);
    const address = await addressOfContact(ctx.deps.db, id);
    const report = await eraseAddress(privacyDeps(ctx), address, ctx.actor, { dryRun: true });
    return ctx.page(<ErasureConfirmPage ctx={ctx} contactId={id} email={address} counts={report.counts} />);
  }),

  staffRoute('POST', '/admin/contacts/:id/erase', 'manage_people', async (ctx) => {
    const { id } = idParams.parse(ctx.request.params);
    const address = await addressOfContact(ctx.deps.db, id);
    try {
      await eraseAddress(privacyDeps(ctx), address, ctx.actor);
    } catch (error) {
      const counts = await eraseAddress(privacyDeps(ctx), address, ctx.actor, { dryRun: true }).then((report) => report.counts, () => []);
      return ctx.page(<ErasureConfirmPage ctx={ctx} contactId={id} email={address} counts={counts} errors={formErrorsOf(error)} />, failedStatus(error));
    }
    ctx.deps.contentChanged?.();
    return ctx.redirect('/admin/contacts', ctx.locale.t('deskPrivacy.erased', { id }));
  }),
];
