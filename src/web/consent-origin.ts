import { consentWording, type ConsentNetwork, type ConsentSource, type WordedPurpose } from '../consent/consent.js';
import { consentNetwork } from '../consent/consent.service.js';
import { clientAddress } from '../lib/request-security.js';
import type { PublicContext } from './public-route.js';

// What a public form tells the consent ledger about itself: its path (as requested, without the
// query: `/de/subscribe`), the exact sentence it showed in the reader's language, and the
// client's address and browser only while the network log is on.

/** The client's IP address and user agent, or null while the network log is off. */
export async function networkOf(ctx: Pick<PublicContext, 'deps' | 'request'>): Promise<ConsentNetwork | null> {
  const header = ctx.request.headers['user-agent'];
  return consentNetwork(await ctx.deps.consentNetworkLog(), clientAddress(ctx.request), typeof header === 'string' ? header : null);
}

/** The ledger's source for a form submitted now, showing the sentence of `purpose` (or none). */
export async function formConsent(ctx: Pick<PublicContext, 'deps' | 'request' | 'locale'>, purpose: WordedPurpose | null): Promise<ConsentSource> {
  return {
    kind: 'form',
    source: ctx.request.url.split('?')[0] ?? '/',
    wording: purpose ? consentWording(purpose, ctx.locale.language, ctx.deps.site.name) : null,
    network: await networkOf(ctx),
  };
}
