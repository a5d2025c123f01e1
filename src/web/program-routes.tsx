import { formErrorsOf } from '../lib/form-errors.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Conflict, Forbidden, NotFound } from '../lib/errors.js';
import { PROGRAM_ROLES, type Program, type ProgramRole } from '../programs/programs.js';
import { deadlineText, draftOfRegistration, EMPTY_REGISTRATION_DRAFT, registrationOpen, type RegistrationDraft } from '../programs/registrations.js';
import { checkRegistrationOpen, getOwnRegistration, registerForProgram, sectorChoices, withdrawRegistration } from '../programs/registrations.service.js';
import { csrfTokenForRequest } from '../lib/request-security.js';
import { ProgramPage } from './pages/program.page.js';
import { ProgramRegisterPage, type RegistrationPanel } from './pages/program-register.page.js';
import type { FieldErrors } from './pages/program-fields.js';
import { NoticePage } from './pages/member.pages.js';
import { renderDocument, type AreaRoutesOptions } from './routes.js';
import { sessionContact, viewerOf, type Viewer } from './viewer.js';
import { teaserSummary } from '../content/audience.js';
import { viewProgram } from '../programs/program-view.js';

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

/** Programs: `/programs/<slug>`, and for signed-in members the registration form per role. */
export function registerProgramPages(app: FastifyInstance, { site, content, pages, members }: AreaRoutesOptions): void {
  const { db, clock, mailer } = members;

  app.get('/programs/:slug', pages.cached(async (request, target) => {
    const program = await content.program(pages.slugOf(request));
    const deadline = program.registrationDeadline ? deadlineText(program.registrationDeadline) : null;
    // The public page is cached and shared, so it says nothing that depends on the time or the reader.
    let panel: RegistrationPanel = { kind: 'public', roles: program.roles, deadline };
    if (target.viewer) {
      panel = target.viewer.isMember
        ? { kind: 'member', roles: program.roles, deadline, open: registrationOpen(program, clock.now()), own: await getOwnRegistration(db, program, target.viewer.contact) }
        : { kind: 'not-member' };
    }
    const page = <ProgramPage site={site} program={viewProgram(program, target.audience)} description={teaserSummary(program.body)} registration={panel} />;
    return { body: renderDocument(page, target.viewer) };
  }));

  /** The signed-in member and the program, or a page saying what to do instead. */
  const personal = async (request: FastifyRequest, reply: FastifyReply) => {
    const parsed = roleParams.safeParse({ ...(request.params as object), slug: pages.slugOf(request) });
    if (!parsed.success) throw new NotFound('There is no page at this address.');
    const { slug, role } = parsed.data;
    const program = await content.program(slug);
    if (!program.roles.includes(role)) throw new NotFound(`${program.title} has no ${role} role.`);
    const signedIn = await sessionContact(db, clock, request);
    const viewer = signedIn ? viewerOf(signedIn.contact, csrfTokenForRequest(request, reply, members.secretKey, members.secureCookies)) : undefined;
    return { program, role, viewer };
  };

  const send = (reply: FastifyReply, html: string, status = 200) =>
    reply.code(status).header('cache-control', 'private, no-store').header('vary', 'Cookie').type('text/html; charset=utf-8').send(html);

  const signInFirst = (reply: FastifyReply, program: Program, path: string) =>
    send(
      reply,
      renderDocument(
        <NoticePage site={site} title={`Sign in to register for ${program.title}`} path={path}>
          <p>Registration is for people at member companies. Sign in with the address we send the newsletter to, then open this page again.</p>
          <p>
            <a class="button" href="/login">
              Member sign-in
            </a>
          </p>
        </NoticePage>,
      ),
    );

  const formPage = async (reply: FastifyReply, program: Program, role: ProgramRole, viewer: Viewer, extra: { draft?: RegistrationDraft; errors?: FieldErrors; saved?: 'mailed' | 'not-mailed' }, status = 200) => {
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
    const deadline = program.registrationDeadline ? deadlineText(program.registrationDeadline) : null;
    const page = (
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
      />
    );
    return send(reply, renderDocument(page, viewer), refusal && status === 200 ? 200 : status);
  };

  app.get('/programs/:slug/register/:role', async (request, reply) => {
    const { program, role, viewer } = await personal(request, reply);
    if (!viewer) return signInFirst(reply, program, `/programs/${program.slug}/register/${role}`);
    const saved = (request.query as Record<string, unknown>).saved;
    return formPage(reply, program, role, viewer, { saved: saved === 'mailed' || saved === 'not-mailed' ? saved : undefined });
  });

  app.post('/programs/:slug/register/:role', async (request, reply) => {
    const { program, role, viewer } = await personal(request, reply);
    if (!viewer) return signInFirst(reply, program, `/programs/${program.slug}/register/${role}`);
    const draft = registrationForm.parse(request.body ?? {});
    try {
      const outcome = await registerForProgram({ db, clock, mailer, site }, program, viewer.contact, role, draft);
      return reply.code(303).header('cache-control', 'no-store').redirect(`/programs/${program.slug}/register/${role}?saved=${outcome.confirmationSent ? 'mailed' : 'not-mailed'}`);
    } catch (error) {
      const status = error instanceof Conflict ? 409 : error instanceof Forbidden ? 403 : 400;
      return formPage(reply, program, role, viewer, { draft, errors: formErrorsOf(error) }, status);
    }
  });

  app.post('/programs/:slug/register/withdraw', async (request, reply) => {
    const program = await content.program(pages.slugOf(request));
    const signedIn = await sessionContact(db, clock, request);
    const path = `/programs/${program.slug}`;
    if (!signedIn) return signInFirst(reply, program, path);
    try {
      await withdrawRegistration(db, clock, program, signedIn.contact);
    } catch (error) {
      const viewer = viewerOf(signedIn.contact, csrfTokenForRequest(request, reply, members.secretKey, members.secureCookies));
      const page = (
        <NoticePage site={site} title="Your registration was not withdrawn" path={path}>
          <p>{formErrorsOf(error).message}</p>
          <p>
            <a href={path}>Back to {program.title}</a>
          </p>
        </NoticePage>
      );
      return send(reply, renderDocument(page, viewer), error instanceof Conflict ? 409 : 400);
    }
    return reply.code(303).header('cache-control', 'no-store').redirect(path);
  });
}
