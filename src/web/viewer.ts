import { createContext } from 'preact';
import type { FastifyRequest } from 'fastify';
import { useContext } from 'preact/hooks';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { COOKIES } from '../lib/request-security.js';
import { resumeContactSession } from '../members/contacts.service.js';
import { isMember, type ContactIdentity } from '../members/members.js';

/** The signed-in contact a personal page is rendered for. */
export interface Viewer {
  readonly contact: ContactIdentity;
  /** True while the contact's company membership is active: they see members-only text. */
  readonly isMember: boolean;
  /** The CSRF token for the sign-out button in the header. */
  readonly csrf: string;
}

/** Pages read the viewer from context, so page props stay the same for public and personal renders. */
export const ViewerContext = createContext<Viewer | undefined>(undefined);

/** The viewer of the page being rendered, or undefined on public (cacheable) renders. */
export function useViewer(): Viewer | undefined {
  return useContext(ViewerContext);
}

/** The contact behind a request's member session cookie, or undefined (no cookie, expired, removed). */
export async function sessionContact(db: Database, clock: Clock, request: FastifyRequest): Promise<{ contact: ContactIdentity; token: string } | undefined> {
  const token = request.cookies[COOKIES.member];
  if (!token) return undefined;
  const contact = await resumeContactSession(db, clock, token);
  return contact && { contact, token };
}

/** Builds the viewer of a signed-in contact. */
export function viewerOf(contact: ContactIdentity, csrf: string): Viewer {
  return { contact, isMember: isMember(contact), csrf };
}
