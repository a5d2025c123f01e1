import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase } from '../../../test/support/databases.js';
import type { Database } from '../../db/database.js';
import { fixedClock } from '../../lib/clock.js';
import { findPaces } from './pacing.queries.js';
import { createPacer } from './pacing.js';

// Deferrals in a burst: several slots send to one domain at once, so when it starts deferring,
// the messages already in flight are deferred too. They count as one deferral (the domain is
// slowed once), not one each (which would slow it 2^N times over and keep it at a crawl for
// minutes: found by bench/send.ts's mixed-domain run). A deferral after the wait is a new one.

describe('pacing: a burst of deferrals counts once [sqlite]', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
  }, 60_000);
  afterAll(async () => {
    await destroyTestDatabase(db);
  });

  it('doubles the spacing once for the messages in flight, and again for a deferral after the backoff', async () => {
    const t0 = Date.parse('2026-12-05T10:00:00.000Z');
    const pacer = createPacer(db, fixedClock(new Date(t0)), { domainLimits: new Map(), domainBackoffMs: 6000 });
    await pacer.refresh(true);
    const first = await pacer.deferred('qq.com', '451 4.7.1 slow down', t0);
    expect(first).toBe(t0 + 6000);
    // Four more messages that were in flight come back deferred in the same moment.
    for (let i = 1; i <= 4; i++) expect(await pacer.deferred('qq.com', '451 4.7.1 slow down', t0 + i * 10)).toBe(first);
    const [once] = await findPaces(db);
    expect(once).toMatchObject({ domain: 'qq.com', intervalMs: 100, deferrals: 1 });

    // After the backoff, the domain defers again: that is a new deferral, twice the spacing and the wait.
    const second = await pacer.deferred('qq.com', '451 4.7.1 slow down', t0 + 7000);
    expect(second).toBe(t0 + 7000 + 12_000);
    const [twice] = await findPaces(db);
    expect(twice).toMatchObject({ intervalMs: 200, deferrals: 2 });
  });
});
