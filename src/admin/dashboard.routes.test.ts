import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, destroyTestApp, visibleText } from '../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase } from '../../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue } from '../../test/support/delivery.js';
import { signInDesk, type DeskSession } from '../../test/support/desk.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { App } from '../app.js';
import type { Database } from '../db/database.js';
import { createSend } from '../delivery/engine/deliveries.service.js';
import { createHeartbeat } from '../jobs/heartbeats.service.js';
import { PermanentJobFailure, runDueJobs } from '../jobs/jobs.service.js';
import { fixedClock, type Clock } from '../lib/clock.js';
import { enqueueEmail, simpleEmail } from '../mail/email.js';

// The dashboard says when work waits for a process that is not running (no worker seen for five
// minutes while a delivery is sending), and lists mail that could not be sent.

describe('the dashboard watches the workers and the mail queue [sqlite]', () => {
  let db: Database;
  let app: App;
  let desk: DeskSession;
  let now = new Date();
  const clock: Clock = { now: () => new Date(now) };
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await createTestApp(db, { clock });
    desk = await signInDesk(app, db, 'watcher@example.org', 'admin');
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestDatabase(db);
  });

  it('warns when a delivery is sending and no worker has been seen for five minutes, and not once one beats', async () => {
    expect(visibleText((await desk.get('/admin')).body)).not.toContain('No worker seen');
    const slug = await seedIssue(db);
    await seedContacts(db, { members: 1, subscribers: 1, prefix: 'watch' });
    await createSend(deliveryEnv(db, fixedClock(now)), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR });
    const page = visibleText((await desk.get('/admin')).body);
    expect(page).toContain('No worker seen for 5 minutes: 1 delivery waits. Start insights worker, or set WORKER=1.');

    const worker = createHeartbeat(db, clock, 'worker:test', ['jobs', 'sending']);
    await worker.beat(true);
    expect(visibleText((await desk.get('/admin')).body)).not.toContain('No worker seen');
    now = new Date(now.getTime() + 6 * 60_000);
    expect(visibleText((await desk.get('/admin')).body)).toMatch(/No worker seen for 5 minutes \(last at [^)]+\): 1 delivery waits/);
  });

  it('lists mail that could not be sent, on the dashboard and the outbox page', async () => {
    // The app's own job loop would send it: this test runs the job with a handler the server refuses.
    await app.jobs.stop();
    const note = simpleEmail<{ name: string }>(() => ({ subject: 'A notice', greeting: 'Hello,', paragraphs: ['Text.'], closing: 'Bye.', siteName: 'Insights' }));
    await enqueueEmail(db, clock, note, 'gone@example.com', { name: 'x' }, { footer: { organisation: 'Insights', addressLines: [], imprintUrl: 'http://insights.test/imprint' } });
    const refused = async () => {
      throw new PermanentJobFailure('refused for good: 550 5.1.1 User unknown');
    };
    await runDueJobs(db, clock, { mail: refused }, 'test');
    expect(visibleText((await desk.get('/admin')).body)).toContain('1 email could not be sent (the last to gone@example.com: refused for good: 550 5.1.1 User unknown).');
    const outbox = visibleText((await desk.get('/admin/outbox')).body);
    expect(outbox).toContain('Could not be sent');
    expect(outbox).toContain('gone@example.com A notice 1');
  });
});
