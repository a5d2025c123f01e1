import { CSRF_FIELD } from '../../lib/request-security.js';
import { NewsletterConsentBox, RegistrationConsentText } from './consent-parts.js';
import { LANGUAGE_NAMES, LANGUAGES } from '../../members/members.js';
import { AVAILABILITY_SLOTS, FOCUS_AREAS, MAX_CAPACITY } from '../../programs/matching/matching.js';
import type { ProgramRole } from '../../programs/programs.js';
import type { Registration, RegistrationDraft } from '../../programs/registrations.js';
import { formatDate } from '../../i18n/format.js';
import { Layout, type Site } from '../layout.js';
import { useLocale, type Locale } from '../locale.js';
import { localizeErrors, localizeMessage } from './form-text.js';
import { CheckGroup, FormErrorSummary, InputField, SelectField, TextAreaField, type FieldErrors } from './program-fields.js';
import { PrivacyNote } from './legal.page.js';

/** What the registration panel of a program page shows, by who is looking; `deadline` is the last day to register (`YYYY-MM-DD`). */
export type RegistrationPanel =
  | { readonly kind: 'public'; readonly roles: readonly ProgramRole[]; readonly open: boolean; readonly deadline: string | null }
  | { readonly kind: 'not-member' }
  | { readonly kind: 'member'; readonly roles: readonly ProgramRole[]; readonly open: boolean; readonly deadline: string | null; readonly own: Registration | undefined };

/** Who may register and how: sign-in for the public, the role links or one's own registration for members. */
export function ProgramRegistrationPanel({ slug, panel }: { slug: string; panel: RegistrationPanel }) {
  const locale = useLocale();
  const { t } = locale;
  if (panel.kind === 'not-member') {
    return (
      <section class="program-register" aria-labelledby="register-heading">
        <h2 id="register-heading">{t('forms.program.registration')}</h2>
        <p>{t('forms.program.notMember')}</p>
      </section>
    );
  }
  if (panel.roles.length === 0) return null;
  const deadline = panel.deadline ? formatDate(locale.language, panel.deadline) : null;
  if (panel.kind === 'public' && !panel.open) {
    return (
      <section class="program-register" aria-labelledby="register-heading">
        <h2 id="register-heading">{t('forms.program.registration')}</h2>
        <p>{registrationClosedText(locale, panel.deadline)}</p>
      </section>
    );
  }
  if (panel.kind === 'public') {
    const roles = panel.roles.map((role) => t('forms.program.role', { role })).join(t('forms.program.or'));
    return (
      <section class="program-register" aria-labelledby="register-heading">
        <h2 id="register-heading">{t('forms.program.registration')}</h2>
        <p>{deadline ? t('forms.program.inviteBy', { deadline, roles }) : t('forms.program.invite', { roles })}</p>
        <p>
          <a class="button" href={locale.path('/login')}>
            {t('forms.program.signIn')}
          </a>
        </p>
      </section>
    );
  }
  return (
    <section class="program-register" aria-labelledby="register-heading">
      <h2 id="register-heading">{t('forms.program.yourRegistration')}</h2>
      {panel.own ? (
        <p>
          {t('forms.program.registeredAs', { role: panel.own.role })}{' '}
          {panel.open ? <a href={locale.path(`/programs/${slug}/register/${panel.own.role}`)}>{t('forms.program.changeAnswers')}</a> : t('forms.program.closedInTouch')}
        </p>
      ) : panel.open ? (
        <p>{deadline ? t('forms.program.openUntil', { deadline }) : t('forms.program.open')}</p>
      ) : (
        <p>{registrationClosedText(locale, panel.deadline)}</p>
      )}
      {panel.open && !panel.own ? (
        <ul class="program-register__roles">
          {panel.roles.map((role) => (
            <li key={role}>
              <a class="button" href={locale.path(`/programs/${slug}/register/${role}`)}>
                {t('forms.program.registerAs', { role })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** "Registration closed on 31 December 2023." in the reader's language, for the last day to register (`YYYY-MM-DD`). */
export function registrationClosedText({ language, t }: Locale, deadline: string | null): string {
  return deadline ? t('forms.program.closedOn', { deadline: formatDate(language, deadline) }) : t('forms.program.closed');
}


const FIELDS = ['areas', 'sector', 'goals', 'languages', 'city', 'time_zone', 'availability', 'capacity', 'not_own_company'] as const;

function labelsOf({ t }: Locale): Record<string, string> {
  return Object.fromEntries(FIELDS.map((field) => [field, t(`forms.program.field.${field}`)]));
}

function areaText({ t }: Locale, key: string): string {
  const area = FOCUS_AREAS.find((known) => known.key === key);
  return area ? t(`forms.program.area.${area.key}`) : key;
}

function slotText({ t }: Locale, key: string): string {
  const slot = AVAILABILITY_SLOTS.find((known) => known.key === key);
  return slot ? t(`forms.program.slot.${slot.key}`) : key;
}

/** What the registration form page shows. */
export interface RegisterPageProps {
  readonly site: Site;
  /** `deadline`: the last day to change answers, as the reader reads it (in the page's language), or null. */
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
  /** Offer the newsletter box (the contact is not subscribed); `newsletterTicked` keeps it ticked after a failed submit. */
  readonly newsletterBox?: boolean | undefined;
  readonly newsletterTicked?: boolean | undefined;
}

/** `/programs/<slug>/register/<role>`: the form for one role, filled with the member's answers. */
export function ProgramRegisterPage(props: RegisterPageProps) {
  const { site, program, role, csrf, draft, own, refusal, saved } = props;
  const locale = useLocale();
  const { t } = locale;
  const errors = localizeErrors(locale, props.errors);
  const path = `/programs/${program.slug}/register/${role}`;
  const title = t('forms.program.registerAs', { role });
  return (
    <Layout site={site} meta={{ title: t('forms.program.pageTitle', { title, program: program.title }), description: title, path, noindex: true }}>
      <p>
        <a href={locale.path(`/programs/${program.slug}`)}>← {program.title}</a>
      </p>
      <header class="page-header">
        <p class="eyebrow">{program.title}</p>
        <h1>{title}</h1>
      </header>
      {saved ? (
        <p class="flash" role="status">
          {t('forms.program.saved')}
        </p>
      ) : null}
      {refusal ? (
        <div class="error-summary" role="alert">
          <p>{localizeMessage(locale, refusal)}</p>
        </div>
      ) : null}
      {own ? <OwnRegistration own={own} role={role} /> : null}
      {refusal ? null : (
        <>
          <p>{program.deadline ? t('forms.program.changeUntil', { deadline: program.deadline }) : t('forms.program.required')}</p>
          <FormErrorSummary errors={errors} labels={labelsOf(locale)} />
          <RegistrationForm {...props} errors={errors} action={locale.path(path)} csrf={csrf} draft={draft} />
          {own ? (
            <form method="post" action={locale.path(`/programs/${program.slug}/register/withdraw`)} class="form program-register__withdraw">
              <input type="hidden" name={CSRF_FIELD} value={csrf} />
              <p>{t('forms.program.withdrawText')}</p>
              <button type="submit" class="button button--quiet">
                {t('forms.program.withdrawButton')}
              </button>
            </form>
          ) : null}
        </>
      )}
    </Layout>
  );
}

function OwnRegistration({ own, role }: { own: Registration; role: ProgramRole }) {
  const locale = useLocale();
  const { t } = locale;
  return (
    <section class="program-own" aria-label={t('forms.program.yourRegistration')}>
      <p>{own.role !== role ? t('forms.program.registeredAsChange', { role: own.role, newRole: role }) : t('forms.program.registeredAs', { role: own.role })}</p>
      <dl class="facts">
        {own.areas.length > 0 ? (
          <>
            <dt>{own.role === 'mentor' ? t('forms.program.expertise') : t('forms.program.goals')}</dt>
            <dd>{own.areas.map((area) => areaText(locale, area)).join('; ')}</dd>
          </>
        ) : null}
        <dt>{t('forms.program.languages')}</dt>
        <dd>{own.languages.map((code) => LANGUAGE_NAMES[code as keyof typeof LANGUAGE_NAMES] ?? code).join(', ')}</dd>
        <dt>{t('forms.program.times')}</dt>
        <dd>{own.availability.map((slot) => slotText(locale, slot)).join('; ')}</dd>
        {own.capacity ? (
          <>
            <dt>{t('forms.program.mentees')}</dt>
            <dd>{t('forms.program.upTo', { count: own.capacity })}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

function RegistrationForm({ site, role, csrf, draft, sectors, errors, action, newsletterBox, newsletterTicked }: RegisterPageProps & { action: string }) {
  const locale = useLocale();
  const { t } = locale;
  const mentor = role === 'mentor';
  return (
    <form method="post" action={action} class="form program-form">
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <CheckGroup
        name="areas"
        legend={mentor ? t('forms.program.areasMentor') : role === 'mentee' ? t('forms.program.areasMentee') : t('forms.program.areasParticipant')}
        options={FOCUS_AREAS.map((area) => ({ value: area.key, label: areaText(locale, area.key) }))}
        checked={draft.areas}
        errors={errors}
      />
      <SelectField name="sector" label={t('forms.program.sector')} value={draft.sector} options={[{ value: '', label: t('forms.program.noSector') }, ...sectors]} errors={errors} />
      <TextAreaField
        name="goals"
        label={mentor ? t('forms.program.goalsMentor') : t('forms.program.goalsOther')}
        value={draft.goals}
        rows={5}
        maxLength={2000}
        errors={errors}
        hint={t('forms.program.goalsHint')}
      />
      <CheckGroup name="languages" legend={t('forms.program.languagesLegend')} options={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))} checked={draft.languages} errors={errors} />
      <InputField name="city" label={t('forms.program.city')} value={draft.city} maxLength={100} autocomplete="address-level2" errors={errors} hint={t('forms.program.cityHint')} />
      <InputField name="time_zone" label={t('forms.program.timeZone')} value={draft.time_zone} maxLength={60} errors={errors} hint={t('forms.program.timeZoneHint')} />
      <CheckGroup name="availability" legend={t('forms.program.availabilityLegend')} options={AVAILABILITY_SLOTS.map((slot) => ({ value: slot.key, label: slotText(locale, slot.key) }))} checked={draft.availability} errors={errors} />
      {mentor ? (
        <SelectField
          name="capacity"
          label={t('forms.program.capacity')}
          value={draft.capacity}
          options={Array.from({ length: MAX_CAPACITY }, (_, index) => ({ value: String(index + 1), label: String(index + 1) }))}
          errors={errors}
        />
      ) : null}
      <div class="field">
        <label class="check">
          <input type="checkbox" name="not_own_company" value="1" checked={draft.not_own_company} id="field-not_own_company" /> {t('forms.program.notOwnCompany')}
        </label>
      </div>
      <button type="submit" class="button">
        {t('forms.program.save')}
      </button>
      <PrivacyNote />
    </form>
  );
}
