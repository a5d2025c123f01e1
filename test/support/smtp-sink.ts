import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** One message the sink accepted. */
export interface SunkMessage {
  readonly envelopeFrom: string;
  readonly to: readonly string[];
  readonly messageId: string;
  /** The whole message, when the sink keeps them (`keepRaw`). */
  readonly raw: string;
  /** Whatever `tag` said about the message (kept even when the raw text is not). */
  readonly tag: string;
}

export interface SinkOptions {
  /** Answer 451 4.3.0 to this fraction of recipient commands, at random. */
  readonly tempFailRate?: number;
  /** Answer 550 5.1.1 (no such user) for these addresses. */
  readonly rejectAddresses?: readonly string[];
  /** Refuse every envelope sender with this reply (e.g. `{ code: 550, message: '5.1.0 <…>: Sender address rejected' }`). */
  readonly rejectMailFrom?: { readonly code: number; readonly message: string };
  /** Keep each message's text (default true; large runs keep only tags). */
  readonly keepRaw?: boolean;
  /** Computes a short tag per message (e.g. which edition it holds). */
  readonly tag?: (raw: string) => string;
  /** Holds each message's final reply until this settles (a server that takes its time). */
  readonly holdReply?: () => Promise<void>;
}

/** A real SMTP server on 127.0.0.1 and a free port, with configurable replies. */
export interface SmtpSink {
  readonly port: number;
  readonly url: string;
  readonly messages: SunkMessage[];
  /** How many recipient commands got a 451. */
  tempFailures: number;
  /** When each recipient command arrived (ms since the epoch), per address, in order. */
  readonly rcptAt: Map<string, number[]>;
  /** How many MAIL FROM commands were refused. */
  mailFromRejections: number;
  /** While set, every MAIL FROM gets this reply (e.g. 421: the relay closes the channel); set and clear it during a test. */
  refuse: { readonly code: number; readonly message: string } | null;
  /** Decides the reply to one recipient command (after `rejectAddresses`): a reply to refuse it, or null to accept. */
  rcptReply: ((address: string) => { readonly code: number; readonly message: string } | null) | null;
  close(): Promise<void>;
}

export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const reject = new Set((options.rejectAddresses ?? []).map((address) => address.toLowerCase()));
  const keepRaw = options.keepRaw ?? true;
  const sink: Omit<SmtpSink, 'port' | 'url' | 'close'> = { messages: [], tempFailures: 0, rcptAt: new Map(), mailFromRejections: 0, refuse: null, rcptReply: null };
  const serverOptions: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onMailFrom(_address, _session, callback) {
      const refusal = sink.refuse ?? options.rejectMailFrom;
      if (refusal) {
        sink.mailFromRejections++;
        return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      sink.rcptAt.set(to, [...(sink.rcptAt.get(to) ?? []), Date.now()]);
      if (reject.has(to)) {
        const error = Object.assign(new Error('5.1.1 <' + to + '>: Recipient address rejected: User unknown'), { responseCode: 550 });
        return callback(error);
      }
      const reply = sink.rcptReply?.(to);
      if (reply) return callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
      if (options.tempFailRate && Math.random() < options.tempFailRate) {
        sink.tempFailures++;
        return callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        await options.holdReply?.();
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '';
        sink.messages.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          messageId,
          raw: keepRaw ? raw : '',
          tag: options.tag ? options.tag(raw) : '',
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A client that vanishes mid-message (a sender killed with SIGKILL) resets its socket: for a
  // sink that is expected, not a failure of the test process.
  server.on('error', () => undefined);
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return Object.assign(sink, {
    port,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
