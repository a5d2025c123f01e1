import type { ComponentChildren } from 'preact';
import type { Topic } from '../../content/taxonomy.service.js';
import { isMember, LANGUAGE_NAMES, LANGUAGES, type Contact, type ContactFilter, type Paged } from '../../members/members.js';
import type { StaffContext } from '../admin-route.js';
import { ConsentProofLink } from '../consent/consent-link.js';
import { AdminLayout } from '../admin-layout.js';
import { Checkbox, CheckboxGroup, ErrorSummary, Form, SelectField, TextField, type FormErrors } from '../forms.js';
import { FilterForm, FilterSelect, ListTable, PageHeading } from '../page-parts.js';
import { Pager, yesNoOptions } from './people-parts.js';
import { shortTime } from '../page-parts.js';
import { ContactPrivacySection } from '../privacy/privacy.pages.js';

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
  const { t } = ctx.locale;
  const yes = (value: boolean) => (value ? t('desk.contacts.yes') : t('desk.contacts.no'));
  return (
    <AdminLayout site={ctx.deps.site} title={t('desk.nav.contacts')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/contacts">
      <h1>{t('desk.nav.contacts')}</h1>
      <p class="actions">
        <a class="button" href="/admin/contacts/new">
          {t('desk.contacts.new')}
        </a>
        <a class="button button--quiet" href="/admin/contacts/import">
          {t('desk.contacts.import')}
        </a>
        <a class="button button--quiet" href="/admin/contacts/export" download>
          {t('desk.contacts.export')}
        </a>
      </p>
      <FilterForm action="/admin/contacts">
        <label>
          {t('desk.contacts.search')} <input type="search" name="q" value={filter.search ?? ''} />
        </label>
        <FilterSelect
          name="company"
          label={t('desk.contacts.company')}
          value={filter.companyId === undefined ? '' : String(filter.companyId)}
          options={[{ value: '', label: t('desk.companies.any') }, ...choices.companies.map((company) => ({ value: String(company.id), label: company.name }))]}
        />
        <FilterSelect name="member" label={t('desk.contacts.member')} value={filters.member} options={yesNoOptions(t)} />
        <FilterSelect name="subscribed" label={t('desk.contacts.subscribed')} value={filters.subscribed} options={yesNoOptions(t)} />
        <FilterSelect
          name="topic"
          label={t('desk.contacts.getsTopic')}
          value={filter.topic ?? ''}
          options={[{ value: '', label: t('desk.companies.any') }, ...choices.topics.map((topic) => ({ value: topic.slug, label: topic.name }))]}
        />
      </FilterForm>
      <ListTable
        headings={[t('desk.staff.email'), t('desk.staff.name'), t('desk.contacts.company'), t('desk.contacts.member'), t('desk.staff.language'), t('desk.contacts.subscribed'), t('desk.contacts.topics')]}
        items={contacts.items}
        empty={t('desk.contacts.noMatch')}
        row={(contact) => (
          <tr key={contact.id}>
            <td>
              <a href={`/admin/contacts/${contact.id}`}>{contact.email}</a>
            </td>
            <td>{contact.name}</td>
            <td>{contact.company ? <a href={`/admin/companies/${contact.company.id}`}>{contact.company.name}</a> : t('desk.contacts.nonePublic')}</td>
            <td>{yes(isMember(contact))}</td>
            <td>{contact.language}</td>
            <td>{yes(contact.subscribed)}</td>
            <td>{contact.topics.length === 0 ? t('desk.contacts.allTopics') : contact.topics.map((slug) => topicNames.get(slug) ?? slug).join(', ')}</td>
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
  /** Role (job title), as typed. */
  readonly role: string;
  readonly language: string;
  /** A company id, or '' for none. */
  readonly company: string;
  readonly subscribed: boolean;
  readonly topics: readonly string[];
}

/** `/admin/contacts/new` and `/admin/contacts/<id>`. */
export function ContactFormPage({ ctx, values, choices, existing, errors, clicks }: { ctx: StaffContext; values: ContactValues; choices: ContactChoices; existing?: Contact | undefined; errors?: FormErrors | undefined; /** What the contact clicked, when they consented (engagement). */ clicks?: ComponentChildren }) {
  const { t } = ctx.locale;
  const title = existing ? existing.email : t('desk.contacts.new');
  const standing = existing ? (isMember(existing) ? t('desk.contacts.isMember') : existing.company ? t('desk.contacts.lapsed', { company: existing.company.name }) : t('desk.contacts.public')) : '';
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/contacts">
      <PageHeading back={{ href: '/admin/contacts', label: t('desk.nav.contacts') }} title={title} />
      {existing ? <p>{t('desk.contacts.standing', { standing, added: `${shortTime(existing.createdAt)} UTC`, changed: `${shortTime(existing.updatedAt)} UTC` })}</p> : null}
      {existing ? <ConsentProofLink contactId={existing.id} /> : null}
      <ErrorSummary errors={errors} />
      <Form action={existing ? `/admin/contacts/${existing.id}` : '/admin/contacts'} csrf={ctx.csrf}>
        <TextField name="email" label={t('desk.staff.email')} type="email" value={values.email} required autocomplete="off" errors={errors} />
        <TextField name="name" label={t('desk.staff.name')} value={values.name} autocomplete="off" errors={errors} />
        <TextField name="role" label={t('innovationPlatform.desk.role')} value={values.role} autocomplete="off" hint={t('innovationPlatform.desk.roleHint')} errors={errors} />
        <SelectField name="language" label={t('desk.staff.language')} value={values.language} options={LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] }))} errors={errors} />
        <SelectField
          name="company"
          label={t('desk.contacts.company')}
          value={values.company}
          hint={t('desk.contacts.companyHint')}
          options={[{ value: '', label: t('desk.contacts.noneOption') }, ...choices.companies.map((company) => ({ value: String(company.id), label: company.name }))]}
          errors={errors}
        />
        <Checkbox name="subscribed" label={t('desk.contacts.subscribedLabel')} checked={values.subscribed} />
        <CheckboxGroup
          name="topics"
          legend={t('desk.contacts.topicsLegend')}
          options={choices.topics.map((topic) => ({ value: topic.slug, label: topic.name }))}
          checked={values.topics}
          errors={errors}
        />
        <button type="submit" class="button">
          {existing ? t('desk.forms.save') : t('desk.contacts.create')}
        </button>
      </Form>
      {existing ? <ContactPrivacySection ctx={ctx} contactId={existing.id} /> : null}
      {existing ? clicks : null}
    </AdminLayout>
  );
}
