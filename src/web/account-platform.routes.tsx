import { z } from 'zod';
import { getContact, updateOwnRole } from '../members/contacts.service.js';
import { accountPageOf } from './members.routes.js';
import { personalRoute, type PublicRoute } from './public-route.js';

// The account page's role form (issue 17): the contact's job title, saved at once; a failed save
// shows the account page again with what was typed and what to fix.

// The form always sends `role` (empty to clear it); a body without it, or with it twice, is a 400.
const roleForm = z.object({ role: z.string() });

export const accountPlatformRoutes: readonly PublicRoute[] = [
  personalRoute('POST', '/account/role', 'save my role (job title)', async (ctx) => {
    if (!ctx.viewer) return ctx.redirect('/login');
    const form = roleForm.parse(ctx.request.body ?? {});
    const typed = form.role;
    const contact = await getContact(ctx.deps.db, ctx.viewer.contact.id);
    try {
      await updateOwnRole(ctx.deps.db, ctx.deps.clock, contact.id, typed, { type: 'member', id: contact.id, label: contact.email });
      return ctx.redirect('/account?role=saved#role-heading');
    } catch (error) {
      return ctx.formFailed(error, (errors) => accountPageOf(ctx, contact, { saved: false, role: { value: typed, errors } }));
    }
  }),
];
