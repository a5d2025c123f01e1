import type { ComponentChildren } from 'preact';
import type { Program } from '../../programs/programs.js';
import { WEIGHT_KEYS, WEIGHT_LABELS, type MatchWeights } from '../../programs/matching/matching.js';
import type { MatchingOverview, PairView, RunView } from '../../programs/matching.service.js';
import { areaLabel, slotLabel, type Registration } from '../../programs/registrations.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ActionButton, ErrorSummary, Form, SelectField, TextField, wholeNumberInput, type FormErrors } from '../forms.js';
import { ListTable, PageHeading, TextWith, utcTime } from '../page-parts.js';
import { useLocale } from '../../web/locale.js';

function Layout({ ctx, program, title, children }: { ctx: StaffContext; program: Program; title: string; children: ComponentChildren }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskSending.matching.pageTitle', { page: title, program: program.title })} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/programs">
      <PageHeading back={{ href: `/admin/programs/${program.id}`, label: program.title }} title={title} />
      <p class="actions">
        <a href={`/admin/programs/${program.id}/registrations`}>{t('desk.programs.registrations')}</a> · <a href={`/admin/programs/${program.id}/matching`}>{t('deskSending.matching.matching')}</a> ·{' '}
        <a href={`/admin/programs/${program.id}/roster.csv`}>{t('deskSending.matching.roster')}</a>
      </p>
      {children}
    </AdminLayout>
  );
}

const points = (value: number) => (value / 100).toFixed(2);

/** A number input from 0 to 10 while the typed value is a number; text otherwise, so a refused value stays visible and the page valid. */
function weightInput(value: string) {
  const input = wholeNumberInput(value, 0);
  return input.type === 'number' ? { ...input, max: '10' } : input;
}

function Person({ one }: { one: Registration }) {
  const { t } = useLocale();
  return (
    <>
      {one.name}
      {one.sample ? <span class="badge badge--sample">{t('deskSending.matching.sample')}</span> : null}
      <br />
      <small>
        {one.email}
        {one.company ? ` · ${one.company}` : ''}
      </small>
    </>
  );
}

/** `/admin/programs/<id>/registrations`: everyone registered, with their answers. */
export function RegistrationsPage({ ctx, program, registrations, errors }: { ctx: StaffContext; program: Program; registrations: readonly Registration[]; errors?: FormErrors | undefined }) {
  const count = (role: string) => registrations.filter((one) => one.role === role).length;
  const { t } = ctx.locale;
  return (
    <Layout ctx={ctx} program={program} title={t('desk.programs.registrations')}>
      <p>
        {t('deskSending.matching.roleCounts', { mentors: count('mentor'), mentees: count('mentee'), participants: count('participant') })}{' '}
        {program.registrationDeadline ? t('deskSending.matching.closes', { date: program.registrationDeadline, zone: program.timeZone }) : t('deskSending.matching.noDeadline')}
      </p>
      <ErrorSummary errors={errors} />
      <ListTable
        headings={[
          t('deskSending.events.person'),
          t('deskSending.matching.role'),
          t('deskSending.matching.areas'),
          t('deskSending.matching.sector'),
          t('deskSending.matching.languages'),
          t('deskSending.matching.cityAndZone'),
          t('deskSending.matching.times'),
          t('deskSending.matching.mentees'),
          t('deskSending.events.registered'),
          t('deskSending.matching.remove'),
        ]}
        items={registrations}
        empty={t('deskSending.events.noRegistrations')}
        row={(one) => (
          <tr key={one.id}>
            <td>
              <Person one={one} />
              {one.goals ? <p class="registration-words">{one.goals}</p> : null}
            </td>
            <td>{t('deskSending.matching.roleName', { role: one.role })}</td>
            <td>{one.areas.map(areaLabel).join('; ') || '—'}</td>
            <td>{one.sector ?? '—'}</td>
            <td>{one.languages.join(', ')}</td>
            <td>{[one.city, one.timeZone].filter(Boolean).join(' · ') || '—'}</td>
            <td>{one.availability.map(slotLabel).join('; ')}</td>
            <td>
              {one.capacity ?? '—'}
              {one.notOwnCompany ? <small>{t('deskSending.matching.notOwnCompany')}</small> : null}
            </td>
            <td>{utcTime(one.updatedAt)}</td>
            <td>
              <Form action={`/admin/programs/${program.id}/registrations/${one.id}/delete`} csrf={ctx.csrf} class="inline-form">
                <label class="check">
                  <input type="checkbox" name="confirm" value="1" /> {t('deskSending.matching.yesRemove', { name: one.name })}
                </label>
                <button type="submit" class="button button--quiet">
                  {t('deskSending.matching.remove')}
                </button>
              </Form>
            </td>
          </tr>
        )}
      />
    </Layout>
  );
}

/** What the matching page may re-render with. */
export interface MatchingPageProps {
  readonly ctx: StaffContext;
  readonly program: Program;
  readonly overview: MatchingOverview;
  readonly weightsDraft?: Record<keyof MatchWeights, string> | undefined;
  readonly weightErrors?: FormErrors | undefined;
  readonly ruleErrors?: FormErrors | undefined;
  readonly errors?: FormErrors | undefined;
}

/** `/admin/programs/<id>/matching`: weights, pins and forbidden pairs, the draft with its reasons, publishing. */
export function MatchingPage({ ctx, program, overview, weightsDraft, weightErrors, ruleErrors, errors }: MatchingPageProps) {
  const mentors = overview.registrations.filter((one) => one.role === 'mentor');
  const mentees = overview.registrations.filter((one) => one.role === 'mentee');
  const weights = weightsDraft ?? (Object.fromEntries(WEIGHT_KEYS.map((key) => [key, String(overview.weights[key])])) as Record<keyof MatchWeights, string>);
  const base = `/admin/programs/${program.id}/matching`;
  const { t } = ctx.locale;
  return (
    <Layout ctx={ctx} program={program} title={t('deskSending.matching.matching')}>
      <ErrorSummary errors={errors} />
      <p>{t('deskSending.matching.intro', { mentors: mentors.length, places: mentors.reduce((sum, one) => sum + (one.capacity ?? 1), 0), mentees: mentees.length })}</p>

      <section aria-labelledby="weights-heading">
        <h2 id="weights-heading">{t('deskSending.matching.weights')}</h2>
        <p>{t('deskSending.matching.weightsIntro')}</p>
        <ErrorSummary errors={weightErrors} />
        <Form action={`${base}/weights`} csrf={ctx.csrf} class="form weights-form">
          {WEIGHT_KEYS.map((key) => (
            <TextField key={key} name={key} label={`${WEIGHT_LABELS[key]} (${key})`} {...weightInput(weights[key])} value={weights[key]} errors={weightErrors} hint={t('deskSending.matching.weightHint')} />
          ))}
          <p>
            <button type="submit" class="button">
              {t('deskSending.matching.saveWeights')}
            </button>
          </p>
        </Form>
      </section>

      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t('deskSending.matching.rulesHeading')}</h2>
        <ListTable
          headings={[t('deskSending.matching.rule'), t('deskSending.matching.mentor'), t('deskSending.matching.mentee'), '']}
          items={overview.rules}
          empty={t('deskSending.matching.noRules')}
          row={(rule) => (
            <tr key={rule.id}>
              <td>{t('deskSending.matching.ruleKind', { kind: rule.kind === 'pin' ? 'pin' : 'forbid' })}</td>
              <td>
                <Person one={rule.mentor} />
              </td>
              <td>
                <Person one={rule.mentee} />
              </td>
              <td>
                <ActionButton action={`${base}/rules/${rule.id}/delete`} csrf={ctx.csrf} label={t('deskSending.matching.remove')} tone="quiet" />
              </td>
            </tr>
          )}
        />
        {mentors.length > 0 && mentees.length > 0 ? (
          <>
            <ErrorSummary errors={ruleErrors} />
            <Form action={`${base}/rules`} csrf={ctx.csrf} class="form rule-form">
              <SelectField name="mentor" label={t('deskSending.matching.mentor')} options={mentors.map((one) => ({ value: String(one.id), label: `${one.name} (${one.company ?? t('deskSending.matching.noCompany')})` }))} errors={ruleErrors} />
              <SelectField name="mentee" label={t('deskSending.matching.mentee')} options={mentees.map((one) => ({ value: String(one.id), label: `${one.name} (${one.company ?? t('deskSending.matching.noCompany')})` }))} errors={ruleErrors} />
              <SelectField name="kind" label={t('deskSending.matching.rule')} options={[{ value: 'pin', label: t('deskSending.matching.pinOption') }, { value: 'forbid', label: t('deskSending.matching.forbidOption') }]} errors={ruleErrors} />
              <p>
                <button type="submit" class="button button--quiet">
                  {t('deskSending.matching.addRule')}
                </button>
              </p>
            </Form>
          </>
        ) : null}
      </section>

      <section aria-labelledby="draft-heading">
        <h2 id="draft-heading">{t('deskSending.matching.draft')}</h2>
        <ActionButton action={`${base}/draft`} csrf={ctx.csrf} label={overview.draft ? t('deskSending.matching.draftAgain') : t('deskSending.matching.draftFirst')} />
        {overview.draft ? (
          <>
            <RunReview ctx={ctx} base={base} view={overview.draft} />
            <p>{t('deskSending.matching.publishIntro')}</p>
            <ActionButton action={`${base}/publish`} csrf={ctx.csrf} label={t('deskSending.matching.publish', { count: overview.draft.pairs.length })} fields={{ run: String(overview.draft.run.id) }} />
          </>
        ) : (
          <p>{t('deskSending.matching.noDraft')}</p>
        )}
      </section>

      <section aria-labelledby="published-heading">
        <h2 id="published-heading">{t('deskSending.matching.published')}</h2>
        {overview.published ? (
          <>
            <p>
              {t('deskSending.matching.publishedFacts', {
                time: utcTime(overview.published.run.publishedAt ?? overview.published.run.createdAt),
                pairs: overview.published.pairs.length,
                introduced: overview.published.pairs.filter((pair) => pair.introducedAt).length,
              })}
            </p>
            <RunReview ctx={ctx} base={base} view={overview.published} readOnly />
          </>
        ) : (
          <p>{t('deskSending.matching.nothingPublished')}</p>
        )}
      </section>
    </Layout>
  );
}

function RunReview({ ctx, base, view, readOnly }: { ctx: StaffContext; base: string; view: RunView; readOnly?: boolean }) {
  const { run } = view;
  const { t } = ctx.locale;
  return (
    <div class="run-review">
      <p>
        <TextWith
          text={(markers) =>
            t('deskSending.matching.runFacts', { ...markers, time: utcTime(run.createdAt), by: run.createdBy, weights: WEIGHT_KEYS.map((key) => `${key} ${run.weights[key]}`).join(', '), greedy: points(run.greedyPoints) })
          }
          elements={{ total: <strong>{points(run.totalPoints)}</strong> }}
        />
      </p>
      {view.skippedPins.length > 0 ? (
        <div class="error-summary" role="status">
          <h3>{t('deskSending.matching.skippedPins')}</h3>
          <ul>
            {view.skippedPins.map((skip, index) => (
              <li key={index}>
                {skip.mentor?.name ?? t('deskSending.matching.removedMentor')} – {skip.mentee?.name ?? t('deskSending.matching.removedMentee')}: {skip.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ListTable
        headings={[t('deskSending.matching.mentor'), t('deskSending.matching.mentee'), t('deskSending.matching.score'), t('deskSending.matching.whyPair'), ...(readOnly ? [t('deskSending.matching.introduced')] : [''])]}
        items={view.pairs}
        empty={t('deskSending.matching.noPairs')}
        row={(pair) => <PairRow key={`${pair.mentor.id}-${pair.mentee.id}`} ctx={ctx} base={base} pair={pair} readOnly={readOnly} />}
      />
      <h3>{t('deskSending.matching.notMatched')}</h3>
      <ListTable
        headings={[t('deskSending.events.person'), t('deskSending.matching.role'), t('deskSending.matching.why')]}
        items={view.unmatched}
        empty={t('deskSending.matching.allMatched')}
        row={(one) => (
          <tr key={one.registration.id}>
            <td>
              <Person one={one.registration} />
            </td>
            <td>{t('deskSending.matching.roleName', { role: one.registration.role })}</td>
            <td>{one.reason}</td>
          </tr>
        )}
      />
    </div>
  );
}

function PairRow({ ctx, base, pair, readOnly }: { ctx: StaffContext; base: string; pair: PairView; readOnly?: boolean | undefined }) {
  const { t } = ctx.locale;
  return (
    <tr>
      <td>
        <Person one={pair.mentor} />
      </td>
      <td>
        <Person one={pair.mentee} />
      </td>
      <td>
        {points(pair.points)}
        {pair.pinned ? <span class="badge">{t('deskSending.matching.pinned')}</span> : null}
      </td>
      <td>
        <ul class="score-parts">
          {pair.parts.map((part) => (
            <li key={part.key}>
              {t('deskSending.matching.part', { key: part.key, points: points(part.points), detail: part.detail, share: part.share.toFixed(2), weight: part.weight })}
            </li>
          ))}
        </ul>
      </td>
      <td>
        {readOnly ? (
          pair.introducedAt ? utcTime(pair.introducedAt) : t('deskSending.delivery.notYet')
        ) : (
          <div class="pair-actions">
            {pair.pinned ? null : <ActionButton action={`${base}/rules`} csrf={ctx.csrf} label={t('deskSending.matching.pin')} tone="quiet" fields={{ mentor: String(pair.mentor.id), mentee: String(pair.mentee.id), kind: 'pin' }} />}
            <ActionButton action={`${base}/rules`} csrf={ctx.csrf} label={t('deskSending.matching.forbid')} tone="quiet" fields={{ mentor: String(pair.mentor.id), mentee: String(pair.mentee.id), kind: 'forbid' }} />
          </div>
        )}
      </td>
    </tr>
  );
}
