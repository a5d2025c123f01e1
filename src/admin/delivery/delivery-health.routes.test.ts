import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, destroyTestApp, visibleText } from '../../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase } from '../../../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue } from '../../../test/support/delivery.js';
import { signInDesk } from '../../../test/support/desk.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';
import { createSend, pauseWithProblem } from '../../delivery/engine/deliveries.service.js';
import { fixedClock, type Clock } from '../../lib/clock.js';

// A delivery's health on the desk: the circuit breaker's reason and next probe on the delivery
// page and under "Needs attention"; resume by the editor (CSRF form, activity log); the
// receiving domains with their state and pace.

describe('the desk shows a delivery paused by the breaker, and its receiving domains [sqlite]', () => {
  let db: Database;
  let app: App;
  const clock: Clock = fixedClock(new Date('2026-12-01T10:00:00.000Z'));
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await createTestApp(db, { clock });
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestDatabase(db);
  });

  it('reason and next probe on the page and the dashboard; the editor resumes it; domains show deferred, paced and ok', async () => {
    const desk = await signInDesk(app, db, 'health@example.org', 'admin');
    const slug = await seedIssue(db);
    await seedContacts(db, { members: 3, subscribers: 0, prefix: 'health' });
    const delivery = await createSend(deliveryEnv(db, clock), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR });
    await db.updateTable('delivery_recipients').set({ domain: 'qq.com', deferrals: 2 }).where('delivery_id', '=', delivery.id).where('email', 'like', 'health-member-0%').execute();
    await db.insertInto('send_domain_pace').values({ domain: 'qq.com', interval_ms: 2000, next_at: '2026-12-01T10:05:00.000Z', deferrals: 2, successes: 0, last_deferral: '451 4.7.1 slow down', updated_at: '2026-12-01T10:00:00.000Z' }).execute();
    await pauseWithProblem(db, clock, delivery.id, 'the mail server did not answer 10 times in a row (421 4.3.2 closing)', 'transport', '2026-12-01T10:00:30.000Z');

    const page = await desk.get(`/admin/deliveries/${delivery.id}`);
    const text = visibleText(page.body);
    expect(text).toContain('Paused by itself: the mail server did not answer 10 times in a row (421 4.3.2 closing)');
    expect(text).toContain('The worker tries one message again at 2026-12-01 10:00 UTC and resumes by itself once the mail server answers (no probe yet)');
    expect(page.body).toContain('data-domain="qq.com" data-domain-state="deferred"');
    expect(page.body).toContain('data-domain="members.test" data-domain-state="ok"');
    expect(text).toContain('at most 1800 per hour');
    expect(page.body).toContain('<svg');

    const dashboard = visibleText((await desk.get('/admin')).body);
    expect(dashboard).toContain(`Delivery #${delivery.id} (2026 fall Issue) paused itself: the mail server did not answer 10 times in a row`);

    const resumed = await desk.post(`/admin/deliveries/${delivery.id}/resume`);
    expect(resumed.statusCode).toBe(303);
    const row = await db.selectFrom('deliveries').select(['status', 'pause_reason', 'probe_at', 'problem']).where('id', '=', delivery.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sending', pause_reason: null, probe_at: null, problem: null });
    const log = await db.selectFrom('activity').select(['action', 'actor_label']).where('action', '=', 'delivery.resume').execute();
    expect(log).toEqual([{ action: 'delivery.resume', actor_label: expect.stringContaining('health@example.org') }]);
    expect(visibleText((await desk.get('/admin')).body)).not.toContain('paused itself');
  });
});
