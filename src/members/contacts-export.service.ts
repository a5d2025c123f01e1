import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { compareText } from '../lib/compare.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { listContactsForExport } from './contacts.queries.js';
import { formatContactsCsv } from './contacts-csv.js';
import { csvConsentOf } from './contacts-csv-consent.js';
import { currentConfirmations } from '../consent/consent.service.js';

/**
 * Every contact as a contacts CSV, by address, with the newsletter consent in force (its latest
 * confirmation, unless withdrawn since) in the `consent` column; importing it again changes nothing. The export
 * holds personal data, so who took it is recorded in the activity log.
 */
export async function exportContacts(db: Database, clock: Clock, actor: Actor): Promise<{ csv: string; count: number }> {
  return db.transaction().execute(async (trx) => {
    const consents = await currentConfirmations(trx, 'newsletter');
    const contacts = (await listContactsForExport(trx)).map((contact) => ({ ...contact, consent: csvConsentOf(consents.get(contact.id)) }));
    // Sorted here, not in SQL, so every engine and server locale writes the same bytes.
    contacts.sort((a, b) => compareText(a.emailKey, b.emailKey));
    await recordActivity(trx, clock, actor, 'contacts.export', { type: 'contacts', id: null, label: 'contacts CSV' }, `${contacts.length} contacts`);
    return { csv: formatContactsCsv(contacts), count: contacts.length };
  });
}
