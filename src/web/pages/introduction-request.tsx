import { loginPathReturningTo } from '../../auth/return-path.js';
import { formatDate } from '../../i18n/format.js';
import { INTRODUCTION_PURPOSES, MESSAGE_LIMIT, purposeLabel, type IntroductionDraft, type IntroductionOrganization, type OwnIntroduction } from '../../introductions/introductions.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { CSRF_FIELD } from '../../lib/request-security.js';
import { Layout, type Site } from '../layout.js';
import { useLocale, type Locale } from '../locale.js';
import { PersonalPart } from '../personal-parts.js';
import { useViewer } from '../viewer.js';
import { FormErrorSummary, SelectField, TextAreaField } from './program-fields.js';

// The introduction request on an innovator's profile (issue 17): a signed-out visitor is asked to
// sign in, a non-member is told it is for members, a member with a request sees its state, and
// otherwise the form (purpose, message, the consent box with the sentence the ledger stores).

/** What the request part shows its viewer. */
export type IntroductionPanel =
  | { readonly kind: 'signed-out' }
  | { readonly kind: 'not-member' }
  | { readonly kind: 'member'; readonly csrf: string; readonly own: OwnIntroduction | null };

/** A failed submit: what was typed and what to fix. */
export interface IntroductionFormState {
  readonly draft: IntroductionDraft;
  readonly errors?: FormErrors | undefined;
}

/** The form's problems in the reader's language, by field (the service names the fields; its English stays out of the page). */
function localized({ t }: Locale, errors: FormErrors | undefined): FormErrors | undefined {
  if (!errors) return undefined;
  const fields: Record<string, string[]> = {};
  for (const field of ['purpose', 'message', 'consent'] as const) {
    if ((errors.fields[field]?.length ?? 0) > 0) fields[field] = [t(`introductions.error.${field}`, { limit: MESSAGE_LIMIT })];
  }
  return { message: t('introductions.error.summary'), fields };
}

/** The address of the request form of an organisation. */
export function introductionPath(slug: string): string {
  return `/innovators/${slug}/introduction`;
}

function OwnState({ own }: { own: OwnIntroduction }) {
  const locale = useLocale();
  const { t } = locale;
  return (
    <p class="introduction-state" role="status">
      {t('introductions.own.state', { state: own.state, date: formatDate(locale.language, own.createdAt.slice(0, 10)) })}
    </p>
  );
}

/**
 * The request part of a profile. Without `panel` it reads the viewer from context and offers the
 * sign-in (signed out) or says it is for members; a member's panel (`introductionPanelFor`) has
 * their request and the CSRF token.
 */
export function IntroductionRequestForm({ site, organization, panel, form }: { site: Pick<Site, 'name'>; organization: IntroductionOrganization; panel?: IntroductionPanel | undefined; form?: IntroductionFormState | undefined }) {
  const locale = useLocale();
  const viewer = useViewer();
  const { t } = locale;
  const shown: IntroductionPanel = panel ?? (viewer ? (viewer.isMember ? { kind: 'member', csrf: viewer.csrf, own: null } : { kind: 'not-member' }) : { kind: 'signed-out' });
  const heading = (
    <h2 id="introduction-heading">{t('introductions.form.heading', { organization: organization.name })}</h2>
  );
  if (shown.kind === 'signed-out') {
    return (
      <section class="introduction-request" aria-labelledby="introduction-heading">
        {heading}
        <p>{t('introductions.form.signInFirst')}</p>
        <p>
          <a class="button" href={locale.path(loginPathReturningTo(introductionPath(organization.slug)))}>
            {t('introductions.form.signIn')}
          </a>
        </p>
      </section>
    );
  }
  if (shown.kind === 'not-member') {
    return (
      <section class="introduction-request" aria-labelledby="introduction-heading">
        {heading}
        <p>{t('introductions.form.membersOnly')}</p>
      </section>
    );
  }
  const own = shown.own;
  if (own && own.state !== 'closed') {
    return (
      <section class="introduction-request" aria-labelledby="introduction-heading">
        {heading}
        <OwnState own={own} />
      </section>
    );
  }
  const draft = form?.draft ?? { purpose: '', message: '', consent: false };
  const errors = localized(locale, form?.errors);
  const labels = { purpose: t('introductions.field.purpose'), message: t('introductions.field.message'), consent: t('introductions.field.consent') };
  const consentBad = (errors?.fields.consent?.length ?? 0) > 0;
  return (
    <section class="introduction-request" aria-labelledby="introduction-heading">
      {heading}
      {own ? <OwnState own={own} /> : null}
      <p>{t('introductions.form.intro')}</p>
      <FormErrorSummary errors={errors} labels={labels} />
      <form method="post" action={locale.path(introductionPath(organization.slug))} class="form introduction-form">
        <input type="hidden" name={CSRF_FIELD} value={shown.csrf} />
        <SelectField
          name="purpose"
          label={labels.purpose}
          value={draft.purpose}
          required
          options={[{ value: '', label: t('introductions.form.choosePurpose') }, ...INTRODUCTION_PURPOSES.map((purpose) => ({ value: purpose, label: purposeLabel(t, purpose) }))]}
          errors={errors}
        />
        <TextAreaField name="message" label={labels.message} hint={t('introductions.form.messageHint')} value={draft.message} rows={7} maxLength={MESSAGE_LIMIT} required errors={errors} />
        <fieldset class={consentBad ? 'field field--error' : 'field'} id="field-consent">
          <legend>{labels.consent}</legend>
          {consentBad ? (
            <p class="field__error" id="error-consent">
              {errors?.fields.consent?.[0]}
            </p>
          ) : null}
          <label class="check">
            <input type="checkbox" name="consent" value="1" checked={draft.consent} required aria-describedby={consentBad ? 'error-consent' : undefined} /> {t('introductions.consent.wording', { site: site.name })}
          </label>
        </fieldset>
        <button type="submit" class="button">
          {t('introductions.form.submit')}
        </button>
      </form>
    </section>
  );
}

/**
 * The request part as a cached (`audience`) profile page places it: in the public render it is
 * the sign-in invitation; for a signed-in contact the page's marker is filled per request with
 * their panel (personal-fillers.tsx `introduction-request`), so no one's state is ever cached.
 */
export function IntroductionRequestPart({ site, organization }: { site: Pick<Site, 'name'>; organization: IntroductionOrganization }) {
  return (
    <PersonalPart name="introduction-request" props={{ slug: organization.slug }}>
      <IntroductionRequestForm site={site} organization={organization} />
    </PersonalPart>
  );
}

/** `/innovators/<slug>/introduction`: the request part on a page of its own (where a member lands after signing in; the profile shows the same part). */
export function IntroductionRequestPage({ site, organization, panel, form, done }: { site: Site; organization: IntroductionOrganization; panel: IntroductionPanel; form?: IntroductionFormState | undefined; done?: boolean }) {
  const locale = useLocale();
  const { t } = locale;
  const title = t('introductions.page.title', { organization: organization.name });
  return (
    <Layout site={site} meta={{ title, description: t('introductions.page.description', { organization: organization.name }), path: introductionPath(organization.slug), noindex: true }}>
      <header class="page-header">
        <h1>{title}</h1>
      </header>
      {done ? (
        <p class="flash" role="status">
          {t('introductions.page.done')}
        </p>
      ) : null}
      <IntroductionRequestForm site={site} organization={organization} panel={panel} form={form} />
      <p>
        <a href={locale.path(`/innovators/${organization.slug}`)}>{t('introductions.page.backTo', { organization: organization.name })}</a>
      </p>
    </Layout>
  );
}
