import { z } from 'zod';
import { listOutbox, readOutboxMessage } from '../mail/outbox.js';
import { staffRoute, type AdminRoute } from './admin-route.js';
import { AdminLayout } from './admin-layout.js';
import { utcTime } from './page-parts.js';

const fileParams = z.object({ file: z.string().max(100) });

/** The outbox: every message kept instead of sent while no SMTP server is configured. */
export const outboxRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/outbox', 'manage_sending', async (ctx) => {
    const dir = ctx.deps.mailer.outboxDir;
    const messages = dir ? await listOutbox(dir) : [];
    return ctx.page(
      <AdminLayout site={ctx.deps.site} title="Outbox" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/outbox">
        <h1>Outbox</h1>
        {dir ? (
          <p>
            No SMTP server is configured (<code>SMTP_URL</code> is unset), so outgoing mail is kept here, newest first, as{' '}
            <code>.eml</code> files in <code>{dir}</code>.
          </p>
        ) : (
          <p>Mail goes out through {ctx.deps.mailer.describe}; nothing is kept here.</p>
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
    const dir = ctx.deps.mailer.outboxDir;
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
