import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Invalid, NotFound } from '../lib/errors.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { resolveTopicIds } from '../content/taxonomy.service.js';
import { emailKey, LANGUAGES, type Contact, type Language } from './members.js';
import { findContactByEmailKey, findContactById, replaceContactTopics, updateContactPreferences } from './contacts.queries.js';

/** A contact by address, compared without regard to case. */
export function findContactByEmail(db: Executor, email: string): Promise<Contact | undefined> {
  return findContactByEmailKey(db, emailKey(email));
}

/** A contact by id; throws NotFound. */
export async function getContact(db: Executor, id: number): Promise<Contact> {
  const contact = await findContactById(db, id);
  if (!contact) throw new NotFound('There is no such contact.');
  return contact;
}

/** What a contact can change about themselves on /account. */
export interface Preferences {
  readonly language: Language;
  readonly subscribed: boolean;
  /** Topic slugs; empty means all topics. */
  readonly topics: readonly string[];
}

/** Applies a contact's own preference changes at once; records them in the activity log. */
export async function updatePreferences(db: Database, clock: Clock, contactId: number, preferences: Preferences, actor: Actor): Promise<Contact> {
  if (!(LANGUAGES as readonly string[]).includes(preferences.language)) {
    throw new Invalid('Choose one of the offered languages.', [{ where: 'language', message: 'choose one of the offered languages' }]);
  }
  return db.transaction().execute(async (trx) => {
    const before = await getContact(trx, contactId);
    const topicIds = await resolveTopicIds(trx, preferences.topics);
    await updateContactPreferences(trx, contactId, {
      language: preferences.language,
      subscribed: preferences.subscribed,
      subscriptionChanged: before.subscribed !== preferences.subscribed,
      updatedAt: clock.now().toISOString(),
    });
    await replaceContactTopics(trx, contactId, topicIds);
    const change = before.subscribed === preferences.subscribed ? 'preferences' : preferences.subscribed ? 'subscribed' : 'unsubscribed';
    await recordActivity(trx, clock, actor, 'contact.preferences', { type: 'contact', id: contactId, label: before.email }, change);
    return getContact(trx, contactId);
  });
}
