import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { TEST_SECRET_KEY } from '../../../test/support/app.js';
import { forEachDialect, type TestEngine } from '../../../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue } from '../../../test/support/delivery.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import type { Database } from '../../db/database.js';
import { createSend } from '../engine/deliveries.service.js';
import { unsubscribeToken } from '../tokens.js';
import { unsubscribeWithToken } from './unsubscribe.service.js';

// An unsubscribe writes the contact, its activity entry and the delivery's `unsubscribe` event
// in one transaction: when the event cannot be written, the contact stays subscribed.

/** Makes the engine refuse every insert into delivery_events (a trigger), until `allow`. */
async function refuseDeliveryEvents(db: Database, engine: TestEngine): Promise<{ allow: () => Promise<void> }> {
  if (engine === 'sqlite') {
    await sql`create trigger refuse_delivery_events before insert on delivery_events begin select raise(abort, 'refused by the test'); end`.execute(db);
    return { allow: async () => void (await sql`drop trigger refuse_delivery_events`.execute(db)) };
  }
  await sql`create function refuse_delivery_events() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`.execute(db);
  await sql`create trigger refuse_delivery_events before insert on delivery_events for each row execute function refuse_delivery_events()`.execute(db);
  return {
    allow: async () => {
      await sql`drop trigger refuse_delivery_events on delivery_events`.execute(db);
      await sql`drop function refuse_delivery_events()`.execute(db);
    },
  };
}

forEachDialect('unsubscribe with a token', ({ db, engine }) => {
  let token: string;
  let contactId: number;
  let deliveryId: number;
  beforeAll(async () => {
    const slug = await seedIssue(db());
    const [address] = (await seedContacts(db(), { members: 0, subscribers: 1, prefix: 'uns' })).subscribers;
    deliveryId = (await createSend(deliveryEnv(db()), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR })).id;
    contactId = (await db().selectFrom('contacts').select('id').where('email_key', '=', address!).executeTakeFirstOrThrow()).id;
    token = unsubscribeToken(TEST_SECRET_KEY, deliveryId, contactId);
  }, 60_000);

  const subscribed = async () => (await db().selectFrom('contacts').select('subscribed').where('id', '=', contactId).executeTakeFirstOrThrow()).subscribed;
  const events = () => db().selectFrom('delivery_events').select(['kind', 'detail']).where('contact_id', '=', contactId).where('delivery_id', '=', deliveryId).execute();
  const logged = () => db().selectFrom('activity').select('detail').where('action', '=', 'contact.preferences').where('subject_id', '=', contactId).execute();

  it('when the event cannot be written, the contact stays subscribed and nothing is logged', async () => {
    const refusal = await refuseDeliveryEvents(db(), engine);
    try {
      await expect(unsubscribeWithToken(db(), deliveryEnv(db()).clock, TEST_SECRET_KEY, token, 'page')).rejects.toThrow(/refused by the test/);
    } finally {
      await refusal.allow();
    }
    expect(await subscribed()).toBe(1);
    expect(await events()).toEqual([]);
    expect(await logged()).toEqual([]);
  });

  it('otherwise the contact, its activity entry and the event are written together, once', async () => {
    const after = await unsubscribeWithToken(db(), deliveryEnv(db()).clock, TEST_SECRET_KEY, token, 'page');
    expect(after.subscribed).toBe(false);
    await unsubscribeWithToken(db(), deliveryEnv(db()).clock, TEST_SECRET_KEY, token, 'one-click');
    expect(await subscribed()).toBe(0);
    expect(await events()).toEqual([{ kind: 'unsubscribe', detail: 'page' }]);
    expect(await logged()).toEqual([{ detail: 'unsubscribed' }]);
  });
});
