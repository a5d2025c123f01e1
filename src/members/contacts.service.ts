import { z } from 'zod';
import type { Database, Executor } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import type { Clock } from '../lib/clock.js';
import { Invalid, NotFound, type Problem } from '../lib/errors.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { resolveTopicIds } from '../content/taxonomy.service.js';
import type { ConsentSource } from '../consent/consent.js';
import { recordConsent } from '../consent/consent.service.js';
import { extendSessionIfDue, sessionIdOf } from '../auth/sessions.service.js';
import { DEFAULT_LANGUAGE } from '../i18n/languages.js';
import { findErasedAddresses } from '../privacy/erasure.service.js';
import { getCompany } from './companies.service.js';
import { checkRole, emailKey, LANGUAGES, pagedOf, TOPIC_MODES, type TopicMode, ROLE_MAX_LENGTH, type Contact, type ContactFilter, type ContactIdentity, type Language, type Paged } from './members.js';
import {
  countContacts, findContactByEmailKey, findContactById, findContactIds, findContactsByIds, insertContact, replaceContactTopics, updateContactDetails,
  updateContactPreferences, updateContactRole,
  findSessionContact,
} from './contacts.queries.js';

/** A contact by address, compared without regard to case. */
export function findContactByEmail(db: Executor, email: string): Promise<Contact | undefined> {
  return findContactByEmailKey(db, emailKey(email));
}

/** The language mail to an address is written in: its contact's, or the site's (en) when no contact has it. */
export async function mailLanguageOf(db: Executor, email: string): Promise<Language> {
  return (await findContactByEmail(db, email))?.language ?? DEFAULT_LANGUAGE;
}

/** A contact by id; throws NotFound. */
/** The contact behind a member session cookie's token (extending the session when due), or undefined. */
export async function resumeContactSession(db: Executor, clock: Clock, token: string): Promise<ContactIdentity | undefined> {
  const sessionId = sessionIdOf(token);
  if (!sessionId) return undefined;
  const found = await findSessionContact(db, sessionId, clock.now().toISOString());
  if (!found) return undefined;
  await extendSessionIfDue(db, clock, { id: sessionId, expiresAt: found.expiresAt }, 'member');
  return found.contact;
}

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
  /** How the followed topics shape the newsletter (unchanged when absent). */
  readonly topicMode?: string;
}

/**
 * Applies a contact's own preference changes at once (in the caller's transaction, if given one);
 * records them in the activity log and, when the subscription changes, in the consent ledger
 * (`confirmed` or `withdrawn`, from `consent`: the account form or an unsubscribe link).
 */
export async function updatePreferences(db: Executor, clock: Clock, contactId: number, preferences: Preferences, actor: Actor, consent: ConsentSource): Promise<Contact> {
  if (!(LANGUAGES as readonly string[]).includes(preferences.language)) {
    throw new Invalid('Choose one of the offered languages.', [{ where: 'language', message: 'choose one of the offered languages' }]);
  }
  if (preferences.topicMode !== undefined && !(TOPIC_MODES as readonly string[]).includes(preferences.topicMode)) {
    throw new Invalid('Choose one of the two ways to receive your topics.', [{ where: 'topicMode', message: 'choose one of the two ways to receive your topics' }]);
  }
  return inTransaction(db, async (trx) => {
    const before = await getContact(trx, contactId);
    const topicIds = await resolveTopicIds(trx, preferences.topics);
    await updateContactPreferences(trx, contactId, {
      language: preferences.language,
      ...(preferences.topicMode !== undefined ? { topicMode: preferences.topicMode as TopicMode } : {}),
      subscribed: preferences.subscribed,
      subscriptionChanged: before.subscribed !== preferences.subscribed,
      updatedAt: clock.now().toISOString(),
    });
    await replaceContactTopics(trx, contactId, topicIds);
    if (before.subscribed !== preferences.subscribed) {
      await recordConsent(trx, clock, { ...consent, contactId, purpose: 'newsletter', action: preferences.subscribed ? 'confirmed' : 'withdrawn' });
    }
    const change = before.subscribed === preferences.subscribed ? 'preferences' : preferences.subscribed ? 'subscribed' : 'unsubscribed';
    await recordActivity(trx, clock, actor, 'contact.preferences', { type: 'contact', id: contactId, label: before.email }, change);
    return getContact(trx, contactId);
  });
}

/**
 * A contact's own role (job title) from the account page: trimmed, one line, at most
 * ROLE_MAX_LENGTH characters; '' clears it. Recorded in the activity log.
 */
export async function updateOwnRole(db: Executor, clock: Clock, contactId: number, typed: string, actor: Actor): Promise<Contact> {
  const checked = checkRole(typed);
  if ('problem' in checked) {
    const message = checked.problem.startsWith('role must be on one line') ? 'Keep the role on one line.' : `Use at most ${ROLE_MAX_LENGTH} characters for the role.`;
    throw new Invalid(message, [{ where: 'role', message }]);
  }
  return inTransaction(db, async (trx) => {
    const before = await getContact(trx, contactId);
    if (before.role === checked.role) return before;
    await updateContactRole(trx, contactId, checked.role, clock.now().toISOString());
    await recordActivity(trx, clock, actor, 'contact.role', { type: 'contact', id: contactId, label: before.email }, checked.role === '' ? 'cleared' : 'changed');
    return getContact(trx, contactId);
  });
}

// ---- The desk: list, create and edit contacts. ----

/** How many contacts one page of the desk's list shows. */
export const CONTACTS_PER_PAGE = 50;

/** One page of contacts by address, narrowed by the filter. */
export async function listContacts(db: Executor, filter: ContactFilter, page: number): Promise<Paged<Contact>> {
  const current = Math.max(1, page);
  const total = await countContacts(db, filter);
  const ids = await findContactIds(db, filter, { limit: CONTACTS_PER_PAGE, offset: (current - 1) * CONTACTS_PER_PAGE });
  return pagedOf(await findContactsByIds(db, ids), total, current, CONTACTS_PER_PAGE);
}

const contactFormSchema = z.object({
  email: z.string().trim().min(1, 'enter the email address').max(254, 'use at most 254 characters').email('enter a valid email address, like name@company.com'),
  name: z.string().trim().max(200, 'use at most 200 characters'),
  role: z.string().trim().max(ROLE_MAX_LENGTH, `use at most ${ROLE_MAX_LENGTH} characters`).refine((value) => !/[\r\n]/.test(value), 'keep the role on one line').default(''),
  language: z.string().pipe(z.enum(LANGUAGES, { errorMap: () => ({ message: 'choose one of the offered languages' }) })),
  companyId: z.number({ invalid_type_error: 'choose one of the listed companies' }).int().positive().nullable(),
  subscribed: z.boolean(),
  topics: z.array(z.string()),
});

/** The contact form as the desk submits it. */
export type ContactForm = z.input<typeof contactFormSchema>;

function parseContactForm(form: ContactForm): z.output<typeof contactFormSchema> {
  const parsed = contactFormSchema.safeParse(form);
  if (parsed.success) return parsed.data;
  throw new Invalid(
    'Check the highlighted fields.',
    // The form's field for `companyId` is called `company`.
    parsed.error.issues.map((issue) => ({ where: issue.path[0] === 'companyId' ? 'company' : String(issue.path[0] ?? ''), message: issue.message })),
  );
}

/** Checks what a contact form refers to: a free address, an existing company, known topics. */
async function checkContactForm(trx: Executor, input: z.output<typeof contactFormSchema>, ownId: number | undefined, erasureKey: string): Promise<number[]> {
  const problems: Problem[] = [];
  const clash = await findContactByEmailKey(trx, emailKey(input.email));
  if (clash && clash.id !== ownId) {
    problems.push({ where: 'email', message: `another contact already has the address ${clash.email} (addresses are compared without regard to case)` });
  }
  // An erased person is not added back by staff (as the import skips them); they may sign up again themselves.
  if (!clash && (await findErasedAddresses(trx, erasureKey, [input.email])).size > 0) {
    problems.push({ where: 'email', message: 'this address was erased at the person\'s request and is not added again; they can sign up again themselves on the site' });
  }
  if (input.companyId !== null && !(await getCompany(trx, input.companyId).catch(() => undefined))) {
    problems.push({ where: 'company', message: 'choose one of the listed companies' });
  }
  let topicIds: number[] = [];
  try {
    topicIds = await resolveTopicIds(trx, input.topics);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0) throw new Invalid(clash && clash.id !== ownId ? 'This address is taken.' : 'Check the highlighted fields.', problems);
  return topicIds;
}

/** A desk change in the ledger: the staff member who made it (they vouch for a consent given elsewhere). */
function deskConsentSource(actor: Actor): ConsentSource {
  return { kind: actor.type === 'staff' ? 'desk' : 'cli', source: `${actor.type === 'staff' ? 'staff' : actor.type} ${actor.id ?? '-'} ${actor.label}` };
}

/** Adds a contact from the desk; new contacts are subscribed unless the form says otherwise. */
/** `erasureKey`: Config.erasureKey, to refuse an erased person's address. */
export async function createContact(db: Database, clock: Clock, form: ContactForm, actor: Actor, erasureKey: string): Promise<Contact> {
  const input = parseContactForm(form);
  return db.transaction().execute(async (trx) => {
    const topicIds = await checkContactForm(trx, input, undefined, erasureKey);
    const now = clock.now().toISOString();
    const id = await insertContact(trx, { email: input.email, emailKey: emailKey(input.email), name: input.name, role: input.role, language: input.language, companyId: input.companyId, subscribed: input.subscribed, now });
    await replaceContactTopics(trx, id, topicIds);
    if (input.subscribed) await recordConsent(trx, clock, { ...deskConsentSource(actor), contactId: id, purpose: 'newsletter', action: 'confirmed' });
    await recordActivity(trx, clock, actor, 'contact.create', { type: 'contact', id, label: input.email }, input.subscribed ? null : 'not subscribed');
    return getContact(trx, id);
  });
}

/** Changes a contact from the desk: address, name, language, company, subscription, topics. */
export async function updateContact(db: Database, clock: Clock, id: number, form: ContactForm, actor: Actor, erasureKey: string): Promise<Contact> {
  const input = parseContactForm(form);
  return db.transaction().execute(async (trx) => {
    const before = await getContact(trx, id);
    const topicIds = await checkContactForm(trx, input, id, erasureKey);
    const subscriptionChanged = before.subscribed !== input.subscribed;
    await updateContactDetails(trx, id, { ...input, emailKey: emailKey(input.email) }, subscriptionChanged, clock.now().toISOString());
    await replaceContactTopics(trx, id, topicIds);
    if (subscriptionChanged) await recordConsent(trx, clock, { ...deskConsentSource(actor), contactId: id, purpose: 'newsletter', action: input.subscribed ? 'confirmed' : 'withdrawn' });
    const detail = subscriptionChanged ? (input.subscribed ? 'subscribed' : 'unsubscribed') : null;
    await recordActivity(trx, clock, actor, 'contact.update', { type: 'contact', id, label: input.email }, detail);
    return getContact(trx, id);
  });
}

export { findTopicsFollowedAtCompany as getTopicsFollowedAtCompany } from './contacts.queries.js';
