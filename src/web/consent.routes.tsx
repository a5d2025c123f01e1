import type { Database } from '../db/database.js';
import { newsletterAnsweredBy } from '../consent/consent.service.js';
import { giveNewsletterConsent } from '../members/subscriptions.service.js';
import type { Contact } from '../members/members.js';
import { formConsent } from './consent-origin.js';
import { ConsentPrompt } from './pages/consent-parts.js';
import { personalRoute, type PublicContext, type PublicRoute } from './public-route.js';

// The consent path for the existing list (docs/members.md, "Consent"): a contact with no
// newsletter consent on record (never confirmed, never withdrawn) is asked once on /account,
// where sign-in leads them; one click records `confirmed` and subscribes them. Someone who
// withdrew is not asked again: the account page's box subscribes them if they change their mind.

/** Whether a contact has no newsletter confirmation or withdrawal in the ledger. */
export async function needsConsentPrompt(db: Database, contactId: number): Promise<boolean> {
  return !(await newsletterAnsweredBy(db, contactId));
}

/** The prompt for the account page, its thank-you after the click, or nothing. */
export async function consentPromptOf(ctx: PublicContext, contact: Contact) {
  const done = (ctx.request.query as Record<string, unknown>).consented === '1';
  if (!done && !(await needsConsentPrompt(ctx.deps.db, contact.id))) return null;
  return <ConsentPrompt site={ctx.deps.site} csrf={ctx.csrf} done={done} />;
}

export const consentRoutes: readonly PublicRoute[] = [
  personalRoute('POST', '/account/consent', 'give newsletter consent in one click (the consent prompt)', async (ctx) => {
    if (!ctx.viewer) return ctx.redirect('/login');
    await giveNewsletterConsent(ctx.deps.db, ctx.deps.clock, ctx.viewer.contact.id, await formConsent(ctx, 'newsletter'));
    return ctx.redirect('/account?consented=1');
  }),
];
