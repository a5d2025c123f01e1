import { PermanentJobFailure, type JobHandlers } from '../jobs/jobs.service.js';
import { MAIL_JOB, queuedMailSchema } from './email.js';
import type { MailTransport } from './transport.js';

// Runs the `mail` job: hands one queued message to the mail transport. A 4xx reply or a lost
// connection throws, so the job is tried again later with backoff; a 5xx reply fails it for
// good (the dashboard lists failed jobs). The Message-ID comes from the key chosen when the
// mail was enqueued, so a message repeated after a crash carries the same id.

export interface MailJobOptions {
  readonly transport: MailTransport;
  /** MAIL_FROM: the From header and the envelope sender of transactional mail. */
  readonly mailFrom: string;
  /** The domain of Message-IDs (BOUNCE_DOMAIN). */
  readonly messageIdDomain: string;
}

/** The envelope address inside a From header such as `Name <address>`. */
function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

/** The handler of transactional mail jobs. */
export function mailJobHandlers({ transport, mailFrom, messageIdDomain }: MailJobOptions): JobHandlers {
  return {
    [MAIL_JOB]: async (payload) => {
      const mail = queuedMailSchema.parse(payload);
      const outcome = await transport.send({
        from: mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        attachments: mail.attachments,
        messageId: `<mail.${mail.messageKey}@${messageIdDomain}>`,
        returnPath: addressOf(mailFrom),
      });
      if (outcome.ok) return;
      const reason = outcome.message;
      if (outcome.permanent) throw new PermanentJobFailure(`refused for good: ${reason}`);
      throw new Error(`not accepted yet: ${reason}`);
    },
  };
}
