// An item's canonical address: what two links to the same article have in common once the
// tracking is taken off. Lower-case scheme and host, no default port, no fragment, no tracking
// parameters (utm_*, click ids, mailing-list ids), the remaining parameters in a stable order.

const TRACKING_EXACT = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'igshid', 'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok',
  'ref', 'ref_src', 'ref_url', 'cmpid', 'ncid', 'sr_share', 'spm', 'ito', 'guccounter', 'oly_anon_id', 'oly_enc_id',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'vero_', '__'];

/** Whether a query parameter only tracks the reader. */
export function isTrackingParameter(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_EXACT.has(key) || TRACKING_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** The canonical form of an http(s) address, or undefined when it is not one. */
export function canonicalUrl(address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParameter(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = '';
  for (const [name, value] of kept) url.searchParams.append(name, value);
  // "https://x.org/a/" and "https://x.org/a" are one page on nearly every site; the root keeps its slash.
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return url.href;
}
