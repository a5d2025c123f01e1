import type { FastifyRequest } from 'fastify';
import { introductionOrganization } from '../introductions/introductions.service.js';
import { DONE_NOTICES, panelFor } from './event-page.js';
import { introductionPanelFor } from './introduction-panel.js';
import { IntroductionRequestForm } from './pages/introduction-request.js';
import { MembersNoticeFor, SiteActionsFor } from './layout.js';
import { EventNotice, Registration } from './pages/events.page.js';
import { ProgramRegistrationPanel } from './pages/program-register.page.js';
import { renderForViewer, type PersonalFillers, type RenderedPart } from './personal-parts.js';
import type { Locale } from './locale.js';
import { programPanelFor } from './program-panel.js';
import type { PublicDeps } from './public-route.js';

/**
 * The header's buttons depend on nothing but the viewer's CSRF token (itself bound to the
 * session), so they are rendered once per token and kept, a few thousand at most.
 */
const siteActions = new Map<string, RenderedPart>();
const SITE_ACTIONS_KEPT = 5000;

/** What fills each personal part of a cached page for the request's viewer, and nobody else's. */
export function personalFillers(deps: PublicDeps, request: FastifyRequest, locale: Locale): PersonalFillers {
  return {
    'site-actions': (viewer) => {
      const key = `${locale.language}|${viewer.csrf}`;
      let part = siteActions.get(key);
      if (!part) {
        part = renderForViewer(<SiteActionsFor />, viewer, locale);
        if (siteActions.size >= SITE_ACTIONS_KEPT) siteActions.delete(siteActions.keys().next().value!);
        siteActions.set(key, part);
      }
      return part;
    },
    'members-notice': (_viewer, props) => <MembersNoticeFor what={props.what} contactEmail={props.contactEmail} />,
    'event-notice': () => <EventNotice notice={DONE_NOTICES[String((request.query as Record<string, unknown>).done ?? '')] ?? null} />,
    'event-registration': async (viewer, props) => {
      const event = await deps.content.event(props.slug);
      return <Registration slug={event.slug} panel={await panelFor(deps, event, viewer)} />;
    },
    'program-registration': async (viewer, props) => {
      const program = await deps.content.program(props.slug);
      return <ProgramRegistrationPanel slug={program.slug} panel={await programPanelFor(deps, program, viewer)} />;
    },
    'introduction-request': async (viewer, props) => {
      const organization = await introductionOrganization(deps.db, props.slug);
      return <IntroductionRequestForm site={deps.site} organization={organization} panel={await introductionPanelFor(deps, organization, viewer)} />;
    },
  };
}
