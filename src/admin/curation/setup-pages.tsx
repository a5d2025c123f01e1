import { RULE_ACTIONS, type CurationRule, type CurationSource, type InboxEntry } from '../../curation/curation.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ActionButton, ErrorSummary, Form, SelectField, TextField, type FormErrors } from '../forms.js';
import { ListTable, PageHeading, utcTime } from '../page-parts.js';
import { entryPath, INBOX_PATH, InboxNav, urlInputType, type BoardChoice, type TermChoice } from './inbox-pages.js';

// The inbox's set-up pages: the sources with their health, the rules, and the boards of the
// upcoming issues.

/** `/admin/inbox/sources`: every feed with its health, the add form, remove buttons. */
export function SourcesPage({ ctx, sources, errors, url }: { ctx: StaffContext; sources: readonly CurationSource[]; errors?: FormErrors | undefined; url?: string }) {
  const { t } = ctx.locale;
  const title = t('deskCuration.sources.title');
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section={INBOX_PATH}>
      <PageHeading back={{ href: INBOX_PATH, label: t('deskCuration.title') }} title={title} />
      <InboxNav t={t} />
      <p>{t('deskCuration.sources.intro')}</p>
      <ErrorSummary errors={errors} />
      <Form action="/admin/inbox/sources" csrf={ctx.csrf}>
        <TextField name="url" type={urlInputType(url ?? '')} label={t('deskCuration.sources.url')} hint={t('deskCuration.sources.hint')} value={url ?? ''} errors={errors} />
        <p>
          <button type="submit" class="button">
            {t('deskCuration.sources.add')}
          </button>
        </p>
      </Form>
      <ListTable
        headings={[t('deskCuration.sources.source'), t('deskCuration.sources.health'), t('deskCuration.sources.items'), t('deskCuration.sources.lastSuccess'), t('deskCuration.sources.next'), '']}
        items={sources}
        empty={t('deskCuration.sources.none')}
        row={(source) => (
          <tr key={source.id}>
            <td>
              {source.title || source.url}
              <br />
              <small>{source.url}</small>
            </td>
            <td>
              <span class={`source-health source-health--${source.state}`}>{t('deskCuration.sources.state', { state: source.state })}</span>
              {source.state === 'failing' ? (
                <>
                  <br />
                  <small>{t('deskCuration.sources.failing', { count: source.errorCount, reason: source.lastError ?? '' })}</small>
                </>
              ) : null}
            </td>
            <td>{t('deskCuration.sources.itemCount', { count: source.itemCount })}</td>
            <td>{source.lastSuccessAt ? utcTime(source.lastSuccessAt) : t('deskCuration.sources.never')}</td>
            <td>{utcTime(source.nextPollAt)}</td>
            <td>
              <ActionButton action="/admin/inbox/sources/remove" csrf={ctx.csrf} tone="danger" label={t('deskCuration.sources.remove')} fields={{ url: source.url }} />
            </td>
          </tr>
        )}
      />
    </AdminLayout>
  );
}

/** `/admin/inbox/rules`: every rule, and the form for a new one. */
export function RulesPage({ ctx, rules, topics, sectors, errors, form }: {
  ctx: StaffContext;
  rules: readonly CurationRule[];
  topics: readonly TermChoice[];
  sectors: readonly TermChoice[];
  errors?: FormErrors | undefined;
  form?: { phrase: string; action: string; value: string };
}) {
  const { t } = ctx.locale;
  const title = t('deskCuration.rules.title');
  const termName = (rule: CurationRule) => (rule.action === 'topic' ? topics : rule.action === 'sector' ? sectors : []).find((term) => term.slug === rule.value)?.name ?? rule.value;
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section={INBOX_PATH}>
      <PageHeading back={{ href: INBOX_PATH, label: t('deskCuration.title') }} title={title} />
      <InboxNav t={t} />
      <p>{t('deskCuration.rules.intro')}</p>
      <ErrorSummary errors={errors} />
      <Form action="/admin/inbox/rules" csrf={ctx.csrf}>
        <TextField name="phrase" label={t('deskCuration.rules.phrase')} value={form?.phrase ?? ''} errors={errors} />
        <SelectField name="action" label={t('deskCuration.rules.action')} value={form?.action ?? 'topic'} options={RULE_ACTIONS.map((action) => ({ value: action, label: t('deskCuration.rules.actionOf', { action }) }))} errors={errors} />
        <SelectField
          name="value"
          label={t('deskCuration.rules.value')}
          hint={t('deskCuration.rules.valueHint')}
          value={form?.value ?? ''}
          options={[
            { value: '', label: t('deskCuration.rules.noValue') },
            ...topics.map((topic) => ({ value: topic.slug, label: t('deskCuration.rules.topicOption', { name: topic.name }) })),
            ...sectors.map((sector) => ({ value: sector.slug, label: t('deskCuration.rules.sectorOption', { name: sector.name }) })),
          ]}
          errors={errors}
        />
        <p>
          <button type="submit" class="button">
            {t('deskCuration.rules.add')}
          </button>
        </p>
      </Form>
      <ListTable
        headings={[t('deskCuration.rules.phrase'), t('deskCuration.rules.action'), '']}
        items={rules}
        empty={t('deskCuration.rules.none')}
        row={(rule) => (
          <tr key={rule.id}>
            <td>{rule.phrase}</td>
            <td>{rule.value ? `${t('deskCuration.rules.actionOf', { action: rule.action })}: ${termName(rule)}` : t('deskCuration.rules.actionOf', { action: rule.action })}</td>
            <td>
              <ActionButton action={`/admin/inbox/rules/${rule.id}/remove`} csrf={ctx.csrf} tone="danger" label={t('deskCuration.rules.remove')} />
            </td>
          </tr>
        )}
      />
    </AdminLayout>
  );
}

/** `/admin/inbox/boards`: per upcoming issue, the entries put on its board. */
export function BoardsPage({ ctx, boards }: { ctx: StaffContext; boards: readonly { board: BoardChoice; entries: readonly InboxEntry[] }[] }) {
  const { t } = ctx.locale;
  const title = t('deskCuration.boards.title');
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section={INBOX_PATH}>
      <PageHeading back={{ href: INBOX_PATH, label: t('deskCuration.title') }} title={title} />
      <InboxNav t={t} />
      <p>{t('deskCuration.boards.intro')}</p>
      {boards.length === 0 ? <p>{t('deskCuration.boards.none')}</p> : null}
      {boards.map(({ board, entries }) => (
        <section key={board.id} aria-labelledby={`board-${board.id}`}>
          <h2 id={`board-${board.id}`}>
            <a href={`/admin/issues/${board.slug}/edit`}>{board.title}</a>
          </h2>
          {entries.length === 0 ? (
            <p>{t('deskCuration.boards.empty')}</p>
          ) : (
            <ul>
              {entries.map(({ lead, items }) => (
                <li key={lead.id}>
                  <a href={entryPath(lead.id)}>{lead.title}</a> <small>{items.map((item) => item.outlet).join(' · ')}</small>
                  {lead.storyId !== null ? <small class="badge"> {t('deskCuration.flag.promoted')}</small> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </AdminLayout>
  );
}
