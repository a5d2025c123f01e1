import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase, ENGINES } from '../../../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue, senderDeps } from '../../../test/support/delivery.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import type { Database } from '../../db/database.js';
import { fixedClock } from '../../lib/clock.js';
import { createMailTransport } from '../../mail/transport.js';
import { DEFAULT_SETTINGS } from '../../settings/settings.js';
import { saveSiteSettings } from '../../settings/settings.service.js';
import { createSend } from '../engine/deliveries.service.js';
import { runDelivery } from '../engine/sender.js';

// Every newsletter's footer names the sender (§ 5 DDG): the organisation's name and postal
// address from the site settings and a link to the imprint on the recipient's language version
// of the site, in both parts of the message.

for (const engine of ENGINES) {
  describe(`the sender's footer of a newsletter [${engine}]`, () => {
    let db: Database;
    let outbox: string;
    beforeAll(async () => {
      db = await createTestDatabase(engine);
      outbox = mkdtempSync(join(tmpdir(), 'insights-footer-'));
    }, 60_000);
    afterAll(async () => {
      rmSync(outbox, { recursive: true, force: true });
      await destroyTestDatabase(db);
    });

    it('carries the organisation, its address and the imprint link in the reader’s language', async () => {
      const values = Object.fromEntries(Object.entries(DEFAULT_SETTINGS).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? '1' : '') : String(v)]));
      await saveSiteSettings(db, fixedClock('2026-11-01T00:00:00Z'), {}, SYSTEM_ACTOR, { ...values, orgName: 'Footer Chamber e.V.', orgAddress: 'Footerweg 9\n20095 Hamburg-Test' });
      const slug = await seedIssue(db);
      await seedContacts(db, { members: 0, subscribers: 2, prefix: 'f', languages: ['en', 'de'] });
      const transport = createMailTransport({ smtpUrl: undefined, outboxDir: outbox, concurrency: 1, dkim: undefined });
      try {
        const delivery = await createSend(deliveryEnv(db), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR });
        await runDelivery(senderDeps(db, transport), delivery.id);
      } finally {
        transport.close();
      }
      const messages = readdirSync(outbox).filter((file) => file.endsWith('.eml')).map((file) => readFileSync(join(outbox, file), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '='));
      expect(messages).toHaveLength(2);
      const german = messages.find((raw) => /^To: .*f-reader-1@public\.test/im.test(raw))!;
      const english = messages.find((raw) => /^To: .*f-reader-0@public\.test/im.test(raw))!;
      for (const raw of [german, english]) {
        expect(raw).toContain('Footer Chamber e.V.');
        expect(raw).toContain('20095 Hamburg-Test');
      }
      expect(german).toContain('href="http://insights.test/de/imprint"');
      expect(german).toContain('Impressum: http://insights.test/de/imprint');
      expect(english).toContain('href="http://insights.test/imprint"');
      expect(english).toContain('Imprint: http://insights.test/imprint');
    });
  });
}
