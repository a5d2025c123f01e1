import { CSRF_FIELD } from '../../lib/request-security.js';
import { LANGUAGE_NAMES, LANGUAGES } from '../../members/members.js';
import { AVAILABILITY_SLOTS, FOCUS_AREAS, MAX_CAPACITY } from '../../programs/matching/matching.js';
import type { ProgramRole } from '../../programs/programs.js';
import { areaLabel, slotLabel, type Registration, type RegistrationDraft } from '../../programs/registrations.js';
import { Layout, type Site } from '../layout.js';
import { CheckGroup, FormErrorSummary, InputField, SelectField, TextAreaField, type FieldErrors } from './program-fields.js';

/** What the registration panel of a program page shows, by who is looking. */
export type RegistrationPanel =
  | { readonly kind: 'public'; readonly roles: readonly ProgramRole[]; readonly open: boolean; readonly deadline: string | null }
  | { readonly kind: 'not-member' }
  | { readonly kind: 'member'; readonly roles: readonly ProgramRole[]; readonly open: boolean; readonly deadline: string | null; readonly own: Registration | undefined };

/** Who may register and how: sign-in for the public, the role links or one's own registration for members. */
export function ProgramRegistrationPanel({ slug, panel }: { slug: string; panel: RegistrationPanel }) {
  if (panel.kind === 'not-member') {
    return (
      <section class="program-register" aria-labelledby="register-heading">
        <h2 id="register-heading">Registration</h2>
        <p>This program is for people at member companies. Your address is not linked to an active member company, so you cannot register here.</p>
      </section>
    );
  }
  if (panel.roles.length === 0) return null;
  const until = panel.deadline ? ` by ${panel.deadline}` : '';
  if (panel.kind === 'public' && !panel.open) {
    return (
      <section class="program-register" aria-labelledby="register-heading">
        <h2 id="register-heading">Registration</h2>
        <p>{closedText(panel.deadline)}</p>
      </section>
    );
  }
  if (panel.kind === 'public') {
    return (
      <section class="program-register" aria-labelledby="register-heading">
        <h2 id="register-heading">Registration</h2>
        <p>
          People at member companies register{until} as {panel.roles.map(roleWithArticle).join(' or ')}: sign in, then come back to this page.
        </p>
        <p>
          <a class="button" href="/login">
            Member sign-in
          </a>
        </p>
      </section>
    );
  }
  return (
    <section class="program-register" aria-labelledby="register-heading">
      <h2 id="register-heading">Your registration</h2>
      {panel.own ? (
        <p>
          You are registered as {roleWithArticle(panel.own.role)}.{' '}
          {panel.open ? (
            <a href={`/programs/${slug}/register/${panel.own.role}`}>See or change your answers</a>
          ) : (
            'Registration has closed; the organisers will be in touch.'
          )}
        </p>
      ) : panel.open ? (
        <p>Registration is open{panel.deadline ? ` until ${panel.deadline}` : ''}.</p>
      ) : (
        <p>{closedText(panel.deadline)}</p>
      )}
      {panel.open && !panel.own ? (
        <ul class="program-register__roles">
          {panel.roles.map((role) => (
            <li key={role}>
              <a class="button" href={`/programs/${slug}/register/${role}`}>
                Register as {roleWithArticle(role)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** "Registration closed on December 31, 2023." */
export function closedText(deadline: string | null): string {
  return `Registration closed${deadline ? ` on ${deadline}` : ''}.`;
}

function roleWithArticle(role: ProgramRole): string {
  return role === 'participant' ? 'a participant' : `a ${role}`;
}

const LABELS: Record<string, string> = {
  areas: 'Areas', sector: 'Sector', goals: 'In your words', languages: 'Languages', city: 'City', time_zone: 'Time zone',
  availability: 'Times', capacity: 'Mentees', not_own_company: 'Own company',
};

/** What the registration form page shows. */
export interface RegisterPageProps {
  readonly site: Site;
  readonly program: { readonly slug: string; readonly title: string; readonly deadline: string | null };
  readonly role: ProgramRole;
  readonly csrf: string;
  readonly draft: RegistrationDraft;
  readonly sectors: readonly { value: string; label: string }[];
  /** Their registration, if they have one (possibly in another role). */
  readonly own: Registration | undefined;
  /** Why the form is not shown (closed, not a member), or undefined when it is. */
  readonly refusal?: string | undefined;
  readonly errors?: FieldErrors | undefined;
  readonly saved?: boolean | undefined;
}

/** `/programs/<slug>/register/<role>`: the form for one role, filled with the member's answers. */
export function ProgramRegisterPage(props: RegisterPageProps) {
  const { site, program, role, csrf, draft, own, refusal, errors, saved } = props;
  const path = `/programs/${program.slug}/register/${role}`;
  const title = `Register as ${roleWithArticle(role)}`;
  return (
    <Layout site={site} meta={{ title: `${title}: ${program.title}`, description: title, path, noindex: true }}>
      <p>
        <a href={`/programs/${program.slug}`}>← {program.title}</a>
      </p>
      <header class="page-header">
        <p class="eyebrow">{program.title}</p>
        <h1>{title}</h1>
      </header>
      {saved ? (
        <p class="flash" role="status">
          Your registration is saved.{' '}
          A confirmation email is on its way.
        </p>
      ) : null}
      {refusal ? (
        <div class="error-summary" role="alert">
          <p>{refusal}</p>
        </div>
      ) : null}
      {own ? <OwnRegistration own={own} role={role} /> : null}
      {refusal ? null : (
        <>
          <p>{program.deadline ? `You can change your answers until ${program.deadline}. ` : ''}Fields marked “required” must be filled in.</p>
          <FormErrorSummary errors={errors} labels={LABELS} />
          <RegistrationForm {...props} action={path} csrf={csrf} draft={draft} />
          {own ? (
            <form method="post" action={`/programs/${program.slug}/register/withdraw`} class="form program-register__withdraw">
              <input type="hidden" name={CSRF_FIELD} value={csrf} />
              <p>Changed your mind? Withdrawing removes your registration and answers.</p>
              <button type="submit" class="button button--quiet">
                Withdraw my registration
              </button>
            </form>
          ) : null}
        </>
      )}
    </Layout>
  );
}

function OwnRegistration({ own, role }: { own: Registration; role: ProgramRole }) {
  return (
    <section class="program-own" aria-label="Your registration">
      <p>
        You are registered as {roleWithArticle(own.role)}
        {own.role !== role ? `. Saving this form changes your role to ${role}.` : '.'}
      </p>
      <dl class="facts">
        {own.areas.length > 0 ? (
          <>
            <dt>{own.role === 'mentor' ? 'Expertise' : 'Goals'}</dt>
            <dd>{own.areas.map(areaLabel).join('; ')}</dd>
          </>
        ) : null}
        <dt>Languages</dt>
        <dd>{own.languages.map((code) => LANGUAGE_NAMES[code as keyof typeof LANGUAGE_NAMES] ?? code).join(', ')}</dd>
        <dt>Times</dt>
        <dd>{own.availability.map(slotLabel).join('; ')}</dd>
        {own.capacity ? (
          <>
            <dt>Mentees</dt>
            <dd>up to {own.capacity}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

function RegistrationForm({ role, csrf, draft, sectors, errors, action }: RegisterPageProps & { action: string }) {
  const mentor = role === 'mentor';
  return (
    <form method="post" action={action} class="form program-form">
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <CheckGroup
        name="areas"
        legend={mentor ? 'Where you can help (your expertise; required)' : role === 'mentee' ? 'Where you want help (your goals; required)' : 'What interests you'}
        options={FOCUS_AREAS.map((area) => ({ value: area.key, label: area.label }))}
        checked={draft.areas}
        errors={errors}
      />
      <SelectField name="sector" label="Your sector" value={draft.sector} options={[{ value: '', label: '(none or other)' }, ...sectors]} errors={errors} />
      <TextAreaField
        name="goals"
        label={mentor ? 'What you would like to pass on, in your words' : 'What you hope to get out of it, in your words'}
        value={draft.goals}
        rows={5}
        maxLength={2000}
        errors={errors}
        hint="Optional. The organisers read this when they review the pairs."
      />
      <CheckGroup name="languages" legend="Languages you can meet in (required)" options={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))} checked={draft.languages} errors={errors} />
      <InputField name="city" label="City" value={draft.city} maxLength={100} autocomplete="address-level2" errors={errors} hint="Where you are based, e.g. Shanghai." />
      <InputField name="time_zone" label="Time zone" value={draft.time_zone} maxLength={60} errors={errors} hint="e.g. Asia/Shanghai or Europe/Berlin." />
      <CheckGroup name="availability" legend="When you can meet (required)" options={AVAILABILITY_SLOTS.map((slot) => ({ value: slot.key, label: slot.label }))} checked={draft.availability} errors={errors} />
      {mentor ? (
        <SelectField
          name="capacity"
          label="How many mentees you can take"
          value={draft.capacity}
          options={Array.from({ length: MAX_CAPACITY }, (_, index) => ({ value: String(index + 1), label: String(index + 1) }))}
          errors={errors}
        />
      ) : null}
      <div class="field">
        <label class="check">
          <input type="checkbox" name="not_own_company" value="1" checked={draft.not_own_company} id="field-not_own_company" /> Not with someone from my own company
        </label>
      </div>
      <button type="submit" class="button">
        Save my registration
      </button>
    </form>
  );
}
