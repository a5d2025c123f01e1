import { z } from 'zod';
import { getSectors } from '../../content/taxonomy.service.js';
import { NotFound } from '../../lib/errors.js';
import { SLUG } from '../../lib/slug.js';
import { emptyOrganizationDraft, draftOfProfile, type OrganizationDraft } from '../../organizations/organization-draft.js';
import { inDirectory } from '../../organizations/organizations.js';
import { getProfileForEditing, listDeskOrganizations } from '../../organizations/organizations.service.js';
import { saveOrganizationProfile } from '../../issues/organization-editing.service.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { failedStatus, formErrorsOf, formList, formText, type FormErrors } from '../forms.js';
import { OrganizationEditPage, OrganizationListPage, organizationEditPath } from './organization.pages.js';

// The desk's organisations: every organisation stories name, and their profiles (the innovators
// directory for those of Chinese origin, organisation pages for the others), with contact persons,
// who are personal data and never shown on a page, so the whole area needs manage_organizations.

const PAGE_SIZE = 50;

const listQuery = z.object({ q: z.string().trim().max(200).catch(''), page: z.coerce.number().int().min(1).max(100_000).catch(1) });

const profileForm = z.object({
  slug: formText, name: formText, nameZh: formText, country: formText, kind: formText, city: formText, founded: formText, website: formText,
  sectors: formList, technologies: formText, aliases: formText, contacts: formText, body: formText,
});

function slugOf(ctx: StaffContext): string {
  const { slug } = z.object({ slug: z.string().max(200) }).parse(ctx.request.params);
  if (!SLUG.test(slug)) throw new NotFound(`There is no organisation "${slug}".`);
  return slug;
}

async function renderForm(ctx: StaffContext, slug: string | undefined, name: string, draft: OrganizationDraft, options: { errors?: FormErrors; status?: number; publicPath?: string | null } = {}) {
  const sectors = await getSectors(ctx.deps.db);
  return ctx.page(<OrganizationEditPage ctx={ctx} slug={slug} name={name} draft={draft} sectors={sectors} errors={options.errors} publicPath={options.publicPath ?? null} />, options.status ?? 200);
}

/** Organisations: list, new profile, edit profile (a name-only organisation gets its first profile here). */
export const organizationRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/organizations', 'manage_organizations', async (ctx) => {
    const { q, page } = listQuery.parse(ctx.request.query ?? {});
    const { total, items } = await listDeskOrganizations(ctx.deps.db, q, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (page > pages) throw new NotFound('There is no page at this address.');
    return ctx.page(<OrganizationListPage ctx={ctx} q={q} rows={items} total={total} page={page} pages={pages} />);
  }),

  staffRoute('GET', '/admin/organizations/new', 'manage_organizations', async (ctx) => renderForm(ctx, undefined, '', emptyOrganizationDraft())),

  staffRoute('POST', '/admin/organizations/new', 'manage_organizations', async (ctx) => {
    const draft = profileForm.parse(ctx.request.body ?? {});
    try {
      const saved = await saveOrganizationProfile(ctx.deps.db, ctx.deps.clock, ctx.actor, undefined, draft);
      return ctx.redirect(organizationEditPath(saved.slug), ctx.locale.t('deskOrganizations.saved'));
    } catch (error) {
      return renderForm(ctx, undefined, '', draft, { errors: formErrorsOf(error), status: failedStatus(error) });
    }
  }),

  staffRoute('GET', '/admin/organizations/:slug/edit', 'manage_organizations', async (ctx) => {
    const found = await getProfileForEditing(ctx.deps.db, slugOf(ctx));
    if (!found) throw new NotFound(`There is no organisation "${slugOf(ctx)}".`);
    const { input, profiled } = found;
    const publicPath = profiled ? `${inDirectory(input.country) ? '/innovators' : '/organizations'}/${input.slug}` : `/organizations/${input.slug}`;
    return renderForm(ctx, input.slug, input.name, profiled ? draftOfProfile(input) : emptyOrganizationDraft(input.slug, input.name), { publicPath });
  }),

  staffRoute('POST', '/admin/organizations/:slug/edit', 'manage_organizations', async (ctx) => {
    const slug = slugOf(ctx);
    const draft = { ...profileForm.parse(ctx.request.body ?? {}), slug };
    try {
      await saveOrganizationProfile(ctx.deps.db, ctx.deps.clock, ctx.actor, slug, draft);
      return ctx.redirect(organizationEditPath(slug), ctx.locale.t('deskOrganizations.saved'));
    } catch (error) {
      return renderForm(ctx, slug, draft.name, draft, { errors: formErrorsOf(error), status: failedStatus(error) });
    }
  }),
];
