import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { recordInbound, type InboundResult } from './bounces.service.js';

// The bounce intake: a small SMTP server (BOUNCE_HOST:BOUNCE_PORT) that takes mail only for
// `bounces+<token>@…` and `unsubscribe+<token>@…` and records it. Point the MX of the bounce
// domain (or a transport rule of your MTA) at it; see docs/delivery.md.

export interface IntakeServer {
  readonly port: number;
  close(): Promise<void>;
}

const ACCEPTED = /^(bounces|unsubscribe)\+[0-9a-z-]+@/i;

export async function startIntakeServer(options: {
  db: Database;
  clock: Clock;
  secretKey: string;
  host: string;
  port: number;
  onResult?: (result: InboundResult) => void;
  onError?: (error: unknown) => void;
}): Promise<IntakeServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 2 * 1024 * 1024,
    banner: 'bounce intake',
    onRcptTo(address, _session, callback) {
      if (!ACCEPTED.test(address.address)) return callback(Object.assign(new Error('5.1.1 no such mailbox here'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= 2 * 1024 * 1024) chunks.push(chunk);
      });
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        recordInbound(options.db, options.clock, options.secretKey, Buffer.concat(chunks), to)
          .then((result) => {
            options.onResult?.(result);
            callback();
          })
          .catch((error: unknown) => {
            options.onError?.(error);
            callback(Object.assign(new Error('4.3.0 could not record this report, try again later'), { responseCode: 451 }));
          });
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
