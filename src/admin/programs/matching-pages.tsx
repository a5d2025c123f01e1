import type { ComponentChildren } from 'preact';
import type { Program } from '../../programs/programs.js';
import { WEIGHT_KEYS, WEIGHT_LABELS, type MatchWeights } from '../../programs/matching/matching.js';
import type { MatchingOverview, PairView, RunView } from '../../programs/matching.service.js';
import { areaLabel, slotLabel, type Registration } from '../../programs/registrations.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ActionButton, ErrorSummary, Form, SelectField, TextField, wholeNumberInput, type FormErrors } from '../forms.js';
import { ListTable, PageHeading, utcTime } from '../page-parts.js';

function Layout({ ctx, program, title, children }: { ctx: StaffContext; program: Program; title: string; children: ComponentChildren }) {
  return (
    <AdminLayout site={ctx.deps.site} title={`${title}: ${program.title}`} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/programs">
      <PageHeading back={{ href: `/admin/programs/${program.id}`, label: program.title }} title={title} />
      <p class="actions">
        <a href={`/admin/programs/${program.id}/registrations`}>Registrations</a> · <a href={`/admin/programs/${program.id}/matching`}>Matching</a> ·{' '}
        <a href={`/admin/programs/${program.id}/roster.csv`}>Download the roster (CSV)</a>
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
  return (
    <>
      {one.name}
      {one.sample ? <span class="badge badge--sample">sample</span> : null}
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
  return (
    <Layout ctx={ctx} program={program} title="Registrations">
      <p>
        {count('mentor')} mentors, {count('mentee')} mentees{count('participant') > 0 ? `, ${count('participant')} participants` : ''}.{' '}
        {program.registrationDeadline ? `Registration closes at the end of ${program.registrationDeadline} (${program.timeZone}).` : 'There is no registration deadline.'}
      </p>
      <ErrorSummary errors={errors} />
      <ListTable
        headings={['Person', 'Role', 'Expertise or goals', 'Sector', 'Languages', 'City and zone', 'Times', 'Mentees', 'Registered', 'Remove']}
        items={registrations}
        empty="Nobody has registered yet."
        row={(one) => (
          <tr key={one.id}>
            <td>
              <Person one={one} />
              {one.goals ? <p class="registration-words">{one.goals}</p> : null}
            </td>
            <td>{one.role}</td>
            <td>{one.areas.map(areaLabel).join('; ') || '—'}</td>
            <td>{one.sector ?? '—'}</td>
            <td>{one.languages.join(', ')}</td>
            <td>{[one.city, one.timeZone].filter(Boolean).join(' · ') || '—'}</td>
            <td>{one.availability.map(slotLabel).join('; ')}</td>
            <td>
              {one.capacity ?? '—'}
              {one.notOwnCompany ? <small> (not own company)</small> : null}
            </td>
            <td>{utcTime(one.updatedAt)}</td>
            <td>
              <Form action={`/admin/programs/${program.id}/registrations/${one.id}/delete`} csrf={ctx.csrf} class="inline-form">
                <label class="check">
                  <input type="checkbox" name="confirm" value="1" /> Yes, remove {one.name}
                </label>
                <button type="submit" class="button button--quiet">
                  Remove
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
  return (
    <Layout ctx={ctx} program={program} title="Matching">
      <ErrorSummary errors={errors} />
      <p>
        {mentors.length} mentors offering {mentors.reduce((sum, one) => sum + (one.capacity ?? 1), 0)} places, {mentees.length} mentees. The matching
        keeps every hard rule (a shared language; different companies when either person asked for it; each mentor's number of mentees; your forbidden and
        pinned pairs) and, within them, finds the pairs with the highest total score.
      </p>

      <section aria-labelledby="weights-heading">
        <h2 id="weights-heading">Weights</h2>
        <p>Each pair scores, for every part below, a share from 0 to 1 times its weight (0 to 10). Change the weights, then draft again.</p>
        <ErrorSummary errors={weightErrors} />
        <Form action={`${base}/weights`} csrf={ctx.csrf} class="form weights-form">
          {WEIGHT_KEYS.map((key) => (
            <TextField key={key} name={key} label={`${WEIGHT_LABELS[key]} (${key})`} {...weightInput(weights[key])} value={weights[key]} errors={weightErrors} hint="0 to 10" />
          ))}
          <p>
            <button type="submit" class="button">
              Save weights
            </button>
          </p>
        </Form>
      </section>

      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">Pinned and forbidden pairs</h2>
        <ListTable
          headings={['Rule', 'Mentor', 'Mentee', '']}
          items={overview.rules}
          empty="No pairs pinned or forbidden."
          row={(rule) => (
            <tr key={rule.id}>
              <td>{rule.kind === 'pin' ? 'pinned: always together' : 'forbidden: never together'}</td>
              <td>
                <Person one={rule.mentor} />
              </td>
              <td>
                <Person one={rule.mentee} />
              </td>
              <td>
                <ActionButton action={`${base}/rules/${rule.id}/delete`} csrf={ctx.csrf} label="Remove" tone="quiet" />
              </td>
            </tr>
          )}
        />
        {mentors.length > 0 && mentees.length > 0 ? (
          <>
            <ErrorSummary errors={ruleErrors} />
            <Form action={`${base}/rules`} csrf={ctx.csrf} class="form rule-form">
              <SelectField name="mentor" label="Mentor" options={mentors.map((one) => ({ value: String(one.id), label: `${one.name} (${one.company ?? 'no company'})` }))} errors={ruleErrors} />
              <SelectField name="mentee" label="Mentee" options={mentees.map((one) => ({ value: String(one.id), label: `${one.name} (${one.company ?? 'no company'})` }))} errors={ruleErrors} />
              <SelectField name="kind" label="Rule" options={[{ value: 'pin', label: 'Pin: always pair them' }, { value: 'forbid', label: 'Forbid: never pair them' }]} errors={ruleErrors} />
              <p>
                <button type="submit" class="button button--quiet">
                  Add the rule
                </button>
              </p>
            </Form>
          </>
        ) : null}
      </section>

      <section aria-labelledby="draft-heading">
        <h2 id="draft-heading">Draft</h2>
        <ActionButton action={`${base}/draft`} csrf={ctx.csrf} label={overview.draft ? 'Draft again with the current answers, weights and rules' : 'Draft a matching'} />
        {overview.draft ? (
          <>
            <RunReview ctx={ctx} base={base} view={overview.draft} />
            <p>Publishing sends each new pair an introduction email (one to the mentor, one to the mentee). Pairs already introduced are not emailed again.</p>
            <ActionButton action={`${base}/publish`} csrf={ctx.csrf} label={`Publish and introduce ${overview.draft.pairs.length} pairs`} fields={{ run: String(overview.draft.run.id) }} />
          </>
        ) : (
          <p>There is no draft yet.</p>
        )}
      </section>

      <section aria-labelledby="published-heading">
        <h2 id="published-heading">Published</h2>
        {overview.published ? (
          <>
            <p>
              Published {utcTime(overview.published.run.publishedAt ?? overview.published.run.createdAt)}: {overview.published.pairs.length} pairs,{' '}
              {overview.published.pairs.filter((pair) => pair.introducedAt).length} introduced by email.
            </p>
            <RunReview ctx={ctx} base={base} view={overview.published} readOnly />
          </>
        ) : (
          <p>Nothing published yet.</p>
        )}
      </section>
    </Layout>
  );
}

function RunReview({ ctx, base, view, readOnly }: { ctx: StaffContext; base: string; view: RunView; readOnly?: boolean }) {
  const { run } = view;
  return (
    <div class="run-review">
      <p>
        Drafted {utcTime(run.createdAt)} by {run.createdBy} with weights {WEIGHT_KEYS.map((key) => `${key} ${run.weights[key]}`).join(', ')}. Total score{' '}
        <strong>{points(run.totalPoints)}</strong> (a greedy pairing, best pair first, would score {points(run.greedyPoints)}).
      </p>
      {view.skippedPins.length > 0 ? (
        <div class="error-summary" role="status">
          <h3>Pins that could not be kept</h3>
          <ul>
            {view.skippedPins.map((skip, index) => (
              <li key={index}>
                {skip.mentor?.name ?? 'a removed mentor'} – {skip.mentee?.name ?? 'a removed mentee'}: {skip.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ListTable
        headings={['Mentor', 'Mentee', 'Score', 'Why this pair', ...(readOnly ? ['Introduced'] : [''])]}
        items={view.pairs}
        empty="No pairs."
        row={(pair) => <PairRow key={`${pair.mentor.id}-${pair.mentee.id}`} ctx={ctx} base={base} pair={pair} readOnly={readOnly} />}
      />
      <h3>Not matched</h3>
      <ListTable
        headings={['Person', 'Role', 'Why']}
        items={view.unmatched}
        empty="Everyone is matched, and every mentor's places are filled."
        row={(one) => (
          <tr key={one.registration.id}>
            <td>
              <Person one={one.registration} />
            </td>
            <td>{one.registration.role}</td>
            <td>{one.reason}</td>
          </tr>
        )}
      />
    </div>
  );
}

function PairRow({ ctx, base, pair, readOnly }: { ctx: StaffContext; base: string; pair: PairView; readOnly?: boolean | undefined }) {
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
        {pair.pinned ? <span class="badge">pinned</span> : null}
      </td>
      <td>
        <ul class="score-parts">
          {pair.parts.map((part) => (
            <li key={part.key}>
              {part.key}: {points(part.points)} ({part.detail}; share {part.share.toFixed(2)} × weight {part.weight})
            </li>
          ))}
        </ul>
      </td>
      <td>
        {readOnly ? (
          pair.introducedAt ? utcTime(pair.introducedAt) : 'not yet'
        ) : (
          <div class="pair-actions">
            {pair.pinned ? null : <ActionButton action={`${base}/rules`} csrf={ctx.csrf} label="Pin" tone="quiet" fields={{ mentor: String(pair.mentor.id), mentee: String(pair.mentee.id), kind: 'pin' }} />}
            <ActionButton action={`${base}/rules`} csrf={ctx.csrf} label="Forbid" tone="quiet" fields={{ mentor: String(pair.mentor.id), mentee: String(pair.mentee.id), kind: 'forbid' }} />
          </div>
        )}
      </td>
    </tr>
  );
}
