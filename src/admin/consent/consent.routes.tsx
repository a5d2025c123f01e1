import { consentEventsOf, exportConsentProof } from '../../consent/consent.service.js';
import { attachmentDisposition } from '../../lib/header-values.js';
import { getContact } from '../../members/contacts.service.js';
import { staffRoute, type AdminRoute } from '../admin-route.js';
import { idParams } from '../forms.js';
import { ConsentProofPage } from './consent.pages.js';

/** The consent proof of one address: the page, and the same rows as CSV. */
export const consentRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/contacts/:id/consent', 'manage_people', async (ctx) => {
    const contact = await getContact(ctx.deps.db, idParams.parse(ctx.request.params).id);
    return ctx.page(<ConsentProofPage ctx={ctx} contact={contact} events={await consentEventsOf(ctx.deps.db, contact.id)} />);
  }),

  staffRoute('GET', '/admin/contacts/:id/consent.csv', 'manage_people', async (ctx) => {
    const contact = await getContact(ctx.deps.db, idParams.parse(ctx.request.params).id);
    const csv = await exportConsentProof(ctx.deps.db, ctx.deps.clock, ctx.actor, contact);
    return ctx.reply
      .code(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentDisposition(`consent-${contact.id}.csv`))
      .header('cache-control', 'no-store')
      .send(`\uFEFF${csv}`);
  }),
];
