import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { forEachDialect } from '../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue, senderDeps } from '../test/support/delivery.js';
import { startSmtpSink } from '../test/support/smtp-sink.js';
import { SYSTEM_ACTOR } from './activity/activity.js';
import { createSend, getDelivery } from './delivery/engine/deliveries.service.js';
import { createDeliveryTransport } from './delivery/transport/transport.js';
import { runWorker } from './worker.js';

// The worker starts scheduled sends when their time has come (not before), sends them, and
// stops when asked.

forEachDialect('insights worker', ({ db }) => {
  it('starts a due scheduled send, leaves a future one alone, and stops on abort', async () => {
    const due = await seedIssue(db(), 2026, 'fall');
    const later = await seedIssue(db(), 2026, 'winter');
    const people = await seedContacts(db(), { members: 0, subscribers: 12, prefix: 'w' });
    const sink = await startSmtpSink({ keepRaw: false });
    const transport = createDeliveryTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: 2, dkim: undefined });
    try {
      const now = Date.now();
      const dueSend = await createSend(deliveryEnv(db()), { slug: due, edition: 'teaser', scheduledAt: new Date(now - 60_000).toISOString(), actor: SYSTEM_ACTOR });
      const laterSend = await createSend(deliveryEnv(db()), { slug: later, edition: 'teaser', scheduledAt: new Date(now + 3600_000).toISOString(), actor: SYSTEM_ACTOR });
      expect(dueSend.status).toBe('scheduled');
      const stop = new AbortController();
      const log: string[] = [];
      const worker = runWorker({ sender: senderDeps(db(), transport), signal: stop.signal, idleMs: 50, log: (line) => log.push(line) });
      for (let i = 0; i < 200 && (await getDelivery(db(), dueSend.id)).status !== 'done'; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      stop.abort();
      await worker;
      expect((await getDelivery(db(), dueSend.id)).status).toBe('done');
      expect((await getDelivery(db(), laterSend.id)).status).toBe('scheduled');
      expect(sink.messages.flatMap((m) => m.to).sort()).toEqual([...people.subscribers].sort());
      expect(log).toContain(`started scheduled delivery #${dueSend.id}`);
    } finally {
      transport.close();
      await sink.close();
    }
  }, 60_000);
});
