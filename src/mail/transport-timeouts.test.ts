import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailTransport, DEFAULT_SMTP_TIMEOUTS } from './transport.js';
import { loadConfig } from '../config.js';
import { Invalid } from '../lib/errors.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof Invalid) return error.problems.map((problem) => problem.where ?? '');
    throw error;
  }
  return [];
}

// A server on 127.0.0.1 that accepts connections and never says a word: each message fails
// after the greeting timeout, and the pool's connections time out side by side, so ten
// messages over five connections cost two timeouts, not ten.

describe('SMTP timeouts against a server that never answers', () => {
  let server: Server;
  let port = 0;
  const sockets = new Set<Socket>();
  let connections = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fails each message after the greeting timeout, one timeout per connection slot at a time', async () => {
    const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, outboxDir: '/nonexistent', concurrency: 5, dkim: undefined, timeouts: { connectMs: 1000, greetingMs: 600, socketMs: 1000 } });
    try {
      const started = performance.now();
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) => transport.send({ from: 'a@insights.test', to: `r${i}@example.org`, subject: 's', text: 't', html: '<p>t</p>', headers: {}, messageId: `<m${i}@insights.test>`, returnPath: 'b@insights.test' })),
      );
      const elapsed = performance.now() - started;
      for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: false, permanent: false, scope: 'sender' });
      // Ten messages in series would take 6 s; five slots side by side take two rounds.
      expect(elapsed).toBeGreaterThanOrEqual(550);
      expect(elapsed).toBeLessThan(3000);
      expect(connections).toBeGreaterThanOrEqual(2);
    } finally {
      transport.close();
    }
  }, 20_000);

  it('reads the three timeouts in seconds, with defaults well under a minute and under the lease', () => {
    const dir = mkdtempSync(join(tmpdir(), 'insights-timeouts-'));
    expect(loadConfig({ DATA_DIR: dir }).smtpTimeouts).toEqual(DEFAULT_SMTP_TIMEOUTS);
    expect(loadConfig({ DATA_DIR: dir, SMTP_CONNECT_TIMEOUT_SECONDS: '3', SMTP_GREETING_TIMEOUT_SECONDS: '4', SMTP_SOCKET_TIMEOUT_SECONDS: '5.5' }).smtpTimeouts).toEqual({ connectMs: 3000, greetingMs: 4000, socketMs: 5500 });
    expect(problemsOf(() => loadConfig({ DATA_DIR: dir, SMTP_SOCKET_TIMEOUT_SECONDS: 'soon' }))).toEqual(['SMTP_SOCKET_TIMEOUT_SECONDS']);
    expect(Math.max(...Object.values(DEFAULT_SMTP_TIMEOUTS))).toBeLessThan(60_000);
  });
});
