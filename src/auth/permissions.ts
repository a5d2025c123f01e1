import { ROLES, type Role } from '../db/tables/staff.js';

// Staff roles (from most to least powerful) are declared once, with the table types.
export { ROLES, type Role } from '../db/tables/staff.js';

/**
 * The one permission table. Contributors draft, editors publish, admins manage people and
 * sending, the owner everything. Every admin route names one of these.
 */
export const PERMISSIONS = {
  /** See the desk: dashboard, lists, previews. */
  view_desk: ['owner', 'admin', 'editor', 'contributor'],
  /** Create stories, events, programs, reports and draft issues; edit what is not public. */
  draft_content: ['owner', 'admin', 'editor', 'contributor'],
  /** Publish, unpublish and schedule issues; change what is public (issues/publicity.service.ts); delete content. */
  publish_content: ['owner', 'admin', 'editor'],
  /** Companies, contacts, CSV import and export. */
  manage_people: ['owner', 'admin'],
  /** Audiences: segments (saved filters over contacts) with their counts; a sample's names and addresses need manage_people too (admin/audiences). */
  manage_audiences: ['owner', 'admin', 'editor'],
  /** The outbox, deliveries (send, schedule, pause, cancel, reports) and suppressions. */
  manage_sending: ['owner', 'admin'],
  /** Event registrations and check-in, speaker calls, program registrations and matching. */
  manage_registrations: ['owner', 'admin', 'editor'],
  /** Organisations and their profiles in the innovators directory, with their contact persons (admin/organizations). */
  manage_organizations: ['owner', 'admin', 'editor'],
  /** The inquiries inbox (messages sent through /contact). */
  manage_inquiries: ['owner', 'admin', 'editor'],
  /** Innovator introductions: triage, notes, assignees, sending a request to an innovator's contact person (who are shown here only). */
  manage_introductions: ['owner', 'admin', 'editor'],
  /** The curation inbox: its sources, rules, items (star, dismiss, assign, note, boards) and promoting items into draft stories (admin/curation). */
  manage_curation: ['owner', 'admin', 'editor', 'contributor'],
  /** Staff accounts below one's own role. */
  manage_staff: ['owner', 'admin'],
  /** The site settings: organisation, imprint and privacy texts, privacy switches, retention (admin/settings.routes.tsx). */
  manage_site: ['owner', 'admin'],
  /** The quarter's impact page and its CSV (admin/engagement/impact.routes.tsx): aggregate figures, human clicks, no person. */
  view_impact: ['owner', 'admin', 'editor'],
  /** The activity log. */
  read_activity: ['owner', 'admin', 'editor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether a role holds a permission. */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Whether an actor of `actor` role may create or change an account of `target` role. */
export function canManageRole(actor: Role, target: Role): boolean {
  if (actor === 'owner') return true;
  return can(actor, 'manage_staff') && ROLES.indexOf(target) > ROLES.indexOf(actor);
}

/** Parses a role name, or undefined. */
export function parseRole(value: string): Role | undefined {
  return (ROLES as readonly string[]).includes(value) ? (value as Role) : undefined;
}
