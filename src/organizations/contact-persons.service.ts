// Contact persons for the introductions domain: who staff may write to, and the opt-out.

export { findContactPersonsOf as listContactPersons, findContactPerson as getContactPerson, markContactPersonOptedOut as optOutContactPerson } from './contact-persons.queries.js';
