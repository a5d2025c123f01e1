import { expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { createContact } from '../../test/support/people.js';
import { erasedAddressHash } from './erasure.service.js';
import { CONSENT_EVENTS_ENTRY } from './personal-data.js';
import { anonymiseLocated, countLocated, deleteLocated } from './privacy.queries.js';

// The consent ledger's registry entry does what Art. 17(3)(e) allows on both engines: the rows
// stay with purpose, action, time and wording, the person becomes the keyed hash; a row that
// only mentions someone else is left alone.

const KEY = 'test-erasure-key-that-is-long-enough-9876543210';

forEachDialect('the consent ledger entry', ({ db }) => {
  it('anonymises consent rows to the keyed hash and keeps purpose, action, time and wording', async () => {
    const contactId = await createContact(db(), 'Cora.Consent@Example.test', null);
    await db().insertInto('consent_wordings').values({ id: 'newsletter-en-1', purpose: 'newsletter', language: 'en', text: 'Yes, send me the newsletter.', created_at: '2026-11-01T00:00:00.000Z' }).execute();
    await db().insertInto('consent_events').values([
      { contact_id: contactId, purpose: 'newsletter', action: 'requested', occurred_at: '2026-11-01T10:00:00.000Z', source_kind: 'form', source: '/subscribe', wording_id: 'newsletter-en-1', subject_ref: null, ip: '203.0.113.9', user_agent: 'Firefox' },
      { contact_id: null, purpose: 'newsletter', action: 'confirmed', occurred_at: '2026-11-01T10:05:00.000Z', source_kind: 'import', source: 'import by cora.consent@example.test', wording_id: null, subject_ref: 'cora.consent@example.test', ip: null, user_agent: null },
      { contact_id: null, purpose: 'newsletter', action: 'confirmed', occurred_at: '2026-11-01T11:00:00.000Z', source_kind: 'form', source: '/subscribe', wording_id: null, subject_ref: 'someone@else.test', ip: null, user_agent: null },
    ]).execute();

    const subject = { emailKey: 'cora.consent@example.test', contactId, addressHash: erasedAddressHash(KEY, 'cora.consent@example.test') };
    expect(await countLocated(db(), CONSENT_EVENTS_ENTRY, subject)).toBe(2);
    if (CONSENT_EVENTS_ENTRY.erasure.action !== 'anonymise') throw new Error('the consent entry must anonymise');
    expect(await anonymiseLocated(db(), CONSENT_EVENTS_ENTRY, CONSENT_EVENTS_ENTRY.erasure.set, subject)).toBe(2);
    // With the rows unlinked, the contact can go.
    await deleteLocated(db(), { kind: 'table', table: 'contacts', exportAs: null, personal: [], locate: [{ by: 'contact', column: 'id' }], erasure: { action: 'delete' }, holds: '' }, subject);

    const rows = await db().selectFrom('consent_events').select(['contact_id', 'subject_hash', 'purpose', 'action', 'occurred_at', 'source', 'wording_id', 'subject_ref', 'ip', 'user_agent']).orderBy('occurred_at').execute();
    expect(rows).toEqual([
      { contact_id: null, subject_hash: subject.addressHash, purpose: 'newsletter', action: 'requested', occurred_at: '2026-11-01T10:00:00.000Z', source: '', wording_id: 'newsletter-en-1', subject_ref: null, ip: null, user_agent: null },
      { contact_id: null, subject_hash: subject.addressHash, purpose: 'newsletter', action: 'confirmed', occurred_at: '2026-11-01T10:05:00.000Z', source: '', wording_id: null, subject_ref: null, ip: null, user_agent: null },
      { contact_id: null, subject_hash: null, purpose: 'newsletter', action: 'confirmed', occurred_at: '2026-11-01T11:00:00.000Z', source: '/subscribe', wording_id: null, subject_ref: 'someone@else.test', ip: null, user_agent: null },
    ]);
  });
});
