import type { IntroductionOrganization } from '../introductions/introductions.js';
import { ownIntroduction } from '../introductions/introductions.service.js';
import type { IntroductionPanel } from './pages/introduction-request.js';
import type { PublicDeps } from './public-route.js';
import type { Viewer } from './viewer.js';

/** The introduction request part of a profile for whoever reads it (a personal part: never in a cached page). */
export async function introductionPanelFor(deps: Pick<PublicDeps, 'db'>, organization: IntroductionOrganization, viewer: Viewer | undefined): Promise<IntroductionPanel> {
  if (!viewer) return { kind: 'signed-out' };
  if (!viewer.isMember) return { kind: 'not-member' };
  return { kind: 'member', csrf: viewer.csrf, own: await ownIntroduction(deps.db, viewer.contact.id, organization.id) };
}
