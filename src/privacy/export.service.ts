import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, Invalid, NotFound } from '../lib/errors.js';
import { erasedAddressHash, normaliseAddress } from './erasure.service.js';
import { PERSONAL_TABLES } from './personal-data.js';
import type { DataSubject, PersonalDataExport } from './privacy.js';
import { findContactIdByKey, isStaffAddress, selectLocated } from './privacy.queries.js';

// Export (Art. 15 and 20): a person's data as one JSON document, one section per registry
// entry that exports (contact, company, topics, registrations with their answers, inquiries,
// the delivery ledger, activity about them, …), every column except secrets.

const ADDRESS = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;

/**
 * Everything the registry holds about the address, as one document. Throws `Invalid` for
 * something that is not an address, `Conflict` for a staff address, `NotFound` when nothing is held.
 */
export async function exportPersonalData(db: Executor, clock: Clock, erasureKey: string, email: string, actor: Actor): Promise<PersonalDataExport> {
  const emailKey = normaliseAddress(email);
  if (!ADDRESS.test(emailKey) || emailKey.length > 254) throw new Invalid(`"${email}" is not an email address; give the address the person asked about, like name@company.com.`);
  if (await isStaffAddress(db, emailKey)) throw new Conflict(`${emailKey} belongs to a staff account, not to a contact; a staff member's data is on the desk's staff page.`);
  const subject: DataSubject = { emailKey, contactId: await findContactIdByKey(db, emailKey), addressHash: erasedAddressHash(erasureKey, emailKey) };
  const sections: Record<string, Record<string, unknown>[]> = {};
  for (const entry of PERSONAL_TABLES) {
    if (entry.exportAs === null) continue;
    const rows = await selectLocated(db, entry, subject);
    sections[entry.exportAs] = [...(sections[entry.exportAs] ?? []), ...rows];
  }
  if (subject.contactId === null && Object.values(sections).every((rows) => rows.length === 0)) {
    throw new NotFound(`Nothing is stored about ${emailKey}: no contact, registration, inquiry or message has this address.`);
  }
  const label = subject.contactId === null ? 'an address without a contact' : `contact #${subject.contactId}`;
  await recordActivity(db, clock, actor, 'contact.export', { type: 'contact', id: subject.contactId, label }, null);
  return { format: 'innovation-insights/personal-data/1', exportedAt: clock.now().toISOString(), address: emailKey, sections };
}
