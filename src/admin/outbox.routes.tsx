import { z } from 'zod';
import { getMailQueue, type QueuedMailEntry } from '../mail/mail-queue.service.js';
import { listOutbox, readOutboxMessage } from '../mail/outbox.js';
import { staffRoute, type AdminRoute } from './admin-route.js';
import { AdminLayout } from './admin-layout.js';
import { utcTime } from './page-parts.js';

const fileParams = z.object({ file: z.string().max(100) });

/** Transactional mail still in the jobs queue, or failed for good, with the server's last reply. */
function QueueTable({ caption, entries, at }: { caption: string; entries: readonly QueuedMailEntry[]; at: string }) {
  return (
    <table class="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Queued</th>
          <th scope="col">To</th>
          <th scope="col">Subject</th>
          <th scope="col">Attempts</th>
          <th scope="col">{at}</th>
          <th scope="col">Last reply</th>
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
    return ctx.page(
      <AdminLayout site={ctx.deps.site} title="Outbox" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/outbox">
        <h1>Outbox</h1>
        <p>
          Sign-in links, confirmations and notices wait in the jobs queue until a process sends them (every web process does, within seconds); a
          server that answers “try again later” is tried again, up to seven times over about half an hour.
        </p>
        {queue.waiting.length > 0 ? <QueueTable caption="Waiting to be sent" entries={queue.waiting} at="Next try" /> : null}
        {queue.failed.length > 0 ? <QueueTable caption="Could not be sent" entries={queue.failed} at="Failed" /> : null}
        {dir ? (
          <p>
            No SMTP server is configured (<code>SMTP_URL</code> is unset), so outgoing mail is kept here, newest first, as{' '}
            <code>.eml</code> files in <code>{dir}</code>.
          </p>
        ) : (
          <p>Mail goes out through {ctx.deps.transport.describe}; nothing is kept here.</p>
        )}
        {dir && messages.length === 0 ? <p>The outbox is empty.</p> : null}
        {messages.length > 0 ? (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.file}>
                  <td>{utcTime(message.date)}</td>
                  <td>{message.to}</td>
                  <td>
                    <a href={`/admin/outbox/${message.file}`}>{message.subject || '(no subject)'}</a>
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
    return ctx.page(
      <AdminLayout site={ctx.deps.site} title={message.subject} staff={ctx.staff} csrf={ctx.csrf} section="/admin/outbox">
        <p>
          <a href="/admin/outbox">← Outbox</a>
        </p>
        <h1>{message.subject || '(no subject)'}</h1>
        <dl class="facts">
          <dt>To</dt>
          <dd>{message.to}</dd>
          <dt>Date</dt>
          <dd>{utcTime(message.date)}</dd>
        </dl>
        <h2>Plain text</h2>
        <pre class="mail-text">{message.text}</pre>
        <details>
          <summary>Raw message</summary>
          <pre class="mail-raw">{message.raw}</pre>
        </details>
      </AdminLayout>,
    );
  }),
];
