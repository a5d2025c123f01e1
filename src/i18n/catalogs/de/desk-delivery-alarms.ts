// Meldungen zu den Alarmen eines Versands (Issue 19).
export const deskDeliveryAlarms = {
  'deskDeliveryAlarms.email.body': 'Versand #{id} von „{title}“ ({edition, select, full {vollständige Ausgabe} other {Teaser-Ausgabe}}): {alarm}. Bisher {sent} von {total} gesendet, {left} offen.',
  'deskDeliveryAlarms.email.closing': 'Sie erhalten diese E-Mail einmal je Vorfall, als Eigentümer oder Administrator der Website. Der Alarm endet von selbst, sobald der Versand wieder gesund ist.',
  'deskDeliveryAlarms.settings.legend': 'Versand',
  'deskDeliveryAlarms.settings.domainLimits': 'Grenzen je empfangender Domain',
  'deskDeliveryAlarms.settings.domainLimitsHint': 'Höchstens so viele Nachrichten an eine Domain, z. B. qq.com=4000/h, 163.com=1000/h (je s, m, h oder d), durch Kommas getrennt. Hier gespeichert, ersetzt es SEND_DOMAIN_LIMITS; leer: keine festen Grenzen.',
  'deskDeliveryAlarms.settings.badLimit': '„{part}“ ist keine Grenze: Schreiben Sie eine Domain, =, eine Zahl über 0, / und s, m, h oder d, etwa qq.com=4000/h.',
  'deskDeliveryAlarms.timeline.heading': 'Antworten je Domain im Zeitverlauf',
  'deskDeliveryAlarms.timeline.none': 'Noch keine Antworten der empfangenden Server.',
  'deskDeliveryAlarms.timeline.label': 'Antworten pro Minute für {count, plural, one {# Domain} other {# Domains}}, über {minutes, plural, one {# Minute} other {# Minuten}} mit Antworten; höchstens {max} einer Art in einer Minute.',
  'deskDeliveryAlarms.timeline.colours': 'Über jeder Linie: angenommen (grün). Darunter: zurückgestellt (gelbbraun), dann fehlgeschlagen (rot).',
  'deskDeliveryAlarms.timeline.bar': '{domain}, {minute}: {accepted} angenommen, {deferred} zurückgestellt, {failed} fehlgeschlagen',
  'deskDeliveryAlarms.timeline.table': 'Die Zahlen als Tabelle',
  'deskDeliveryAlarms.timeline.minute': 'Minute',
  'deskDeliveryAlarms.timeline.cell': '{accepted} angenommen, {deferred} zurückgestellt, {failed} fehlgeschlagen',
} as const;
