import { contactEngagement } from '../../engagement/engagement.service.js';
import { ContactEngagementSection } from '../engagement/engagement-parts.js';
import { z } from 'zod';
import { getTopics } from '../../content/taxonomy.service.js';
import { listCompanyChoices } from '../../members/companies.service.js';
import { createContact, getContact, listContacts, updateContact, type ContactForm } from '../../members/contacts.service.js';
import type { Contact, ContactFilter } from '../../members/members.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { failedStatus, formCheckbox, formErrorsOf, formList, formText, idParams, type FormErrors } from '../forms.js';
import { ContactFormPage, ContactListPage, type ContactChoices, type ContactValues } from './contacts.pages.js';
import { filterText, pageParam, yesNo, yesNoFilter } from './people-parts.js';

const listQuery = z.object({
  q: filterText,
  company: z.coerce.number().int().positive().optional().catch(undefined),
  member: yesNoFilter,
  subscribed: yesNoFilter,
  topic: filterText,
  page: pageParam,
});

const contactForm: z.ZodType<ContactValues, z.ZodTypeDef, unknown> = z.object({
  email: formText,
  name: formText,
  role: formText,
  language: formText,
  company: formText,
  subscribed: formCheckbox,
  topics: formList,
});

/** The form's values as the service takes them; a malformed company id is the service's to refuse. */
function inputOf(values: ContactValues): ContactForm {
  const company = values.company.trim();
  return { ...values, topics: [...values.topics], companyId: company === '' ? null : /^\d+$/.test(company) ? Number(company) : Number.NaN };
}

function valuesOf(contact: Contact): ContactValues {
  return {
    email: contact.email,
    name: contact.name,
    role: contact.role,
    language: contact.language,
    company: contact.company ? String(contact.company.id) : '',
    subscribed: contact.subscribed,
    topics: contact.topics,
  };
}

async function choicesOf(ctx: StaffContext): Promise<ContactChoices> {
  return { companies: await listCompanyChoices(ctx.deps.db), topics: await getTopics(ctx.deps.db) };
}

async function formPage(ctx: StaffContext, props: { values: ContactValues; existing?: Contact; errors?: FormErrors }, status = 200) {
  const clicks = props.existing ? <ContactEngagementSection {...await contactEngagement(ctx.deps.db, props.existing.id)} /> : null;
  return ctx.page(<ContactFormPage ctx={ctx} choices={await choicesOf(ctx)} {...props} clicks={clicks} />, status);
}

/** Contacts: list with filters and pages, create, edit. */
export const contactRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/contacts', 'manage_people', async (ctx) => {
    const query = listQuery.parse(ctx.request.query ?? {});
    const filter: ContactFilter = { search: query.q, companyId: query.company, member: yesNo(query.member), subscribed: yesNo(query.subscribed), topic: query.topic };
    const contacts = await listContacts(ctx.deps.db, filter, query.page);
    return ctx.page(<ContactListPage ctx={ctx} contacts={contacts} filter={filter} choices={await choicesOf(ctx)} />);
  }),

  staffRoute('GET', '/admin/contacts/new', 'manage_people', async (ctx) =>
    formPage(ctx, { values: { email: '', name: '', role: '', language: 'en', company: '', subscribed: true, topics: [] } }),
  ),

  staffRoute('POST', '/admin/contacts', 'manage_people', async (ctx) => {
    const values = contactForm.parse(ctx.request.body ?? {});
    try {
      const contact = await createContact(ctx.deps.db, ctx.deps.clock, inputOf(values), ctx.actor, ctx.deps.erasureKey);
      return ctx.redirect(`/admin/contacts/${contact.id}`, `Added ${contact.email}.`);
    } catch (error) {
      return formPage(ctx, { values, errors: formErrorsOf(error) }, failedStatus(error));
    }
  }),

  staffRoute('GET', '/admin/contacts/:id', 'manage_people', async (ctx) => {
    const contact = await getContact(ctx.deps.db, idParams.parse(ctx.request.params).id);
    return formPage(ctx, { values: valuesOf(contact), existing: contact });
  }),

  staffRoute('POST', '/admin/contacts/:id', 'manage_people', async (ctx) => {
    const existing = await getContact(ctx.deps.db, idParams.parse(ctx.request.params).id);
    const values = contactForm.parse(ctx.request.body ?? {});
    try {
      const contact = await updateContact(ctx.deps.db, ctx.deps.clock, existing.id, inputOf(values), ctx.actor, ctx.deps.erasureKey);
      return ctx.redirect(`/admin/contacts/${contact.id}`, 'Saved.');
    } catch (error) {
      return formPage(ctx, { values, existing, errors: formErrorsOf(error) }, failedStatus(error));
    }
  }),
];
