import { z } from 'zod';
import { canManageRole, parseRole, ROLES, type Role } from '../auth/permissions.js';
import { LANGUAGE_NAMES, languageTag } from '../i18n/languages.js';
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

function roleOptions(ctx: StaffContext) {
  return ROLES.filter((role) => canManageRole(ctx.staff.role, role)).map((role) => ({ value: role, label: ctx.locale.t('desk.role', { role }) }));
}

function StaffPage({ ctx, staff, values, errors }: { ctx: StaffContext; staff: StaffMember[]; values: z.infer<typeof addForm>; errors?: FormErrors }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('desk.staff.title')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/staff">
      <h1>{t('desk.staff.title')}</h1>
      <p>{t('desk.staff.intro')}</p>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('desk.staff.email')}</th>
            <th scope="col">{t('desk.staff.name')}</th>
            <th scope="col">{t('desk.staff.role')}</th>
            <th scope="col">{t('desk.staff.language')}</th>
            <th scope="col">{t('desk.staff.state')}</th>
            <th scope="col">{t('desk.staff.lastSignIn')}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((member) => (
            <tr key={member.id}>
              <td>{canManageRole(ctx.staff.role, member.role) ? <a href={`/admin/staff/${member.id}`}>{member.email}</a> : member.email}</td>
              <td>{member.name}</td>
              <td>{t('desk.role', { role: member.role })}</td>
              <td lang={languageTag(member.language)}>{LANGUAGE_NAMES[member.language]}</td>
              <td>{t('desk.staff.stateOf', { state: !member.active ? 'deactivated' : member.hasPassword ? 'active' : 'invited' })}</td>
              <td>{member.lastSignInAt ? shortTime(member.lastSignInAt) : t('desk.staff.never')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('desk.staff.addHeading')}</h2>
      <p>{t('desk.staff.addIntro')}</p>
      <ErrorSummary errors={errors} />
      <Form action="/admin/staff" csrf={ctx.csrf}>
        <TextField name="email" label={t('desk.staff.email')} type="email" value={values.email} required errors={errors} />
        <TextField name="name" label={t('desk.staff.name')} value={values.name} errors={errors} />
        <SelectField name="role" label={t('desk.staff.role')} value={values.role} options={roleOptions(ctx)} errors={errors} />
        <SelectField name="language" label={t('desk.staff.languageOf')} value={values.language} options={LANGUAGE_OPTIONS} errors={errors} />
        <button type="submit" class="button">
          {t('desk.staff.add')}
        </button>
      </Form>
    </AdminLayout>
  );
}

function EditStaffPage({ ctx, member, errors, values }: { ctx: StaffContext; member: StaffMember; values: { name: string; role: string; active: boolean }; errors?: FormErrors }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={member.email} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/staff">
      <p>
        <a href="/admin/staff">← {t('desk.staff.title')}</a>
      </p>
      <h1>{member.email}</h1>
      <ErrorSummary errors={errors} />
      <Form action={`/admin/staff/${member.id}`} csrf={ctx.csrf}>
        <TextField name="name" label={t('desk.staff.name')} value={values.name} errors={errors} />
        <SelectField name="role" label={t('desk.staff.role')} value={values.role} options={roleOptions(ctx)} errors={errors} />
        <Checkbox name="active" label={t('desk.staff.active')} checked={values.active} />
        <button type="submit" class="button">
          {t('desk.forms.save')}
        </button>
      </Form>
      <h2>{t('desk.staff.password')}</h2>
      <p>{t('desk.staff.passwordIntro')}</p>
      <ActionButton action={`/admin/staff/${member.id}/password-link`} csrf={ctx.csrf} label={t('desk.staff.sendLink')} tone="quiet" />
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
      return ctx.redirect('/admin/staff', ctx.locale.t('desk.staff.added', { email: staff.email }));
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
      return ctx.redirect(`/admin/staff/${id}`, ctx.locale.t('desk.account.saved'));
    } catch (error) {
      const member = await getStaff(ctx.deps.db, id);
      return ctx.page(<EditStaffPage ctx={ctx} member={member} values={values} errors={formErrorsOf(error)} />, failedStatus(error));
    }
  }),

  staffRoute('POST', '/admin/staff/:id/password-link', 'manage_staff', async (ctx) => {
    const member = await getStaff(ctx.deps.db, idParams.parse(ctx.request.params).id);
    if (!canManageRole(ctx.staff.role, member.role)) throw new Invalid(`Your role (${ctx.staff.role}) cannot manage ${member.role} accounts.`);
    await resendPasswordLink(ctx.deps.db, ctx.deps.clock, ctx.deps.site, member, ctx.staff);
    return ctx.redirect(`/admin/staff/${member.id}`, ctx.locale.t('desk.staff.linkSent', { email: member.email }));
  }),
];
