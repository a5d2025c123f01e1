import { z } from 'zod';
import { canManageRole, parseRole, ROLES, type Role } from '../auth/permissions.js';
import { Invalid } from '../lib/errors.js';
import { addStaff, getStaff, listStaff, resendPasswordLink, updateStaff } from '../staff/staff.service.js';
import type { StaffMember } from '../staff/staff.js';
import { languageOf, LANGUAGE_OPTIONS } from './account.routes.js';
import { staffRoute, type AdminRoute, type StaffContext } from './admin-route.js';
import { AdminLayout } from './admin-layout.js';
import { ActionButton, Checkbox, ErrorSummary, failedStatus, Form, formErrorsOf, idParams, SelectField, TextField, type FormErrors } from './forms.js';
import { shortTime } from './page-parts.js';

const addForm = z.object({ email: z.string().default(''), name: z.string().default(''), role: z.string().default('editor'), language: z.string().default('en') });
const editForm = z.object({ name: z.string().default(''), role: z.string().default(''), active: z.string().optional() });

function roleOf(value: string): Role {
  const role = parseRole(value);
  if (!role) throw new Invalid('Choose a role.', [{ where: 'role', message: `choose one of ${ROLES.join(', ')}` }]);
  return role;
}

function roleOptions(actor: StaffMember) {
  return ROLES.filter((role) => canManageRole(actor.role, role)).map((role) => ({ value: role, label: role }));
}

function StaffPage({ ctx, staff, values, errors }: { ctx: StaffContext; staff: StaffMember[]; values: z.infer<typeof addForm>; errors?: FormErrors }) {
  return (
    <AdminLayout site={ctx.deps.site} title="Staff" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/staff">
      <h1>Staff</h1>
      <p>Contributors draft, editors publish, admins manage people and sending, the owner everything.</p>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">State</th>
            <th scope="col">Last sign-in (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((member) => (
            <tr key={member.id}>
              <td>{canManageRole(ctx.staff.role, member.role) ? <a href={`/admin/staff/${member.id}`}>{member.email}</a> : member.email}</td>
              <td>{member.name}</td>
              <td>{member.role}</td>
              <td>{!member.active ? 'deactivated' : member.hasPassword ? 'active' : 'invited (no password yet)'}</td>
              <td>{member.lastSignInAt ? shortTime(member.lastSignInAt) : 'never'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a staff member</h2>
      <p>They get an email with a link to set their password (see the outbox when no SMTP server is configured).</p>
      <ErrorSummary errors={errors} />
      <Form action="/admin/staff" csrf={ctx.csrf}>
        <TextField name="email" label="Email" type="email" value={values.email} required errors={errors} />
        <TextField name="name" label="Name" value={values.name} errors={errors} />
        <SelectField name="role" label="Role" value={values.role} options={roleOptions(ctx.staff)} errors={errors} />
        <SelectField name="language" label="Language of their desk and emails" value={values.language} options={LANGUAGE_OPTIONS} errors={errors} />
        <button type="submit" class="button">
          Add and send the link
        </button>
      </Form>
    </AdminLayout>
  );
}

function EditStaffPage({ ctx, member, errors, values }: { ctx: StaffContext; member: StaffMember; values: { name: string; role: string; active: boolean }; errors?: FormErrors }) {
  return (
    <AdminLayout site={ctx.deps.site} title={member.email} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/staff">
      <p>
        <a href="/admin/staff">← Staff</a>
      </p>
      <h1>{member.email}</h1>
      <ErrorSummary errors={errors} />
      <Form action={`/admin/staff/${member.id}`} csrf={ctx.csrf}>
        <TextField name="name" label="Name" value={values.name} errors={errors} />
        <SelectField name="role" label="Role" value={values.role} options={roleOptions(ctx.staff)} errors={errors} />
        <Checkbox name="active" label="Active (can sign in)" checked={values.active} />
        <button type="submit" class="button">
          Save
        </button>
      </Form>
      <h2>Password</h2>
      <p>Send a new link to set the password. The current password keeps working until the link is used.</p>
      <ActionButton action={`/admin/staff/${member.id}/password-link`} csrf={ctx.csrf} label="Send a password link" tone="quiet" />
    </AdminLayout>
  );
}

/** Staff accounts: list, add (with a set-password link), change role, deactivate. */
export const staffRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/staff', 'manage_staff', async (ctx) =>
    ctx.page(<StaffPage ctx={ctx} staff={await listStaff(ctx.deps.db)} values={{ email: '', name: '', role: 'editor', language: 'en' }} />),
  ),

  staffRoute('POST', '/admin/staff', 'manage_staff', async (ctx) => {
    const form = addForm.parse(ctx.request.body ?? {});
    try {
      const { staff } = await addStaff(ctx.deps.db, ctx.deps.clock, { email: form.email, name: form.name, role: roleOf(form.role), language: languageOf(form.language) }, ctx.actor, ctx.staff, ctx.deps.site);
      return ctx.redirect('/admin/staff', `Added ${staff.email}; a link to set the password is on its way.`);
    } catch (error) {
      return ctx.page(<StaffPage ctx={ctx} staff={await listStaff(ctx.deps.db)} values={form} errors={formErrorsOf(error)} />, failedStatus(error));
    }
  }),

  staffRoute('GET', '/admin/staff/:id', 'manage_staff', async (ctx) => {
    const member = await getStaff(ctx.deps.db, idParams.parse(ctx.request.params).id);
    return ctx.page(<EditStaffPage ctx={ctx} member={member} values={{ name: member.name, role: member.role, active: member.active }} />);
  }),

  staffRoute('POST', '/admin/staff/:id', 'manage_staff', async (ctx) => {
    const { id } = idParams.parse(ctx.request.params);
    const form = editForm.parse(ctx.request.body ?? {});
    const values = { name: form.name, role: form.role, active: form.active === '1' };
    try {
      await updateStaff(ctx.deps.db, ctx.deps.clock, ctx.staff, id, { name: values.name, role: roleOf(values.role), active: values.active });
      return ctx.redirect(`/admin/staff/${id}`, 'Saved.');
    } catch (error) {
      const member = await getStaff(ctx.deps.db, id);
      return ctx.page(<EditStaffPage ctx={ctx} member={member} values={values} errors={formErrorsOf(error)} />, failedStatus(error));
    }
  }),

  staffRoute('POST', '/admin/staff/:id/password-link', 'manage_staff', async (ctx) => {
    const member = await getStaff(ctx.deps.db, idParams.parse(ctx.request.params).id);
    if (!canManageRole(ctx.staff.role, member.role)) throw new Invalid(`Your role (${ctx.staff.role}) cannot manage ${member.role} accounts.`);
    await resendPasswordLink(ctx.deps.db, ctx.deps.clock, ctx.deps.site, member, ctx.staff);
    return ctx.redirect(`/admin/staff/${member.id}`, `A password link is on its way to ${member.email}.`);
  }),
];
