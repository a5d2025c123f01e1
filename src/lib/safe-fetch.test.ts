import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeFetcher, FetchFailed, isPublicAddress, type Resolve, type SafeFetcher } from './safe-fetch.js';

// The SSRF guard against real local HTTP servers: every refusal is checked by the fetch failing
// with its code and, where a connection would be the harm, by the target server never seeing it.

let server: Server;
let base: string;
let port: number;
const seen: string[] = [];

function handle(req: IncomingMessage, res: ServerResponse): void {
  seen.push(req.url ?? '');
  const url = new URL(req.url ?? '/', 'http://x');
  switch (url.pathname) {
    case '/ok':
      res.writeHead(200, { 'content-type': 'text/plain', etag: '"v1"' });
      res.end(`hello ${req.headers.accept ?? ''}`);
      return;
    case '/conditional':
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
        return;
      }
      res.writeHead(200, { etag: '"v1"', 'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT' });
      res.end('fresh');
      return;
    case '/redirect':
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/ok' });
      res.end();
      return;
    case '/loop':
      res.writeHead(301, { location: '/loop' });
      res.end();
      return;
    case '/huge':
      // No content-length: the body streams until the client cuts it.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      for (let i = 0; i < 64; i++) res.write(Buffer.alloc(64 * 1024, 97));
      res.end();
      return;
    case '/huge-declared':
      res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
      res.write('start');
      return; // never ends; the client refuses on the header
    case '/slow':
      setTimeout(() => {
        if (!res.destroyed) res.end('late');
      }, 3000);
      return;
    case '/trickle': {
      res.writeHead(200);
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('.')), 100);
      setTimeout(() => clearInterval(timer), 5000);
      return;
    }
    default:
      res.writeHead(404);
      res.end('no');
  }
}

const localResolve: Resolve = async (hostname) => {
  if (hostname === 'localhost' || hostname === 'rebind.example') return [{ address: '127.0.0.1', family: 4 }];
  if (hostname === 'mixed.example') return [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }];
  if (hostname === 'mapped.example') return [{ address: '::ffff:127.0.0.1', family: 6 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

let allowed: SafeFetcher;
let strict: SafeFetcher;

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  allowed = createSafeFetcher({ allowHosts: ['127.0.0.1'], resolve: localResolve });
  strict = createSafeFetcher({ resolve: localResolve });
});

afterAll(async () => {
  await allowed.close();
  await strict.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<FetchFailed> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FetchFailed);
  return error as FetchFailed;
}

describe('isPublicAddress', () => {
  it('passes global unicast addresses only', () => {
    expect(isPublicAddress('93.184.216.34')).toBe(true);
    expect(isPublicAddress('2606:4700::1111')).toBe(true);
    for (const address of [
      '127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '224.0.0.1', '255.255.255.255', '100.64.0.1',
      '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:8.8.8.8', '64:ff9b::7f00:1', '2002:7f00:1::1', 'not an address',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });
});

describe('a guarded fetch', () => {
  it('returns the status, headers, body and final address of an allowed host', async () => {
    const answer = await allowed.fetch(`${base}/ok`, { accept: 'text/plain' });
    expect(answer.status).toBe(200);
    expect(answer.headers.etag).toBe('"v1"');
    expect(answer.body.toString()).toBe('hello text/plain');
    expect(answer.finalUrl).toBe(`${base}/ok`);
    expect(answer.redirects).toEqual([]);
  });

  it('sends the conditional headers and hands back a 304 with an empty body', async () => {
    const fresh = await allowed.fetch(`${base}/conditional`);
    expect(fresh.status).toBe(200);
    const again = await allowed.fetch(`${base}/conditional`, { ifNoneMatch: fresh.headers.etag, ifModifiedSince: fresh.headers['last-modified'] });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('refuses loopback unless the host is allowed, before connecting', async () => {
    const before = seen.length;
    expect((await failure(strict.fetch(`${base}/ok`))).reason).toBe('address');
    expect((await failure(strict.fetch(`http://[::1]:${port}/ok`))).reason).toBe('address');
    expect((await failure(strict.fetch('http://169.254.169.254/latest/meta-data/'))).reason).toBe('address');
    expect(seen.length).toBe(before);
  });

  it('refuses a host name that resolves to a private address at connect time (DNS rebinding)', async () => {
    const before = seen.length;
    const refused = await failure(strict.fetch(`http://rebind.example:${port}/ok`));
    expect(refused.reason).toBe('address');
    expect(refused.message).toContain('127.0.0.1');
    // One public and one private answer: refused as a whole, whichever the socket would pick.
    expect((await failure(strict.fetch(`http://mixed.example:${port}/ok`))).reason).toBe('address');
    expect((await failure(strict.fetch(`http://mapped.example:${port}/ok`))).reason).toBe('address');
    expect(seen.length).toBe(before);
  });

  it('connects to what the connect-time lookup answered when the name is allowed', async () => {
    const named = createSafeFetcher({ allowHosts: ['rebind.example'], resolve: localResolve });
    try {
      const answer = await named.fetch(`http://rebind.example:${port}/ok`);
      expect(answer.status).toBe(200);
      expect(answer.body.toString()).toBe('hello ');
    } finally {
      await named.close();
    }
  });

  it('follows redirects itself and checks every hop again', async () => {
    const followed = await allowed.fetch(`${base}/redirect?to=/ok`);
    expect(followed.status).toBe(200);
    expect(followed.finalUrl).toBe(`${base}/ok`);
    expect(followed.redirects).toEqual([`${base}/redirect?to=/ok`]);

    const before = seen.length;
    const toName = await failure(allowed.fetch(`${base}/redirect?to=${encodeURIComponent(`http://localhost:${port}/ok`)}`));
    expect(toName.reason).toBe('address');
    const toMetadata = await failure(allowed.fetch(`${base}/redirect?to=${encodeURIComponent('http://169.254.169.254/')}`));
    expect(toMetadata.reason).toBe('address');
    const toFile = await failure(allowed.fetch(`${base}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`));
    expect(toFile.reason).toBe('scheme');
    // Only the redirecting requests arrived; the refused targets were never asked.
    expect(seen.slice(before).every((url) => url.startsWith('/redirect'))).toBe(true);
  });

  it('stops after a bounded number of redirects', async () => {
    const looped = await failure(allowed.fetch(`${base}/loop`, { maxRedirects: 3 }));
    expect(looped.reason).toBe('redirects');
  });

  it('refuses other schemes and malformed addresses', async () => {
    expect((await failure(allowed.fetch('ftp://127.0.0.1/x'))).reason).toBe('scheme');
    expect((await failure(allowed.fetch('javascript:alert(1)'))).reason).toBe('scheme');
    expect((await failure(allowed.fetch('not a url'))).reason).toBe('bad_url');
    expect((await failure(allowed.fetch(`http://user:pw@127.0.0.1:${port}/ok`))).reason).toBe('bad_url');
  });

  it('cuts a body that grows past the limit, and refuses one declared too large', async () => {
    expect((await failure(allowed.fetch(`${base}/huge`, { maxBytes: 256 * 1024 }))).reason).toBe('too_large');
    expect((await failure(allowed.fetch(`${base}/huge-declared`, { maxBytes: 1024 * 1024 }))).reason).toBe('too_large');
    const whole = await allowed.fetch(`${base}/huge`, { maxBytes: 8 * 1024 * 1024 });
    expect(whole.body.length).toBe(64 * 64 * 1024);
  });

  it('times out a slow answer and a trickling body within the total time', async () => {
    const started = Date.now();
    expect((await failure(allowed.fetch(`${base}/slow`, { timeoutMs: 300 }))).reason).toBe('timeout');
    expect((await failure(allowed.fetch(`${base}/trickle`, { timeoutMs: 400 }))).reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('reports an unreachable host as a network failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect((await failure(allowed.fetch(`http://127.0.0.1:${closedPort}/`))).reason).toBe('network');
    expect((await failure(allowed.fetch(`http://nowhere.example:${closedPort}/`))).reason).toBe('network');
  });
});
