import { DESK_STATE_CHANGES, INTRODUCTION_STATES, purposeLabel, type DeskIntroduction, type FigureCount, type IntroductionState, type QuarterFigures } from '../../introductions/introductions.js';
import type { Translate } from '../../i18n/messages.js';
import type { ContactPerson } from '../../organizations/contact-persons.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ErrorSummary, Form, SelectField, TextArea, type FormErrors } from '../forms.js';
import { FilterForm, FilterSelect, ListTable, PageHeading, utcTime } from '../page-parts.js';

// The desk's innovator introductions: the list (state filter, counts, figures per quarter) and one
// request with both sides (staff may see them), notes, assignee, state and "send to a contact person".

function stateLabel(t: Translate, state: IntroductionState): string {
  return t('deskIntroductions.stateOf', { state });
}

function StateBadge({ t, state }: { t: Translate; state: IntroductionState }) {
  return <span class={`inquiry-status inquiry-status--${state}`}>{stateLabel(t, state)}</span>;
}

function countText(t: Translate, count: FigureCount): string {
  return 'exact' in count ? String(count.exact) : t('deskIntroductions.figures.fewerThan', { count: count.fewerThan });
}

/** The figures per quarter: requested, made, declined, and the sectors of the requests (counts below 3 as "fewer than 3"). */
export function FiguresPanel({ t, figures }: { t: Translate; figures: readonly QuarterFigures[] }) {
  return (
    <section aria-labelledby="introduction-figures">
      <h2 id="introduction-figures">{t('deskIntroductions.figures.heading')}</h2>
      <p>{t('deskIntroductions.figures.intro')}</p>
      <ListTable
        headings={[t('deskIntroductions.figures.quarter'), t('deskIntroductions.figures.requested'), t('deskIntroductions.figures.made'), t('deskIntroductions.figures.declined'), t('deskIntroductions.figures.sectors')]}
        items={figures}
        empty={t('deskIntroductions.figures.none')}
        row={(quarter) => (
          <tr key={quarter.quarter}>
            <td>{quarter.quarter}</td>
            <td>{countText(t, quarter.requested)}</td>
            <td>{countText(t, quarter.made)}</td>
            <td>{countText(t, quarter.declined)}</td>
            <td>{quarter.sectors.map((sector) => `${sector.name}: ${countText(t, sector.count)}`).join(' · ')}</td>
          </tr>
        )}
      />
    </section>
  );
}

/** `/admin/introductions`: newest first, filtered by state, with the figures below. */
export function IntroductionListPage({ ctx, introductions, counts, filter, limit, figures }: {
  ctx: StaffContext;
  introductions: readonly DeskIntroduction[];
  counts: Record<IntroductionState, number>;
  filter: { state?: IntroductionState | undefined };
  limit: number;
  figures: readonly QuarterFigures[];
}) {
  const { t } = ctx.locale;
  const title = t('deskIntroductions.title');
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/introductions">
      <h1>{title}</h1>
      <p>{t('deskIntroductions.intro', { new: counts.new, contacted: counts.contacted, accepted: counts.accepted, declined: counts.declined, closed: counts.closed })}</p>
      <FilterForm action="/admin/introductions">
        <FilterSelect name="state" label={t('deskIntroductions.state')} value={filter.state ?? ''} options={[{ value: '', label: t('deskIntroductions.any') }, ...INTRODUCTION_STATES.map((state) => ({ value: state, label: stateLabel(t, state) }))]} />
      </FilterForm>
      <ListTable
        headings={[t('deskIntroductions.received'), t('deskIntroductions.member'), t('deskIntroductions.innovator'), t('deskIntroductions.purpose'), t('deskIntroductions.assignee'), t('deskIntroductions.state')]}
        items={introductions}
        empty={t('deskIntroductions.noMatch')}
        row={(introduction) => (
          <tr key={introduction.id}>
            <td>
              <a href={`/admin/introductions/${introduction.id}`}>{utcTime(introduction.createdAt)}</a>
              {introduction.sample ? <small class="badge"> {t('deskIntroductions.sample')}</small> : null}
            </td>
            <td>
              {introduction.member.name || introduction.member.email}
              <br />
              <small>{introduction.member.company ?? '—'}</small>
            </td>
            <td>{introduction.organization.name}</td>
            <td>{purposeLabel(t, introduction.purpose)}</td>
            <td>{introduction.assignee?.label ?? '—'}</td>
            <td>
              <StateBadge t={t} state={introduction.state} />
            </td>
          </tr>
        )}
      />
      {introductions.length >= limit ? <p>{t('deskIntroductions.newest', { limit })}</p> : null}
      <FiguresPanel t={t} figures={figures} />
    </AdminLayout>
  );
}

function SendSection({ ctx, introduction, contacts }: { ctx: StaffContext; introduction: DeskIntroduction; contacts: readonly ContactPerson[] }) {
  const { t } = ctx.locale;
  const sentTo = contacts.find((contact) => contact.id === introduction.innovatorContactId);
  if (introduction.sentAt !== null) {
    return <p>{t('deskIntroductions.sentTo', { name: sentTo ? `${sentTo.name} <${sentTo.email}>` : t('deskIntroductions.contactGone'), time: utcTime(introduction.sentAt) })}</p>;
  }
  if (introduction.state !== 'new') return <p>{t('deskIntroductions.notSendable')}</p>;
  const reachable = contacts.filter((contact) => contact.optedOutAt === null);
  const optedOut = contacts.filter((contact) => contact.optedOutAt !== null);
  return (
    <>
      <p>{t('deskIntroductions.sendHow')}</p>
      {optedOut.map((contact) => (
        <p key={contact.id} class="notice">
          {t('deskIntroductions.optedOut', { name: contact.name, time: utcTime(contact.optedOutAt!) })}
        </p>
      ))}
      {reachable.length === 0 ? (
        <p>{t('deskIntroductions.noContacts')}</p>
      ) : (
        <Form action={`/admin/introductions/${introduction.id}/send`} csrf={ctx.csrf}>
          <SelectField
            name="contact"
            label={t('deskIntroductions.contactPerson')}
            value={String(reachable[0]!.id)}
            options={reachable.map((contact) => ({ value: String(contact.id), label: `${contact.name}${contact.role ? `, ${contact.role}` : ''} <${contact.email}> (${contact.language})` }))}
          />
          <p>
            <button type="submit" class="button">
              {t('deskIntroductions.send')}
            </button>
          </p>
        </Form>
      )}
    </>
  );
}

/** `/admin/introductions/<id>`: both sides, the message, triage, state and sending. */
export function IntroductionDeskPage({ ctx, introduction, contacts, staff, errors }: {
  ctx: StaffContext;
  introduction: DeskIntroduction;
  contacts: readonly ContactPerson[];
  staff: readonly { id: number; label: string }[];
  errors?: FormErrors | undefined;
}) {
  const { t } = ctx.locale;
  const title = t('deskIntroductions.detailTitle', { organization: introduction.organization.name });
  const changes = DESK_STATE_CHANGES[introduction.state];
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/introductions">
      <PageHeading back={{ href: '/admin/introductions', label: t('deskIntroductions.title') }} title={title} />
      <ErrorSummary errors={errors} />
      {introduction.sample ? <p class="notice">{t('deskIntroductions.sampleNote')}</p> : null}
      <dl class="facts">
        <dt>{t('deskIntroductions.member')}</dt>
        <dd>
          {introduction.member.name || '—'} {'<'}
          {introduction.member.email}
          {'>'} · {introduction.member.company ?? '—'}
        </dd>
        <dt>{t('deskIntroductions.innovator')}</dt>
        <dd>
          <a href={`/innovators/${introduction.organization.slug}`}>{introduction.organization.name}</a>
        </dd>
        <dt>{t('deskIntroductions.purpose')}</dt>
        <dd>{purposeLabel(t, introduction.purpose)}</dd>
        <dt>{t('deskIntroductions.received')}</dt>
        <dd>{utcTime(introduction.createdAt)}</dd>
        <dt>{t('deskIntroductions.consent')}</dt>
        <dd>
          {utcTime(introduction.consentedAt)}: {introduction.consentWording ?? '—'}
        </dd>
        <dt>{t('deskIntroductions.state')}</dt>
        <dd>
          <StateBadge t={t} state={introduction.state} />
          {introduction.decidedAt ? ` ${t('deskIntroductions.decidedAt', { time: utcTime(introduction.decidedAt) })}` : ''}
          {introduction.introducedAt ? ` ${t('deskIntroductions.introducedAt', { time: utcTime(introduction.introducedAt) })}` : ''}
        </dd>
      </dl>
      <h2>{t('deskIntroductions.message')}</h2>
      <div class="inquiry-message">{introduction.message}</div>

      <h2>{t('deskIntroductions.sendHeading')}</h2>
      <SendSection ctx={ctx} introduction={introduction} contacts={contacts} />

      <h2>{t('deskIntroductions.triage')}</h2>
      <Form action={`/admin/introductions/${introduction.id}/triage`} csrf={ctx.csrf}>
        <SelectField
          name="assignee"
          label={t('deskIntroductions.assignee')}
          value={introduction.assignee ? String(introduction.assignee.id) : ''}
          options={[{ value: '', label: t('deskIntroductions.nobody') }, ...staff.map((one) => ({ value: String(one.id), label: one.label }))]}
          errors={errors}
        />
        <TextArea name="notes" label={t('deskIntroductions.notes')} value={introduction.notes} rows={5} errors={errors} />
        <p>
          <button type="submit" class="button">
            {t('deskIntroductions.saveTriage')}
          </button>
        </p>
      </Form>

      {changes.length > 0 ? (
        <>
          <h2>{t('deskIntroductions.changeState')}</h2>
          <p>{t('deskIntroductions.stateHow')}</p>
          <Form action={`/admin/introductions/${introduction.id}/state`} csrf={ctx.csrf}>
            <SelectField name="state" label={t('deskIntroductions.state')} value={changes[0]!} options={changes.map((state) => ({ value: state, label: stateLabel(t, state) }))} errors={errors} />
            <p>
              <button type="submit" class="button button--quiet">
                {t('deskIntroductions.changeStateButton')}
              </button>
            </p>
          </Form>
        </>
      ) : null}
    </AdminLayout>
  );
}
