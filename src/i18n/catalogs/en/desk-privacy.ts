// Messages of the desk's personal-data section: a contact's export and erasure (docs/privacy.md).
export const deskPrivacy = {
  'deskPrivacy.heading': 'Personal data',
  'deskPrivacy.intro': 'Answer a data request: download everything stored about this person, or erase it.',
  'deskPrivacy.export': 'Download their data (JSON)',
  'deskPrivacy.erase': 'Erase this person…',
  'deskPrivacy.eraseTitle': 'Erase contact #{id}',
  'deskPrivacy.eraseIntro': 'This deletes or anonymises everything stored about {email} in one go, and cannot be undone. Only a keyed hash of the address is kept, so it is never mailed or imported again. Backups still hold the person until they are re-applied (docs/operations.md).',
  'deskPrivacy.where': 'Where',
  'deskPrivacy.what': 'What happens',
  'deskPrivacy.rows': 'Rows',
  'deskPrivacy.action': '{action, select, delete {deleted} anonymise {anonymised} other {kept}}',
  'deskPrivacy.confirm': 'Erase for good',
  'deskPrivacy.cancel': 'Cancel',
  'deskPrivacy.erased': 'Contact #{id} was erased.',
  'deskPrivacy.csvErased': '{count} rows suppressed (erased), skipped: line {lines}',
} as const;
