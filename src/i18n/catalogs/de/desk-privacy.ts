import type { deskPrivacy as source } from '../en/desk-privacy.js';

export const deskPrivacy: Record<keyof typeof source, string> = {
  'deskPrivacy.heading': 'Personenbezogene Daten',
  'deskPrivacy.intro': 'Eine Anfrage zu den Daten beantworten: alles über diese Person Gespeicherte herunterladen oder löschen.',
  'deskPrivacy.export': 'Daten herunterladen (JSON)',
  'deskPrivacy.erase': 'Diese Person löschen …',
  'deskPrivacy.eraseTitle': 'Kontakt #{id} löschen',
  'deskPrivacy.eraseIntro': 'Damit wird alles, was über {email} gespeichert ist, in einem Schritt gelöscht oder anonymisiert; das lässt sich nicht rückgängig machen. Nur ein verschlüsselter Hash der Adresse bleibt, damit sie nie wieder angeschrieben oder importiert wird. Sicherungen enthalten die Person, bis die Löschungen erneut angewendet werden (docs/operations.md).',
  'deskPrivacy.where': 'Wo',
  'deskPrivacy.what': 'Was geschieht',
  'deskPrivacy.rows': 'Zeilen',
  'deskPrivacy.action': '{action, select, delete {gelöscht} anonymise {anonymisiert} other {behalten}}',
  'deskPrivacy.confirm': 'Endgültig löschen',
  'deskPrivacy.cancel': 'Abbrechen',
  'deskPrivacy.erased': 'Kontakt #{id} wurde gelöscht.',
  'deskPrivacy.csvErased': '{count} Zeilen gesperrt (gelöscht), übersprungen: Zeile {lines}',
};
