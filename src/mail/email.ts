import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Executor } from '../db/database.js';
import { enqueueJob } from '../jobs/jobs.service.js';
import { DEFAULT_LANGUAGE, languageTag, type Language } from '../i18n/languages.js';
import { translator, type Translate } from '../i18n/messages.js';
import type { Clock } from '../lib/clock.js';
import { renderSimpleHtml, renderSimpleText, type EmailFooter, type SimpleEmail } from './simple-email.js';

// Transactional mail leaves through the jobs queue: a service renders the email and enqueues it
// in the transaction that makes it necessary, and a job loop (every web process runs one, and
// `insights worker`) hands it to the one mail transport, retrying on 4xx. No request waits for
// SMTP, so an answer's time says nothing about whether an address is known.

/** What every email file (`<domain>/emails/<name>.email.tsx`) exports: each part in the recipient's language. */
export interface EmailTemplate<Props> {
  subject(props: Props, language: Language): string;
  /** The complete HTML part (`<html lang>` of the language), with the sender's footer when given. */
  render(props: Props, language: Language, footer?: EmailFooter): string;
  /** The plain-text part. */
  renderText(props: Props, language: Language, footer?: EmailFooter): string;
}

/**
 * An email in the short house layout: greeting, paragraphs, one button, closing line. `content`
 * writes it with `t`, the language's messages (i18n/catalogs/<language>/email.ts).
 */
export function simpleEmail<Props>(content: (props: Props, t: Translate, language: Language) => Omit<SimpleEmail, 'language'>): EmailTemplate<Props> {
  const written = (props: Props, language: Language, footer?: EmailFooter): SimpleEmail => ({ ...content(props, translator(language), language), language, footer });
  return {
    subject: (props, language) => written(props, language).subject,
    render: (props, language, footer) => renderSimpleHtml(written(props, language, footer)),
    renderText: (props, language, footer) => renderSimpleText(written(props, language, footer)),
  };
}

const attachment = z.object({ filename: z.string(), content: z.string(), contentType: z.string() });

/** A rendered message as the mail job carries it (the job's payload, checked when the job runs). */
export const queuedMailSchema = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  headers: z.record(z.string(), z.string()).default({}),
  attachments: z.array(attachment).default([]),
  /** Chosen at enqueue time, so a message retried after a crash carries the same id. */
  messageKey: z.string(),
});

export type QueuedMail = z.input<typeof queuedMailSchema>;

/** The job kind of transactional mail. */
export const MAIL_JOB = 'mail';

/** Extra parts of one message: header fields set verbatim, text attachments (calendar files). */
export interface MailExtras {
  /**
   * The recipient's language (a contact's `language`; the site's, `en`, for staff and the team's
   * notices): the email is written in it and says so in Content-Language.
   */
  readonly language?: Language;
  readonly headers?: Readonly<Record<string, string>>;
  readonly attachments?: readonly z.infer<typeof attachment>[];
}

/** What enqueueEmail needs besides: the sender's footer in the recipient's language (settings' emailFooterFor). */
export interface EmailExtras extends MailExtras {
  readonly footer: EmailFooter;
}

/** Renders `template` for `to` and enqueues it; call inside the transaction that makes the email necessary. */
export async function enqueueEmail<Props>(db: Executor, clock: Clock, template: EmailTemplate<Props>, to: string, props: Props, extras: EmailExtras): Promise<void> {
  const { language = DEFAULT_LANGUAGE, headers, attachments, footer } = extras;
  await enqueueMail(db, clock, {
    to,
    subject: template.subject(props, language),
    text: template.renderText(props, language, footer),
    html: template.render(props, language, footer),
    headers: { 'Content-Language': languageTag(language), ...headers },
    ...(attachments ? { attachments } : {}),
  });
}

/** Enqueues a message rendered elsewhere (a newsletter test send). */
export async function enqueueMail(db: Executor, clock: Clock, mail: Omit<QueuedMail, 'messageKey' | 'headers' | 'attachments'> & MailExtras & { messageKey?: string }): Promise<void> {
  const payload: QueuedMail = {
    ...mail,
    headers: { ...mail.headers },
    attachments: [...(mail.attachments ?? [])],
    messageKey: mail.messageKey ?? randomBytes(12).toString('hex'),
  };
  await enqueueJob(db, clock, MAIL_JOB, payload);
}
