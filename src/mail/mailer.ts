import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import nodemailer, { type SendMailOptions } from 'nodemailer';

/** One message to one person. Bodies are complete: nothing is substituted later. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly attachments?: readonly { filename: string; content: string | Buffer; contentType: string }[];
}

/** Sends transactional mail (sign-in links, password links, notices). */
export interface Mailer {
  /** Where mail goes, for logs and the admin: `outbox <dir>` or `smtp <host>`. */
  readonly describe: string;
  /** The outbox folder when mail is kept instead of sent. */
  readonly outboxDir: string | null;
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export interface MailerOptions {
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly dataDir: string;
}

/** SMTP when `SMTP_URL` is set, otherwise the outbox folder `DATA_DIR/outbox`. */
export function createMailer({ smtpUrl, mailFrom, dataDir }: MailerOptions): Mailer {
  if (smtpUrl) {
    const transport = nodemailer.createTransport(smtpUrl);
    return {
      describe: `smtp ${new URL(smtpUrl).host}`,
      outboxDir: null,
      send: async (mail) => {
        const info = await transport.sendMail(toNodemailer(mailFrom, mail));
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  return createOutboxMailer(join(dataDir, 'outbox'), mailFrom);
}

/** Writes every message as an RFC 5322 `.eml` file; the admin lists them. */
export function createOutboxMailer(dir: string, mailFrom: string): Mailer {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    describe: `outbox ${dir}`,
    outboxDir: dir,
    send: async (mail) => {
      const info = await composer.sendMail(toNodemailer(mailFrom, mail));
      mkdirSync(dir, { recursive: true });
      // Sortable by time; written under a temporary name and renamed, so readers never see half a file.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
      const temporary = join(dir, `.${name}.tmp`);
      writeFileSync(temporary, info.message as Buffer, { mode: 0o600 });
      renameSync(temporary, join(dir, name));
      return { messageId: info.messageId };
    },
    close: () => undefined,
  };
}

function toNodemailer(from: string, mail: OutgoingMail): SendMailOptions {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers ? { ...mail.headers } : undefined,
    attachments: mail.attachments?.map((attachment) => ({ ...attachment })),
  };
}
