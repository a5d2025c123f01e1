import { formatDate } from '../i18n/format.js';
import { formConsent } from './consent-origin.js';
import { newsletterBoxTicked } from './pages/consent-parts.js';
import { z } from 'zod';
import { teaserSummary } from '../content/audience.js';
import { NotFound } from '../lib/errors.js';
import { formErrorsOf, type FormErrors } from '../lib/form-errors.js';
import { viewProgram } from '../programs/program-view.js';
import { PROGRAM_ROLES, type Program, type ProgramRole } from '../programs/programs.js';
import { draftOfRegistration, EMPTY_REGISTRATION_DRAFT, registrationOpen, type RegistrationDraft } from '../programs/registrations.js';
import { checkRegistrationOpen, getOwnRegistration, registerForProgram, sectorChoices, withdrawRegistration } from '../programs/registrations.service.js';
import { NoticePage } from './pages/member.pages.js';
import { ProgramRegisterPage, registrationClosedText, type RegistrationPanel } from './pages/program-register.page.js';
import { ProgramPage } from './pages/program.page.js';
import { programPanelFor } from './program-panel.js';
import { audienceRoute, personalRoute, type PublicContext, type PublicRoute } from './public-route.js';
import type { Viewer } from './viewer.js';

const roleParams = z.object({ slug: z.string(), role: z.enum(PROGRAM_ROLES) });

const many = z.unknown().transform((value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === 'string' && item !== ''));
const text = z.string().catch('');
const registrationForm: z.ZodType<RegistrationDraft, z.ZodTypeDef, unknown> = z.object({
  areas: many,
  sector: text,
  goals: text,
  languages: many,
  city: text,
  time_zone: text,
  availability: many,
  capacity: text,
  not_own_company: z.unknown().transform((value) => value === '1'),
});

/** The program and role of a registration address; NotFound for a role the program does not have. */
async function programAndRole(ctx: PublicContext): Promise<{ program: Program; role: ProgramRole }> {
  const parsed = roleParams.safeParse({ ...(ctx.request.params as object), slug: ctx.slug() });
  if (!parsed.success) throw new NotFound('There is no page at this address.');
  const program = await ctx.deps.content.program(parsed.data.slug);
  if (!program.roles.includes(parsed.data.role)) throw new NotFound(`${program.title} has no ${parsed.data.role} role.`);
  return { program, role: parsed.data.role };
}

/** For a visitor without a session: registration has closed (said so, no sign-in offered), or they sign in first. */
function signInFirst(ctx: PublicContext, program: Program, path: string) {
  const { t } = ctx.locale;
  if (!registrationOpen(program, ctx.deps.clock.now())) {
    return ctx.page(
      <NoticePage site={ctx.deps.site} title={t('forms.program.closedTitle', { program: program.title })} path={path}>
        <p>{registrationClosedText(ctx.locale, program.registrationDeadline)}</p>
        <p>
          <a href={ctx.locale.path(`/programs/${program.slug}`)}>{t('forms.program.backTo', { program: program.title })}</a>
        </p>
      </NoticePage>,
    );
  }
  return ctx.page(
    <NoticePage site={ctx.deps.site} title={t('forms.program.signInTitle', { program: program.title })} path={path}>
      <p>{t('forms.program.signInFirst')}</p>
      <p>
        <a class="button" href={ctx.locale.path('/login')}>
          {t('forms.program.signIn')}
        </a>
      </p>
    </NoticePage>,
  );
}

/** The registration form of one role, with the member's saved answers, a refusal when it is closed to them, and errors. */
async function registerPageOf(ctx: PublicContext, program: Program, role: ProgramRole, viewer: Viewer, extra: { draft?: RegistrationDraft; errors?: FormErrors; saved?: boolean; newsletterTicked?: boolean }) {
  const { db, clock, site } = ctx.deps;
  const own = await getOwnRegistration(db, program, viewer.contact);
  let refusal: string | undefined;
  if (!viewer.isMember) refusal = `${program.title} is for people at member companies. Your address is not linked to an active member company.`;
  else {
    try {
      checkRegistrationOpen(program, clock.now());
    } catch (error) {
      refusal = formErrorsOf(error).message;
    }
  }
  const draft = extra.draft ?? (own ? draftOfRegistration(own) : EMPTY_REGISTRATION_DRAFT);
  const deadline = program.registrationDeadline ? formatDate(ctx.locale.language, program.registrationDeadline) : null;
  return (
    <ProgramRegisterPage
      site={site}
      program={{ slug: program.slug, title: program.title, deadline }}
      role={role}
      csrf={viewer.csrf}
      draft={draft}
      sectors={await sectorChoices(db)}
      own={own}
      refusal={refusal}
      errors={extra.errors}
      saved={extra.saved}
      newsletterBox={!viewer.contact.subscribed}
      newsletterTicked={extra.newsletterTicked}
    />
  );
}

/** Programs: `/programs/<slug>`, and for signed-in members the registration form per role. */
export const programRoutes: readonly PublicRoute[] = [
  audienceRoute('/programs/:slug', 'one program (the Innovators Club), with registration for members', async (ctx) => {
    const found = await ctx.deps.content.programIn(ctx.slug(), ctx.locale.language);
    const program = found.value;
    // The panel is a personal part, filled per request for a signed-in contact (personal-fillers.tsx).
    const panel = await programPanelFor(ctx.deps, program, undefined);
    return ctx.document(<ProgramPage site={ctx.deps.site} program={viewProgram(program, ctx.audience, ctx.locale.language)} description={teaserSummary(program.body)} registration={panel} untranslated={!found.translated} />);
  }),

  personalRoute('GET', '/programs/:slug/register/:role', 'the registration form of a role (mentor, mentee)', async (ctx) => {
    const { program, role } = await programAndRole(ctx);
    if (!ctx.viewer) return signInFirst(ctx, program, `/programs/${program.slug}/register/${role}`);
    const saved = (ctx.request.query as Record<string, unknown>).saved;
    return ctx.page(await registerPageOf(ctx, program, role, ctx.viewer, { saved: saved === 'mailed' }));
  }),

  personalRoute('POST', '/programs/:slug/register/:role', 'save my registration (mails a confirmation)', async (ctx) => {
    const { program, role } = await programAndRole(ctx);
    const viewer = ctx.viewer;
    if (!viewer) return signInFirst(ctx, program, `/programs/${program.slug}/register/${role}`);
    const draft = registrationForm.parse(ctx.request.body ?? {});
    const newsletterTicked = newsletterBoxTicked(ctx.request.body);
    try {
      const { db, clock, site } = ctx.deps;
      // Signed in, so the address is proven: the box's newsletter consent is `confirmed` at once.
      const consent = { form: await formConsent(ctx, 'program_registration'), newsletter: newsletterTicked ? await formConsent(ctx, 'newsletter') : null };
      await registerForProgram({ db, clock, site }, program, viewer.contact, role, draft, consent);
      return ctx.redirect(`/programs/${program.slug}/register/${role}?saved=mailed`);
    } catch (error) {
      return ctx.formFailed(error, (errors) => registerPageOf(ctx, program, role, viewer, { draft, errors, newsletterTicked }));
    }
  }),

  personalRoute('POST', '/programs/:slug/register/withdraw', 'withdraw my registration', async (ctx) => {
    const program = await ctx.deps.content.program(ctx.slug());
    const path = `/programs/${program.slug}`;
    if (!ctx.viewer) return signInFirst(ctx, program, path);
    try {
      await withdrawRegistration(ctx.deps.db, ctx.deps.clock, program, ctx.viewer.contact);
    } catch (error) {
      return ctx.formFailed(error, (errors) => (
        <NoticePage site={ctx.deps.site} title={ctx.locale.t('forms.program.notWithdrawn')} path={path}>
          <p>{errors.message}</p>
          <p>
            <a href={ctx.locale.path(path)}>{ctx.locale.t('forms.program.backTo', { program: program.title })}</a>
          </p>
        </NoticePage>
      ));
    }
    return ctx.redirect(path);
  }),
];
