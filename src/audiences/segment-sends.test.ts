import { expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { deliveryEnv, seedIssue } from '../../test/support/delivery.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { beginDelivery, changeDelivery, countSendAudience, createSend, EmptySegment } from '../delivery/engine/deliveries.service.js';
import { systemClock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { companyKey, emailKey } from '../members/members.js';
import type { SegmentFilter } from './criteria.js';
import { createSegment, deleteSegment, filterFromForm, listSegments, MAX_SENDS_BACK, parseSegmentForm, previewSegment } from './segments.service.js';

// Segments over contacts and sends to them: every criterion filters, a filter that matches nobody
// says 0, and a contact gets each edition once across the deliveries of overlapping segments, one
// after the other and at once, because the ledger's edition claim is unique.

const NOW = '2026-11-01T00:00:00.000Z';

async function company(db: Database, name: string, industry: string | null, membership: 'active' | 'lapsed'): Promise<number> {
  const row = await db.insertInto('companies').values({ name, name_key: companyKey(name), industry, membership, created_at: NOW, updated_at: NOW }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function contact(db: Database, email: string, values: { companyId?: number | null; language?: 'en' | 'de' | 'zh'; topics?: number[]; subscribed?: boolean } = {}): Promise<number> {
  const row = await db
    .insertInto('contacts')
    .values({ email, email_key: emailKey(email), name: email.split('@')[0]!, language: values.language ?? 'en', company_id: values.companyId ?? null, subscribed: values.subscribed === false ? 0 : 1, subscription_changed_at: null, created_at: NOW, updated_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const topic of values.topics ?? []) await db.insertInto('contact_topics').values({ contact_id: row.id, topic_id: topic }).execute();
  return row.id;
}

async function topic(db: Database, slug: string): Promise<number> {
  const existing = await db.selectFrom('topics').select('id').where('slug', '=', slug).executeTakeFirst();
  if (existing) return existing.id;
  const row = await db.insertInto('topics').values({ slug, name: slug, description: '', position: 99 }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function ledgerContacts(db: Database, deliveryIds: readonly number[]): Promise<number[]> {
  const rows = await db.selectFrom('delivery_recipients').select('contact_id').where('delivery_id', 'in', [...deliveryIds]).execute();
  return rows.map((row) => row.contact_id!).sort((a, b) => a - b);
}

forEachDialect('segment sends', ({ db }) => {
  let slug: string;
  let ids: Record<string, number>;
  let topics: { robots: number; energy: number };
  const ROBOTS = 'seg-robots';
  const ENERGY = 'seg-energy';

  it('each criterion filters the subscribed, unsuppressed contacts; a filter that matches nobody counts 0', async () => {
    slug = await seedIssue(db(), 2031, 'spring');
    // Start from these contacts only (the seeded issue brings none, but keep the test self-contained).
    await db().updateTable('contacts').set({ subscribed: 0 }).execute();
    topics = { robots: await topic(db(), 'seg-robots'), energy: await topic(db(), 'seg-energy') };
    const auto = await company(db(), 'Seg Auto AG', 'Automotive', 'active');
    const chem = await company(db(), 'Seg Chem GmbH', 'Chemicals', 'active');
    const old = await company(db(), 'Seg Old KG', 'Automotive', 'lapsed');
    ids = {
      autoDe: await contact(db(), 'auto-de@seg.test', { companyId: auto, language: 'de', topics: [topics.robots] }),
      autoEn: await contact(db(), 'auto-en@seg.test', { companyId: auto, language: 'en' }),
      chemDe: await contact(db(), 'chem-de@seg.test', { companyId: chem, language: 'de', topics: [topics.energy] }),
      chemZh: await contact(db(), 'chem-zh@seg.test', { companyId: chem, language: 'zh', topics: [topics.robots, topics.energy] }),
      oldDe: await contact(db(), 'old-de@seg.test', { companyId: old, language: 'de' }),
      publicDe: await contact(db(), 'public-de@seg.test', { language: 'de', topics: [topics.robots] }),
      publicEn: await contact(db(), 'public-en@seg.test', { language: 'en' }),
      gone: await contact(db(), 'gone@seg.test', { companyId: auto, language: 'de', subscribed: false }),
      suppressed: await contact(db(), 'suppressed@seg.test', { companyId: auto, language: 'de' }),
    };
    await db().insertInto('suppressions').values({ email_key: emailKey('suppressed@seg.test'), reason: 'manual', detail: null, created_at: NOW }).execute();

    const count = async (filter: SegmentFilter) => {
      const preview = await previewSegment(db(), filter);
      return [preview.full, preview.teaser];
    };
    expect(await count({})).toEqual([4, 3]);
    expect(await count({ edition: 'full' })).toEqual([4, 0]);
    expect(await count({ edition: 'teaser' })).toEqual([0, 3]);
    expect(await count({ companies: [auto] })).toEqual([2, 0]);
    expect(await count({ sectors: ['Automotive'] })).toEqual([2, 1]);
    expect(await count({ memberships: ['lapsed', 'none'] })).toEqual([0, 3]);
    expect(await count({ memberships: ['none'] })).toEqual([0, 2]);
    expect(await count({ languages: ['de'] })).toEqual([2, 2]);
    expect(await count({ topics: [ROBOTS] })).toEqual([2, 1]);
    expect(await count({ topics: [ENERGY], languages: ['zh'] })).toEqual([1, 0]);
    expect(await count({ sectors: ['Automotive'], languages: ['zh'] })).toEqual([0, 0]);
    const sample = (await previewSegment(db(), { languages: ['de'] })).sample.map((person) => person.email);
    expect(sample).toEqual(['auto-de@seg.test', 'chem-de@seg.test', 'old-de@seg.test', 'public-de@seg.test']);

    // A filter that matches nobody may be saved; it says 0.
    const nobody = await createSegment(db(), systemClock, { name: 'Nobody', slug: 'nobody', filter: { sectors: ['Automotive'], languages: ['zh'] } }, SYSTEM_ACTOR);
    expect((await previewSegment(db(), nobody.filter)).total).toBe(0);
  });

  it('a send to a segment that reaches nobody is refused and writes nothing', async () => {
    const nobody = (await listSegments(db())).find((segment) => segment.slug === 'nobody')!;
    await expect(createSend(deliveryEnv(db()), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR, segmentId: nobody.id })).rejects.toBeInstanceOf(EmptySegment);
    const written = await db().selectFrom('deliveries').select('id').where('segment_id', '=', nobody.id).execute();
    expect(written).toEqual([]);
  });

  it('two overlapping segments sent one after the other: the second leaves out whoever the first has', async () => {
    const german = await createSegment(db(), systemClock, { name: 'German readers', slug: 'german', filter: { languages: ['de'] } }, SYSTEM_ACTOR);
    const robots = await createSegment(db(), systemClock, { name: 'Robots', slug: 'robots', filter: { topics: [ROBOTS] } }, SYSTEM_ACTOR);
    const [before] = await countSendAudience(db(), { slug, editions: ['full'], segmentId: robots.id });
    expect(before!.recipients).toBe(2); // autoDe, chemZh

    const first = await createSend(deliveryEnv(db()), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR, segmentId: german.id });
    expect(await ledgerContacts(db(), [first.id])).toEqual([ids.autoDe!, ids.chemDe!].sort((a, b) => a - b));
    const [after] = await countSendAudience(db(), { slug, editions: ['full'], segmentId: robots.id });
    expect(after!.recipients).toBe(1); // chemZh: autoDe has the edition already
    const second = await createSend(deliveryEnv(db()), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR, segmentId: robots.id });
    expect(await ledgerContacts(db(), [second.id])).toEqual([ids.chemZh!]);

    // The whole edition after both: only those not reached yet.
    const everyone = await createSend(deliveryEnv(db()), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR });
    expect(await ledgerContacts(db(), [everyone.id])).toEqual([ids.autoEn!]);
    const all = await ledgerContacts(db(), [first.id, second.id, everyone.id]);
    expect(new Set(all).size).toBe(all.length);

    // Now every member has the full edition: a segment send reaching nobody new is refused.
    await expect(createSend(deliveryEnv(db()), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR, segmentId: (await createSegment(db(), systemClock, { name: 'Auto members', slug: 'auto-members', filter: { edition: 'full', sectors: ['Automotive'] } }, SYSTEM_ACTOR)).id })).rejects.toBeInstanceOf(EmptySegment);
  });

  it('the ledger itself refuses a second row for a contact and edition, even written past the audience query', async () => {
    const row = await db().selectFrom('delivery_recipients').selectAll().where('contact_id', '=', ids.chemZh!).executeTakeFirstOrThrow();
    const { id: _id, ...copy } = row;
    const error = await db().insertInto('delivery_recipients').values({ ...copy, message_id: 'copy', verp_token: 'copy' }).execute().then(() => undefined, (e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('two overlapping segments starting at once: each contact gets one row; a cancel gives its unsent contacts back', async () => {
    const env = deliveryEnv(db());
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const german = (await listSegments(db())).find((segment) => segment.slug === 'german')!;
    const robots = (await listSegments(db())).find((segment) => segment.slug === 'robots')!;
    // The teaser edition: German readers are oldDe and publicDe, robot followers publicDe.
    const a = await createSend(env, { slug, edition: 'teaser', scheduledAt: later, actor: SYSTEM_ACTOR, segmentId: german.id });
    const b = await createSend(env, { slug, edition: 'teaser', scheduledAt: later, actor: SYSTEM_ACTOR, segmentId: robots.id });
    const started = await Promise.all([beginDelivery(env, a.id), beginDelivery(env, b.id)]);
    expect(started).toEqual([true, true]);
    const rows = await ledgerContacts(db(), [a.id, b.id]);
    expect(rows).toEqual([ids.oldDe!, ids.publicDe!].sort((x, y) => x - y));

    // Cancelled before anything went out: its claims are released, and a send to everyone takes them.
    await changeDelivery(db(), systemClock, a.id, 'cancel', SYSTEM_ACTOR);
    await changeDelivery(db(), systemClock, b.id, 'cancel', SYSTEM_ACTOR);
    const everyone = await createSend(env, { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR });
    expect(await ledgerContacts(db(), [everyone.id])).toEqual([ids.oldDe!, ids.publicDe!, ids.publicEn!].sort((x, y) => x - y));
  });

  it('a deleted segment leaves the list; its deliveries keep naming it', async () => {
    const german = (await listSegments(db())).find((segment) => segment.slug === 'german')!;
    await deleteSegment(db(), systemClock, german.id, SYSTEM_ACTOR);
    expect((await listSegments(db())).map((segment) => segment.slug)).not.toContain('german');
    const named = await db().selectFrom('deliveries').innerJoin('segments', 'segments.id', 'deliveries.segment_id').select('segments.name').where('segments.id', '=', german.id).execute();
    expect(named.length).toBeGreaterThan(0);
    // The slug is free again.
    const again = await createSegment(db(), systemClock, { name: 'German again', slug: 'german', filter: { languages: ['de'] } }, SYSTEM_ACTOR);
    expect(again.id).not.toBe(german.id);
  });

  it("engagement: a person's click in one of the site's last N sends (per-contact clicks exist only with the engagement-tracking consent)", async () => {
    const sends = (await db().selectFrom('deliveries').select('id').where('kind', '=', 'send').orderBy('id', 'desc').execute()).map((row) => row.id);
    expect(sends.length).toBeGreaterThanOrEqual(3);
    // Fixture writes of what engagement/ records for a consenting contact's human click.
    const click = (contactId: number, deliveryId: number) => db().insertInto('contact_clicks').values({ contact_id: contactId, delivery_id: deliveryId, language: 'en', link_index: 0, clicked_at: NOW }).execute();
    await click(ids.autoDe!, sends[0]!);
    await click(ids.publicEn!, sends[1]!);
    await click(ids.chemZh!, sends[2]!);
    const count = async (filter: SegmentFilter) => {
      const preview = await previewSegment(db(), filter);
      return [preview.full, preview.teaser];
    };
    expect(await count({ clickedInLastSends: 1 })).toEqual([1, 0]);
    expect(await count({ clickedInLastSends: 2 })).toEqual([1, 1]);
    expect(await count({ clickedInLastSends: 3 })).toEqual([2, 1]);
    expect(await count({ clickedInLastSends: 3, languages: ['de'] })).toEqual([1, 0]);
    // Nobody else has a per-contact click: the contacts without the consent never match.
    expect(await count({ clickedInLastSends: MAX_SENDS_BACK })).toEqual([2, 1]);
    // The form: a number of sends is read; anything else is refused with what to fix.
    expect(filterFromForm({ clickedInLastSends: ['3'] })).toEqual({ clickedInLastSends: 3 });
    expect(filterFromForm({ clickedInLastSends: [''] })).toEqual({});
    for (const bad of ['0', '53', '2.5', 'three']) {
      expect(() => parseSegmentForm({ name: 'Engaged', slug: 'engaged', fields: { clickedInLastSends: [bad] } }), bad).toThrow(Invalid);
    }
  });
});
