import type { privacy as source } from '../en/privacy.js';

export const privacy: Record<keyof typeof source, string> = {
  'privacy.account.heading': 'Ihre Daten',
  'privacy.account.intro': 'Sie können eine Kopie aller Daten erhalten, die wir über Sie speichern, oder alles löschen lassen. Wir senden Ihnen einen Link, mit dem Sie bestätigen, dass die Anfrage von Ihnen stammt.',
  'privacy.account.export': 'Link zu meinen Daten senden',
  'privacy.account.erase': 'Link zum Löschen meiner Daten senden',
  'privacy.account.exportSent': 'Wir haben Ihnen einen Link zum Herunterladen Ihrer Daten gesendet. Er funktioniert einmal, innerhalb von 24 Stunden.',
  'privacy.account.eraseSent': 'Wir haben Ihnen einen Link zur Bestätigung der Löschung gesendet. Er funktioniert einmal, innerhalb von 24 Stunden.',
  'privacy.erase.title': 'Ihre Daten löschen',
  'privacy.erase.intro': 'Damit löschen Sie Ihren Kontakt, Ihre Anmeldungen, Ihre Nachrichten und alles Weitere, was wir über Sie speichern. Sie erhalten keine E-Mails mehr von uns und können sich nicht mehr anmelden. Das lässt sich nicht rückgängig machen.',
  'privacy.erase.confirm': 'Meine Daten löschen',
  'privacy.erase.doneTitle': 'Ihre Daten sind gelöscht',
  'privacy.erase.done': 'Alles, was wir über Sie gespeichert hatten, ist gelöscht. Wir behalten nur einen aus Ihrer Adresse gebildeten Code, damit wir Ihnen nie wieder schreiben.',
  'privacy.link.problem': 'Dieser Link kann nicht verwendet werden: {reason}',
  'privacy.email.exportSubject': 'Ihre Daten bei {site}',
  'privacy.email.exportBody': 'Hier ist der Link, mit dem Sie alle Daten, die wir über Sie speichern, als JSON-Datei herunterladen. Er funktioniert einmal, innerhalb von 24 Stunden.',
  'privacy.email.exportAction': 'Meine Daten herunterladen',
  'privacy.email.eraseSubject': 'Bestätigen Sie die Löschung Ihrer Daten bei {site}',
  'privacy.email.eraseBody': 'Öffnen Sie diesen Link, um zu bestätigen, dass wir alle Daten löschen sollen, die wir über Sie speichern. Er funktioniert einmal, innerhalb von 24 Stunden.',
  'privacy.email.eraseAction': 'Löschung bestätigen',
  'privacy.email.closing': 'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; ohne den Link geschieht nichts.',
};
