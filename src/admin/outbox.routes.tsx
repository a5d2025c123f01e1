import { z } from 'zod';
import { getMailQueue, type QueuedMailEntry } from '../mail/mail-queue.service.js';
import { listOutbox, readOutboxMessage } from '../mail/outbox.js';
import { staffRoute, type AdminRoute } from './admin-route.js';
import { AdminLayout } from './admin-layout.js';
import { TextWith, utcTime } from './page-parts.js';
import { useLocale } from '../web/locale.js';

const fileParams = z.object({ file: z.string().max(100) });

/** Transactional mail still in the jobs queue, or failed for good, with the server's last reply. */
function QueueTable({ caption, entries, at }: { caption: string; entries: readonly QueuedMailEntry[]; at: string }) {
  const { t } = useLocale();
  return (
    <table class="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('desk.outbox.queued')}</th>
          <th scope="col">{t('desk.outbox.to')}</th>
          <th scope="col">{t('desk.outbox.subject')}</th>
          <th scope="col">{t('desk.outbox.attempts')}</th>
          <th scope="col">{at}</th>
          <th scope="col">{t('desk.outbox.lastReply')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry, index) => (
          <tr key={index}>
            <td>{utcTime(entry.createdAt)}</td>
            <td>{entry.to}</td>
            <td>{entry.subject}</td>
            <td>{entry.attempts}</td>
            <td>{utcTime(entry.at)}</td>
            <td>{entry.lastError ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The outbox: the mail queue, and every message kept instead of sent while no SMTP server is configured. */
export const outboxRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/outbox', 'manage_sending', async (ctx) => {
    const dir = ctx.deps.transport.outboxDir;
    const messages = dir ? await listOutbox(dir) : [];
    const queue = await getMailQueue(ctx.deps.db);
    const { t } = ctx.locale;
    return ctx.page(
      <AdminLayout site={ctx.deps.site} title={t('desk.outbox.title')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/outbox">
        <h1>{t('desk.outbox.title')}</h1>
        <p>{t('desk.outbox.intro')}</p>
        {queue.waiting.length > 0 ? <QueueTable caption={t('desk.outbox.waiting')} entries={queue.waiting} at={t('desk.outbox.nextTry')} /> : null}
        {queue.failed.length > 0 ? <QueueTable caption={t('desk.outbox.failed')} entries={queue.failed} at={t('desk.outbox.failedAt')} /> : null}
        {dir ? (
          <p>
            <TextWith text={(markers) => t('desk.outbox.kept', markers)} elements={{ env: <code>{'SMTP_URL'}</code>, eml: <code>{'.eml'}</code>, dir: <code>{dir}</code> }} />
          </p>
        ) : (
          <p>{t('desk.outbox.goesOut', { transport: ctx.deps.transport.describe })}</p>
        )}
        {dir && messages.length === 0 ? <p>{t('desk.outbox.empty')}</p> : null}
        {messages.length > 0 ? (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('desk.outbox.date')}</th>
                <th scope="col">{t('desk.outbox.to')}</th>
                <th scope="col">{t('desk.outbox.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.file}>
                  <td>{utcTime(message.date)}</td>
                  <td>{message.to}</td>
                  <td>
                    <a href={`/admin/outbox/${message.file}`}>{message.subject || t('desk.outbox.noSubject')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </AdminLayout>,
    );
  }),

  staffRoute('GET', '/admin/outbox/:file', 'manage_sending', async (ctx) => {
    const { file } = fileParams.parse(ctx.request.params);
    const dir = ctx.deps.transport.outboxDir;
    const message = await readOutboxMessage(dir ?? '/nonexistent', file);
    const { t } = ctx.locale;
    return ctx.page(
      <AdminLayout site={ctx.deps.site} title={message.subject} staff={ctx.staff} csrf={ctx.csrf} section="/admin/outbox">
        <p>
          <a href="/admin/outbox">← {t('desk.outbox.title')}</a>
        </p>
        <h1>{message.subject || t('desk.outbox.noSubject')}</h1>
        <dl class="facts">
          <dt>{t('desk.outbox.to')}</dt>
          <dd>{message.to}</dd>
          <dt>{t('desk.outbox.date')}</dt>
          <dd>{utcTime(message.date)}</dd>
        </dl>
        <h2>{t('desk.outbox.plainText')}</h2>
        <pre class="mail-text">{message.text}</pre>
        <details>
          <summary>{t('desk.outbox.raw')}</summary>
          <pre class="mail-raw">{message.raw}</pre>
        </details>
      </AdminLayout>,
    );
  }),
];
