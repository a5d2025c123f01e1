import type { deskConsent as source } from '../en/desk-consent.js';

export const deskConsent: Record<keyof typeof source, string> = {
  'deskConsent.link': 'Einwilligungsnachweis',
  'deskConsent.title': 'Einwilligungsnachweis: {email}',
  'deskConsent.intro': 'Jede Einwilligung, die diese Adresse erteilt, angefragt oder widerrufen hat, die älteste zuerst, wie das Verzeichnis sie hält. Einträge werden nachträglich nie geändert.',
  'deskConsent.none': 'Für diese Adresse ist keine Einwilligung verzeichnet.',
  'deskConsent.time': 'Zeit (UTC)',
  'deskConsent.purpose': 'Zweck',
  'deskConsent.action': 'Vorgang',
  'deskConsent.source': 'Quelle',
  'deskConsent.wording': 'Gezeigter Wortlaut',
  'deskConsent.network': 'IP-Adresse und Browser',
  'deskConsent.noWording': 'keiner gezeigt (Link, Import oder Redaktion)',
  'deskConsent.purposeName': '{purpose, select, newsletter {Newsletter} event_registration {Veranstaltungsanmeldung} program_registration {Programmanmeldung} innovator_introduction {Vorstellung bei Innovatoren} survey {Umfrage} other {Nutzungsmessung}}',
  'deskConsent.actionName': '{action, select, requested {Angefragt} confirmed {Bestätigt} other {Widerrufen}}',
  'deskConsent.sourceKind': '{kind, select, form {Formular} link {Link} import {Import} desk {Redaktion} other {Kommandozeile}}',
  'deskConsent.subject': 'zu {subject}',
  'deskConsent.exportCsv': 'Nachweis als CSV exportieren',
  'deskConsent.back': 'Zurück zum Kontakt',
  'deskConsent.importHint': 'Eine optionale siebte Spalte, {consent}, gibt an, wann und wo die Person in den Newsletter eingewilligt hat, etwa {example}. Ein neuer Kontakt ohne sie wird ohne Newsletter-Abonnement importiert; vorhandene Kontakte behalten ihr Abonnement.',
  'deskConsent.importNotSubscribed': 'Ohne Einwilligung, daher ohne Newsletter-Abonnement {dryRun, select, yes {zu importieren} other {importiert}}: {count, plural, one {# neuer Kontakt} other {# neue Kontakte}} (Mitglieder lesen weiterhin im Web)',
};
