import type { Segment, SegmentPreview } from '../../audiences/segments.js';
import { MAX_SENDS_BACK, SEGMENT_EDITIONS, SEGMENT_MEMBERSHIPS } from '../../audiences/segments.service.js';
import { LANGUAGE_NAMES, LANGUAGES } from '../../i18n/languages.js';
import type { Translate } from '../../i18n/messages.js';
import { AdminLayout } from '../admin-layout.js';
import type { StaffContext } from '../admin-route.js';
import { DeleteSection } from '../delete-section.js';
import { CheckboxGroup, ErrorSummary, Form, SelectField, TextField, type FormErrors } from '../forms.js';
import { ListTable, PageHeading } from '../page-parts.js';

// The desk's audience pages (docs/delivery.md, "Segments"): the list of segments with their
// counts, and the form that previews a filter's count and sample before saving.

/** What the segment form re-renders with: name, slug and each criterion's checked values. */
export interface SegmentFormValues {
  readonly name: string;
  readonly slug: string;
  readonly fields: Readonly<Record<string, readonly string[]>>;
}

/** The choices the form offers. */
export interface SegmentChoices {
  readonly companies: readonly { id: number; name: string }[];
  readonly sectors: readonly string[];
  readonly topics: readonly { slug: string; name: string }[];
}

function editionLabel(t: Translate, edition: string): string {
  return t('deskAudiences.criterion.editionOption', { edition });
}

/** The segments with how many each reaches now. */
export function SegmentsPage({ ctx, items }: { ctx: StaffContext; items: readonly { segment: Segment; preview: SegmentPreview }[] }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskAudiences.nav')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/audiences">
      <h1>{t('deskAudiences.nav')}</h1>
      <p>{t('deskAudiences.intro')}</p>
      <p class="actions">
        <a href="/admin/audiences/new">{t('deskAudiences.new')}</a>
      </p>
      <ListTable
        headings={[t('deskAudiences.name'), t('deskAudiences.slug'), t('deskAudiences.countFull'), t('deskAudiences.countTeaser')]}
        items={items}
        empty={t('deskAudiences.none')}
        row={({ segment, preview }) => (
          <tr key={segment.id}>
            <td>
              <a href={`/admin/audiences/${segment.id}`}>{segment.name}</a>
            </td>
            <td>
              <code>{segment.slug}</code>
            </td>
            <td>{preview.full}</td>
            <td>{preview.teaser}</td>
          </tr>
        )}
      />
    </AdminLayout>
  );
}

/** The count and sample of a filter, as the form shows them (names and addresses only to staff who may see people). */
function PreviewPanel({ ctx, preview }: { ctx: StaffContext; preview: SegmentPreview }) {
  const { t } = ctx.locale;
  return (
    <section class="panel" aria-labelledby="segment-preview-heading" id="segment-preview">
      <h2 id="segment-preview-heading">{t('deskAudiences.preview.heading')}</h2>
      <p>
        <strong>{t('deskAudiences.preview.count', { total: preview.total, full: preview.full, teaser: preview.teaser })}</strong>
      </p>
      {preview.total === 0 ? <p class="notice notice--warning">{t('deskAudiences.preview.nobody')}</p> : null}
      {preview.total > 0 && ctx.can('manage_people') ? (
        <>
          <h3>{t('deskAudiences.preview.sample', { shown: preview.sample.length })}</h3>
          <ul>
            {preview.sample.map((person) => (
              <li key={person.id}>
                {t('deskAudiences.preview.person', { name: person.name || '—', email: person.email, company: person.company ?? '', hasCompany: person.company ? 'yes' : 'no' })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {preview.total > 0 && !ctx.can('manage_people') ? <p>{t('deskAudiences.preview.noPeople')}</p> : null}
    </section>
  );
}

/** Create or edit a segment: name, slug, the criteria; "Show count" previews, "Save" saves. */
export function SegmentFormPage({ ctx, segment, values, choices, preview, errors }: { ctx: StaffContext; segment?: Segment; values: SegmentFormValues; choices: SegmentChoices; preview: SegmentPreview | null; errors?: FormErrors | undefined }) {
  const { t } = ctx.locale;
  const title = segment ? t('deskAudiences.editTitle', { name: segment.name }) : t('deskAudiences.new');
  const checked = (key: string) => values.fields[key] ?? [];
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/audiences">
      <PageHeading back={{ href: '/admin/audiences', label: t('deskAudiences.nav') }} title={title} />
      {preview ? <PreviewPanel ctx={ctx} preview={preview} /> : null}
      <Form action={segment ? `/admin/audiences/${segment.id}` : '/admin/audiences'} csrf={ctx.csrf}>
        <ErrorSummary errors={errors?.fields.confirm ? undefined : errors} />
        <TextField name="name" label={t('deskAudiences.name')} value={values.name} errors={errors} required />
        <TextField name="slug" label={t('deskAudiences.slug')} hint={t('deskAudiences.slugHint')} value={values.slug} errors={errors} required />
        <p>{t('deskAudiences.criteriaHint')}</p>
        <SelectField
          name="edition"
          label={t('deskAudiences.criterion.edition')}
          value={checked('edition')[0] ?? ''}
          options={[{ value: '', label: editionLabel(t, 'any') }, ...SEGMENT_EDITIONS.map((edition) => ({ value: edition, label: editionLabel(t, edition) }))]}
        />
        <CheckboxGroup name="memberships" legend={t('deskAudiences.criterion.membership')} options={SEGMENT_MEMBERSHIPS.map((membership) => ({ value: membership, label: t('deskAudiences.criterion.membershipOption', { membership }) }))} checked={checked('memberships')} />
        {choices.sectors.length > 0 ? <CheckboxGroup name="sectors" legend={t('deskAudiences.criterion.sector')} options={choices.sectors.map((sector) => ({ value: sector, label: sector }))} checked={checked('sectors')} /> : null}
        {choices.companies.length > 0 ? <CheckboxGroup name="companies" legend={t('deskAudiences.criterion.company')} options={choices.companies.map((company) => ({ value: String(company.id), label: company.name }))} checked={checked('companies')} /> : null}
        <CheckboxGroup name="languages" legend={t('deskAudiences.criterion.language')} options={LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] }))} checked={checked('languages')} />
        {choices.topics.length > 0 ? <CheckboxGroup name="topics" legend={t('deskAudiences.criterion.topic')} options={choices.topics.map((topic) => ({ value: topic.slug, label: topic.name }))} checked={checked('topics')} /> : null}
        <TextField name="clickedInLastSends" type="number" min="1" max={String(MAX_SENDS_BACK)} step="1" label={t('deskAudiences.criterion.clicks')} hint={t('deskAudiences.criterion.clicksHint', { max: MAX_SENDS_BACK })} value={checked('clickedInLastSends')[0] ?? ''} errors={errors} />
        <p class="actions">
          <button type="submit" name="op" value="preview" class="button button--quiet">
            {t('deskAudiences.showCount')}
          </button>
          <button type="submit" name="op" value="save" class="button">
            {t('deskAudiences.save')}
          </button>
        </p>
      </Form>
      {segment ? <DeleteSection action={`/admin/audiences/${segment.id}/delete`} csrf={ctx.csrf} what={t('deskAudiences.what')} issues={[]} errors={errors?.fields.confirm ? errors : undefined} /> : null}
    </AdminLayout>
  );
}
