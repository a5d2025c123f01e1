import type { Program } from '../programs/programs.js';
import { registrationOpen } from '../programs/registrations.js';
import { getOwnRegistration } from '../programs/registrations.service.js';
import type { RegistrationPanel } from './pages/program-register.page.js';
import type { PublicDeps } from './public-route.js';
import type { Viewer } from './viewer.js';

/**
 * A program page's registration panel for whoever reads it. Whether registration is open is
 * decided now: a cached public page is at most 60 s old (page-cache.ts), so it invites nobody
 * to register for long after the deadline.
 */
export async function programPanelFor(deps: PublicDeps, program: Program, viewer: Viewer | undefined): Promise<RegistrationPanel> {
  // The last day to register, formatted in the reader's language by the panel.
  const deadline = program.registrationDeadline;
  const open = registrationOpen(program, deps.clock.now());
  if (!viewer) return { kind: 'public', roles: program.roles, open, deadline };
  if (!viewer.isMember) return { kind: 'not-member' };
  return { kind: 'member', roles: program.roles, deadline, open, own: await getOwnRegistration(deps.db, program, viewer.contact) };
}
