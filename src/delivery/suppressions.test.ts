import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue } from '../../test/support/delivery.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { createSend } from './engine/deliveries.service.js';
import { suppress, suppressAddress, type SuppressedRecipient } from './suppressions.service.js';

// suppress() writes the suppression and what records it (a delivery event, or the desk's
// activity entry) in one transaction: both or neither, also inside a caller's transaction.

forEachDialect('suppress()', ({ db }) => {
  const clock = () => deliveryEnv(db()).clock;
  let rows: (SuppressedRecipient & { email: string })[];
  beforeAll(async () => {
    const slug = await seedIssue(db());
    await seedContacts(db(), { members: 0, subscribers: 4, prefix: 'sup' });
    const delivery = await createSend(deliveryEnv(db()), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR });
    const ledger = await db().selectFrom('delivery_recipients').select(['id', 'contact_id', 'email']).where('delivery_id', '=', delivery.id).orderBy('email').execute();
    rows = ledger.map((row) => ({ id: row.id, deliveryId: delivery.id, contactId: row.contact_id, email: row.email }));
    expect(rows).toHaveLength(4);
  }, 60_000);

  const suppression = (address: string) => db().selectFrom('suppressions').select(['reason', 'detail']).where('email_key', '=', address).executeTakeFirst();
  const events = (address: string) =>
    db()
      .selectFrom('delivery_events')
      .innerJoin('delivery_recipients', 'delivery_recipients.id', 'delivery_events.recipient_id')
      .select(['delivery_events.kind', 'delivery_events.detail', 'delivery_events.delivery_id', 'delivery_events.contact_id'])
      .where('delivery_recipients.email_key', '=', address)
      .execute();

  it('a hard bounce writes the suppression and its bounce event; a complaint its complaint event', async () => {
    const [bounced, complained] = rows;
    await suppress(db(), clock(), bounced!.email, { reason: 'hard_bounce', detail: '550 5.1.1 no such user', recipient: bounced! });
    expect(await suppression(bounced!.email)).toEqual({ reason: 'hard_bounce', detail: '550 5.1.1 no such user' });
    expect(await events(bounced!.email)).toEqual([{ kind: 'bounce', detail: '550 5.1.1 no such user', delivery_id: bounced!.deliveryId, contact_id: bounced!.contactId }]);

    await suppress(db(), clock(), complained!.email, { reason: 'complaint', detail: 'feedback report', recipient: complained! });
    expect(await suppression(complained!.email)).toEqual({ reason: 'complaint', detail: 'feedback report' });
    expect(await events(complained!.email)).toEqual([{ kind: 'complaint', detail: 'feedback report', delivery_id: complained!.deliveryId, contact_id: complained!.contactId }]);
  });

  it('a bounce for a purged or erased ledger row (no address left) records its event but suppresses nothing', async () => {
    const row = rows[1]!;
    const tombstone = `erased:${row.id}`;
    await suppress(db(), clock(), tombstone, { reason: 'hard_bounce', detail: '550 5.1.1 no such user', recipient: row });
    expect(await suppression(tombstone)).toBeUndefined();
    expect(await db().selectFrom('delivery_events').select('kind').where('recipient_id', '=', row.id).where('kind', '=', 'bounce').execute()).toEqual([{ kind: 'bounce' }]);
  });

  it('a failure after the suppression is written leaves neither the suppression nor the event', async () => {
    const row = rows[2]!;
    // The event names a ledger row that does not exist: its insert (the second write) fails on the foreign key.
    const missing = { ...row, id: row.id + 1_000_000 };
    await expect(suppress(db(), clock(), row.email, { reason: 'hard_bounce', detail: '550 5.1.1', recipient: missing })).rejects.toThrow();
    expect(await suppression(row.email)).toBeUndefined();
    expect(await db().selectFrom('delivery_events').select('id').where('recipient_id', '=', missing.id).execute()).toEqual([]);
  });

  it("inside the caller's transaction, a failure later in it takes back the suppression and the event", async () => {
    const row = rows[3]!;
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await suppress(trx, clock(), row.email, { reason: 'hard_bounce', detail: '550 5.1.1', recipient: row });
          throw new Error('the caller failed after suppress()');
        }),
    ).rejects.toThrow('the caller failed after suppress()');
    expect(await suppression(row.email)).toBeUndefined();
    expect(await events(row.email)).toEqual([]);
  });

  it("an address added on the desk is written with its activity entry", async () => {
    await suppressAddress(db(), clock(), ' Desk-Added@Example.org ', { type: 'staff', id: null, label: 'editor@insights.test' });
    expect(await suppression('desk-added@example.org')).toEqual({ reason: 'manual', detail: 'added by editor@insights.test' });
    const logged = await db().selectFrom('activity').select(['action', 'actor_label']).where('subject_type', '=', 'suppression').where('subject_label', '=', 'desk-added@example.org').execute();
    expect(logged).toEqual([{ action: 'suppression.add', actor_label: 'editor@insights.test' }]);
  });
});
