import type { ContactIdentity } from './members.js';

// A member contact's private feed link (docs/feeds.md, "Private feed"): the one token-authenticated
// exception to "members-only text never on a public surface". The token is shown once, when the
// link is made; only its SHA-256 is stored, so afterwards the account page can say that a link
// exists and when it was made, never what it is.

/** That a contact has a feed link, and since when (the token itself is not stored). */
export interface PrivateFeedLink {
  readonly createdAt: string;
}

/** Whether a contact may have and read a private feed now, and if not, why. */
export type PrivateFeedAccess = 'yes' | 'not-member';

/** Who may read a private feed right now: a contact of an active member company who receives the newsletter. */
export type PrivateFeedReader = ContactIdentity;
