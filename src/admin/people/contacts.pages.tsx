import type { Topic } from '../../content/taxonomy.service.js';
import { isMember, LANGUAGE_NAMES, LANGUAGES, type Contact, type ContactFilter, type Paged } from '../../members/members.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { Checkbox, CheckboxGroup, ErrorSummary, Form, SelectField, TextField, type FormErrors } from '../forms.js';
import { FilterForm, FilterSelect, ListTable, PageHeading } from '../page-parts.js';
import { Pager, yesNoOptions } from './people-parts.js';
import { shortTime } from '../page-parts.js';

/** What the contacts pages offer to choose from. */
export interface ContactChoices {
  readonly companies: readonly { id: number; name: string }[];
  readonly topics: readonly Topic[];
}

function yesNoValue(value: boolean | undefined): string {
  return value === undefined ? '' : value ? 'yes' : 'no';
}

/** `/admin/contacts`: contacts by address, filtered and paged, with CSV import and export. */
export function ContactListPage({ ctx, contacts, filter, choices }: { ctx: StaffContext; contacts: Paged<Contact>; filter: ContactFilter; choices: ContactChoices }) {
  const filters = {
    q: filter.search,
    company: filter.companyId,
    member: yesNoValue(filter.member),
    subscribed: yesNoValue(filter.subscribed),
    topic: filter.topic,
  };
  const topicNames = new Map(choices.topics.map((topic) => [topic.slug, topic.name]));
  return (
    <AdminLayout site={ctx.deps.site} title="Contacts" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/contacts">
      <h1>Contacts</h1>
      <p class="actions">
        <a class="button" href="/admin/contacts/new">
          New contact
        </a>
        <a class="button button--quiet" href="/admin/contacts/import">
          Import CSV
        </a>
        <a class="button button--quiet" href="/admin/contacts/export" download>
          Export CSV
        </a>
      </p>
      <FilterForm action="/admin/contacts">
        <label>
          Email or name <input type="search" name="q" value={filter.search ?? ''} />
        </label>
        <FilterSelect
          name="company"
          label="Company"
          value={filter.companyId === undefined ? '' : String(filter.companyId)}
          options={[{ value: '', label: 'Any' }, ...choices.companies.map((company) => ({ value: String(company.id), label: company.name }))]}
        />
        <FilterSelect name="member" label="Member" value={filters.member} options={yesNoOptions(ctx.locale.t)} />
        <FilterSelect name="subscribed" label="Subscribed" value={filters.subscribed} options={yesNoOptions(ctx.locale.t)} />
        <FilterSelect
          name="topic"
          label="Gets topic"
          value={filter.topic ?? ''}
          options={[{ value: '', label: 'Any' }, ...choices.topics.map((topic) => ({ value: topic.slug, label: topic.name }))]}
        />
      </FilterForm>
      <ListTable
        headings={['Email', 'Name', 'Company', 'Member', 'Language', 'Subscribed', 'Topics']}
        items={contacts.items}
        empty="No contacts match these filters."
        row={(contact) => (
          <tr key={contact.id}>
            <td>
              <a href={`/admin/contacts/${contact.id}`}>{contact.email}</a>
            </td>
            <td>{contact.name}</td>
            <td>{contact.company ? <a href={`/admin/companies/${contact.company.id}`}>{contact.company.name}</a> : 'none (public)'}</td>
            <td>{isMember(contact) ? 'yes' : 'no'}</td>
            <td>{contact.language}</td>
            <td>{contact.subscribed ? 'yes' : 'no'}</td>
            <td>{contact.topics.length === 0 ? 'all' : contact.topics.map((slug) => topicNames.get(slug) ?? slug).join(', ')}</td>
          </tr>
        )}
      />
      <Pager paged={contacts} path="/admin/contacts" filters={filters} noun="contacts" />
    </AdminLayout>
  );
}

/** The contact form's values (as typed). */
export interface ContactValues {
  readonly email: string;
  readonly name: string;
  readonly language: string;
  /** A company id, or '' for none. */
  readonly company: string;
  readonly subscribed: boolean;
  readonly topics: readonly string[];
}

/** `/admin/contacts/new` and `/admin/contacts/<id>`. */
export function ContactFormPage({ ctx, values, choices, existing, errors }: { ctx: StaffContext; values: ContactValues; choices: ContactChoices; existing?: Contact | undefined; errors?: FormErrors | undefined }) {
  const title = existing ? existing.email : 'New contact';
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/contacts">
      <PageHeading back={{ href: '/admin/contacts', label: 'Contacts' }} title={title} />
      {existing ? (
        <p>
          {isMember(existing) ? 'Member' : existing.company ? `Not a member: ${existing.company.name}'s membership has lapsed` : 'Public subscriber (no company)'} · added{' '}
          {shortTime(existing.createdAt)} UTC · last changed {shortTime(existing.updatedAt)} UTC
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form action={existing ? `/admin/contacts/${existing.id}` : '/admin/contacts'} csrf={ctx.csrf}>
        <TextField name="email" label="Email" type="email" value={values.email} required autocomplete="off" errors={errors} />
        <TextField name="name" label="Name" value={values.name} autocomplete="off" errors={errors} />
        <SelectField name="language" label="Language" value={values.language} options={LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] }))} errors={errors} />
        <SelectField
          name="company"
          label="Company"
          value={values.company}
          hint="A contact is a member while the company's membership is active."
          options={[{ value: '', label: 'None (public subscriber)' }, ...choices.companies.map((company) => ({ value: String(company.id), label: company.name }))]}
          errors={errors}
        />
        <Checkbox name="subscribed" label="Subscribed: receives the newsletter by email" checked={values.subscribed} />
        <CheckboxGroup
          name="topics"
          legend="Topics (none ticked means all topics)"
          options={choices.topics.map((topic) => ({ value: topic.slug, label: topic.name }))}
          checked={values.topics}
          errors={errors}
        />
        <button type="submit" class="button">
          {existing ? 'Save' : 'Create contact'}
        </button>
      </Form>
    </AdminLayout>
  );
}
