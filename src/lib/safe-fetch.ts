import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, request } from 'undici';

// The one way the server fetches an address someone typed (a feed, an article, an image): the
// SSRF guard. Only http(s); the host name is resolved by the connection itself and every address
// it resolves to is checked there, so the address checked is the address connected to (no DNS
// rebinding between a check and the connect); redirects are followed here, one hop at a time,
// each hop checked again; the body and the whole exchange are bounded. Private, loopback,
// link-local, unique-local, mapped, unspecified, multicast and reserved addresses are refused
// unless the host is named in the allow list (FETCH_ALLOW_HOSTS; tests name 127.0.0.1).

/** Why a fetch failed, as a stable code (never branch on the message). */
export type FetchFailure = 'bad_url' | 'scheme' | 'address' | 'too_large' | 'timeout' | 'redirects' | 'network';

/** A fetch that was refused or did not complete. */
export class FetchFailed extends Error {
  constructor(
    readonly reason: FetchFailure,
    message: string,
  ) {
    super(message);
    this.name = 'FetchFailed';
  }
}

/** What one fetch asks for. */
export interface SafeFetchRequest {
  /** GET (the default), or HEAD to learn where an address leads without its body. */
  readonly method?: 'GET' | 'HEAD';
  /** Largest body accepted, in bytes; a longer one is cut off and the fetch fails with `too_large`. */
  readonly maxBytes?: number;
  /** The whole exchange (every redirect hop and the body) must finish within this. */
  readonly timeoutMs?: number;
  readonly accept?: string;
  /** Conditional GET: the ETag and Last-Modified of the copy we have. */
  readonly ifNoneMatch?: string | null;
  readonly ifModifiedSince?: string | null;
  readonly maxRedirects?: number;
}

/** The answer: its status (a 304 has an empty body), lower-case headers, body and the address it came from. */
export interface SafeFetchResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** The address after redirects. */
  readonly finalUrl: string;
  /** Every address visited before `finalUrl`, in order. */
  readonly redirects: readonly string[];
}

/** A resolver with the shape of `dns.lookup` with `all: true` (tests pass their own). */
export type Resolve = (hostname: string) => Promise<readonly LookupAddress[]>;

/** How a fetcher is built: the allow list, and optionally a resolver and a user agent. */
export interface SafeFetcherOptions {
  /** Host names or addresses exempt from the address check (FETCH_ALLOW_HOSTS). */
  readonly allowHosts?: readonly string[];
  readonly resolve?: Resolve;
  readonly userAgent?: string;
}

/** A guarded fetcher with its own connection pool; `close` ends the pool. */
export interface SafeFetcher {
  fetch(url: string, request?: SafeFetchRequest): Promise<SafeFetchResponse>;
  close(): Promise<void>;
}

const DEFAULTS = { maxBytes: 5 * 1024 * 1024, timeoutMs: 15_000, maxRedirects: 5 } as const;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Whether an address may be connected to: only globally routable unicast addresses pass. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  // Everything but 'unicast' is refused: private, loopback, linkLocal, uniqueLocal, ipv4Mapped
  // (a v4 address in v6 clothes), 6to4/teredo/rfc6052 (which embed v4 addresses), unspecified,
  // multicast, broadcast, carrier-grade NAT, reserved and documentation ranges.
  return parsed.range() === 'unicast';
}

function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Builds a guarded fetcher (one connection pool); the feed poller and the image import each keep one. */
export function createSafeFetcher(options: SafeFetcherOptions = {}): SafeFetcher {
  const allowed = new Set((options.allowHosts ?? []).map(bareHost));
  const resolve = options.resolve ?? systemResolve;

  // Called by the socket itself when it connects: the addresses checked are the ones it uses.
  const lookup = (hostname: string, lookupOptions: { all?: boolean }, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
        if (!allowed.has(bareHost(hostname))) {
          const refused = addresses.find((entry) => !isPublicAddress(entry.address));
          if (refused) return callback(new AddressRefused(hostname, refused.address), []);
        }
        if (lookupOptions.all) callback(null, [...addresses]);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
  const agent = new Agent({ connect: { lookup: lookup as never }, headersTimeout: DEFAULTS.timeoutMs, bodyTimeout: DEFAULTS.timeoutMs });

  async function fetchOnce(url: string, wanted: SafeFetchRequest): Promise<SafeFetchResponse> {
    const maxBytes = wanted.maxBytes ?? DEFAULTS.maxBytes;
    const maxRedirects = wanted.maxRedirects ?? DEFAULTS.maxRedirects;
    const signal = AbortSignal.timeout(wanted.timeoutMs ?? DEFAULTS.timeoutMs);
    const headers: Record<string, string> = { 'accept-encoding': 'identity', 'user-agent': options.userAgent ?? 'InnovationInsights/1 (+feed reader)' };
    if (wanted.accept) headers.accept = wanted.accept;
    if (wanted.ifNoneMatch) headers['if-none-match'] = wanted.ifNoneMatch;
    if (wanted.ifModifiedSince) headers['if-modified-since'] = wanted.ifModifiedSince;

    const visited: string[] = [];
    let current = checkUrl(url, allowed);
    for (;;) {
      const send = () => request(current, { method: wanted.method ?? 'GET', headers, dispatcher: agent, signal });
      // A kept-alive connection the server closed just as we reused it: GET and HEAD are safe to send once more.
      const answer = await send()
        .catch((error: unknown) => (isStaleConnection(error) && !signal.aborted ? send() : Promise.reject(error)))
        .catch((error: unknown) => {
          throw asFetchFailed(error, signal);
        });
      const location = headerValue(answer.headers.location);
      if (REDIRECTS.has(answer.statusCode) && location) {
        await answer.body.dump().catch(() => undefined);
        if (visited.length >= maxRedirects) throw new FetchFailed('redirects', `more than ${maxRedirects} redirects`);
        visited.push(current.href);
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new FetchFailed('bad_url', 'a redirect points to an address that is not a URL');
        }
        current = checkUrl(next.href, allowed);
        continue;
      }
      const declared = Number(headerValue(answer.headers['content-length']) ?? NaN);
      if (wanted.method !== 'HEAD' && Number.isFinite(declared) && declared > maxBytes) {
        answer.body.destroy();
        throw new FetchFailed('too_large', `the answer is larger than ${maxBytes} bytes`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of answer.body) {
          size += (chunk as Buffer).length;
          if (size > maxBytes) {
            answer.body.destroy();
            throw new FetchFailed('too_large', `the answer is larger than ${maxBytes} bytes`);
          }
          chunks.push(chunk as Buffer);
        }
      } catch (error) {
        throw asFetchFailed(error, signal);
      }
      const flat: Record<string, string> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        const text = headerValue(value);
        if (text !== undefined) flat[name.toLowerCase()] = text;
      }
      return { status: answer.statusCode, headers: flat, body: Buffer.concat(chunks), finalUrl: current.href, redirects: visited };
    }
  }

  return {
    fetch: (url, wanted = {}) => fetchOnce(url, wanted),
    close: () => agent.close(),
  };
}

class AddressRefused extends Error {
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} resolves to ${address}, which is not a public address`);
  }
}

/** Parses and checks one hop's address: the scheme, and an address literal (a literal is never looked up). */
function checkUrl(url: string, allowed: ReadonlySet<string>): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchFailed('bad_url', 'not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new FetchFailed('scheme', 'only http and https addresses can be fetched');
  if (parsed.username || parsed.password) throw new FetchFailed('bad_url', 'addresses with a user name or password are not fetched');
  const host = bareHost(parsed.hostname);
  if (isIP(host) && !allowed.has(host) && !isPublicAddress(host)) throw new FetchFailed('address', `${host} is not a public address`);
  return parsed;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function isStaleConnection(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE';
}

function asFetchFailed(error: unknown, signal: AbortSignal): FetchFailed {
  if (error instanceof FetchFailed) return error;
  if (signal.aborted) return new FetchFailed('timeout', 'the answer took too long');
  const cause = findCause(error);
  if (cause instanceof AddressRefused) return new FetchFailed('address', cause.message);
  const code = (error as { code?: string }).code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return new FetchFailed('timeout', 'the answer took too long');
  const message = cause instanceof Error ? cause.message : String(error);
  return new FetchFailed('network', message);
}

function findCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof AddressRefused) return current;
    if (!current.cause) return current;
    current = current.cause;
  }
  return current;
}
