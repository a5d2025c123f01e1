import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';

// The one mail transport: every message leaves through it, newsletters (the delivery engine)
// and transactional mail (the mail job) alike: a pooled nodemailer SMTP transport
// (SEND_CONCURRENCY connections), or, without SMTP_URL, the outbox folder. Replies are
// classified here once: callers only see "accepted", "try again later" or "failed for good".

/** A message's HTML and text parts already encoded as MIME entities (a newsletter's, see encoded-part.ts). */
export interface EncodedBody {
  readonly html: string;
  readonly text: string;
  /** Images the HTML shows by Content-ID, each a complete MIME entity (encoded-part.ts `encodeInlineImage`). */
  readonly related?: readonly { readonly cid: string; readonly raw: string }[];
}

/** The body: HTML and text for nodemailer to encode, or both parts encoded already. */
export type MailBody = { readonly html: string; readonly text: string; readonly encoded?: undefined } | { readonly encoded: EncodedBody; readonly html?: undefined; readonly text?: undefined };

/** One personalised message, complete. */
export type MailMessage = MailBody & {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  /** Header fields set verbatim (List-Unsubscribe and friends). */
  readonly headers: Readonly<Record<string, string>>;
  /** Deterministic `<…@…>`, so a repeated message carries the same id. */
  readonly messageId: string;
  /** The envelope sender (VERP for newsletters), where bounces go. */
  readonly returnPath: string;
  /** Attachments: text (calendar files), or images the HTML shows by `cid` (a benchmark's baseline). */
  readonly attachments?: readonly { readonly filename: string; readonly content: string | Buffer; readonly contentType: string; readonly cid?: string }[];
};

/**
 * Where a failure happened: `recipient` (the server refused this address at RCPT TO, or this
 * message at DATA) concerns one row; `sender` (connection, greeting, AUTH, MAIL FROM) concerns
 * every message of the delivery, so a permanent one pauses the delivery instead of failing rows.
 */
export type FailureScope = 'recipient' | 'sender';

/** What the server said. */
export type SendOutcome =
  | { readonly ok: true; readonly response: string }
  | { readonly ok: false; readonly permanent: boolean; readonly scope: FailureScope; readonly code: number | null; readonly enhanced: string | null; readonly message: string };

export interface MailTransport {
  /** For logs and the desk: `smtp <host>` or `outbox <dir>`. */
  readonly describe: string;
  /** The outbox folder when messages are kept as files instead of sent (no SMTP_URL); null with SMTP. */
  readonly outboxDir: string | null;
  send(message: MailMessage): Promise<SendOutcome>;
  close(): void;
}

/** A DKIM key: messages are signed, covering the List-* headers. */
export interface DkimKey {
  readonly domainName: string;
  readonly keySelector: string;
  readonly privateKey: string;
}

/** The header fields the DKIM signature covers: the usual ones plus every List-* we set. */
export const DKIM_SIGNED_FIELDS = [
  'From', 'Sender', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'To', 'Cc', 'MIME-Version', 'Content-Type',
  'Content-Transfer-Encoding', 'List-Id', 'List-Unsubscribe', 'List-Unsubscribe-Post', 'Feedback-ID', 'Precedence',
].join(':');

/**
 * How long nodemailer waits for the TCP connection, for the server's greeting, and for any
 * reply on an idle socket (SMTP_CONNECT_TIMEOUT_SECONDS, SMTP_GREETING_TIMEOUT_SECONDS,
 * SMTP_SOCKET_TIMEOUT_SECONDS). A stalled server then costs one timeout per connection of the
 * pool at a time, and the delivery's circuit breaker pauses it after a few of those.
 */
export interface SmtpTimeouts {
  readonly connectMs: number;
  readonly greetingMs: number;
  readonly socketMs: number;
}

/** The defaults in config.ts (10 s, 15 s, 30 s): well under SEND_LEASE_SECONDS (120 s). */
export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectMs: 10_000, greetingMs: 15_000, socketMs: 30_000 };

export interface TransportOptions {
  readonly smtpUrl: string | undefined;
  readonly outboxDir: string;
  readonly concurrency: number;
  readonly dkim: DkimKey | undefined;
  /** Default DEFAULT_SMTP_TIMEOUTS. */
  readonly timeouts?: SmtpTimeouts;
}

/** SMTP when a URL is given (pooled), otherwise the outbox folder. */
export function createMailTransport(options: TransportOptions): MailTransport {
  return options.smtpUrl ? createSmtpTransport(options.smtpUrl, options.concurrency, options.dkim, options.timeouts ?? DEFAULT_SMTP_TIMEOUTS) : createOutboxTransport(options.outboxDir, options.dkim);
}

/** The nodemailer options of one message (shared with the benchmark's baseline). */
export function toNodemailer(message: MailMessage): SendMailOptions {
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    ...(message.encoded ? { text: { raw: message.encoded.text }, html: { raw: message.encoded.html } } : { text: message.text, html: message.html }),
    headers: Object.fromEntries(Object.entries(message.headers).map(([key, value]) => [key, preparedIfPlain(value)])),
    messageId: message.messageId,
    envelope: { from: message.returnPath, to: [message.to] },
    ...(attachmentsOf(message).length > 0 ? { attachments: attachmentsOf(message) } : {}),
  };
}

/** A message's attachments for nodemailer: its encoded inline images (put beside the HTML in multipart/related) and the others. */
function attachmentsOf(message: MailMessage): NonNullable<SendMailOptions['attachments']> {
  return [
    ...(message.encoded?.related ?? []).map((image) => ({ cid: image.cid, raw: image.raw, contentType: 'image/png' })),
    ...(message.attachments ?? []).map((attachment) => ({ ...attachment })),
  ];
}

/**
 * Printable-ASCII values are written as they are: nodemailer would otherwise turn the quoted
 * phrase of List-Id into an encoded-word. Anything else is left to nodemailer to encode.
 */
function preparedIfPlain(value: string): string | { prepared: true; value: string } {
  return /^[\x20-\x7e]{1,900}$/.test(value) && value.includes('"') ? { prepared: true, value } : value;
}

/** A pooled SMTP transport with `concurrency` connections. */
export function createPooledNodemailer(smtpUrl: string, concurrency: number, dkim: DkimKey | undefined, timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS) {
  const url = new URL(smtpUrl);
  return nodemailer.createTransport({
    pool: true,
    maxConnections: concurrency,
    maxMessages: Infinity,
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    dkim: dkim ? { ...dkim, headerFieldNames: DKIM_SIGNED_FIELDS } : undefined,
  });
}

function createSmtpTransport(smtpUrl: string, concurrency: number, dkim: DkimKey | undefined, timeouts: SmtpTimeouts): MailTransport {
  const transport = createPooledNodemailer(smtpUrl, concurrency, dkim, timeouts);
  return {
    describe: `smtp ${new URL(smtpUrl).host}`,
    outboxDir: null,
    send: async (message) => {
      try {
        const info = await transport.sendMail(toNodemailer(message));
        if (info.rejected.length > 0) return { ok: false, permanent: true, scope: 'recipient', code: null, enhanced: null, message: String(info.response ?? 'recipient rejected') };
        return { ok: true, response: String(info.response ?? '') };
      } catch (error) {
        return classifyError(error);
      }
    },
    close: () => transport.close(),
  };
}

/**
 * Turns a nodemailer error into an outcome: 5xx is permanent; 4xx and lost connections are not.
 * The SMTP stage comes from nodemailer's `error.command`: only `RCPT TO` and `DATA` concern the
 * recipient; everything else (CONN, greeting, AUTH …, MAIL FROM, API) concerns our side. The
 * enhanced status code is read only at the start of the reply (`550 5.1.1 …`), never from the
 * text (which may quote an address such as `<bounces+5.1.0…>`).
 */
export function classifyError(error: unknown): Extract<SendOutcome, { ok: false }> {
  const e = error as { responseCode?: number; response?: string; message?: string; code?: string; command?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const text = (e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').trim().slice(0, 500);
  const enhanced = /^(?:\d{3}[ -])?([245]\.\d{1,3}\.\d{1,3})\b/.exec(text)?.[1] ?? null;
  const permanent = code !== null ? code >= 500 : false;
  const scope: FailureScope = e.command === 'RCPT TO' || e.command === 'DATA' ? 'recipient' : 'sender';
  return { ok: false, permanent, scope, code, enhanced, message: text || (e.code ?? 'unknown error') };
}

/** Writes each message as an `.eml` file into the outbox folder (listed in the desk). */
function createOutboxTransport(dir: string, dkim: DkimKey | undefined): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows', dkim: dkim ? { ...dkim, headerFieldNames: DKIM_SIGNED_FIELDS } : undefined });
  return {
    describe: `outbox ${dir}`,
    outboxDir: dir,
    send: async (message) => {
      const info = await composer.sendMail(toNodemailer(message));
      mkdirSync(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
      const temporary = join(dir, `.${name}.tmp`);
      writeFileSync(temporary, info.message as Buffer, { mode: 0o600 });
      renameSync(temporary, join(dir, name));
      return { ok: true, response: `kept in the outbox as ${name}` };
    },
    close: () => undefined,
  };
}

/**
 * The enhanced status codes that mean "this mailbox does not exist" (RFC 3463): bad mailbox,
 * bad system, bad address syntax, bad mailbox syntax, destination mailbox moved (5.1.6) and
 * 5.1.10 (null MX). Not 5.1.7/5.1.8 (our sender address) nor others: those suppress nobody.
 */
export const HARD_BOUNCE_STATUSES: ReadonlySet<string> = new Set(['5.1.1', '5.1.2', '5.1.3', '5.1.6', '5.1.10']);

/** Whether a failure means the address does not exist: a 5xx at RCPT TO with a hard-bounce status. Such addresses are suppressed. */
export function isHardBounce(outcome: Extract<SendOutcome, { ok: false }>): boolean {
  return outcome.permanent && outcome.scope === 'recipient' && outcome.enhanced !== null && HARD_BOUNCE_STATUSES.has(outcome.enhanced);
}
