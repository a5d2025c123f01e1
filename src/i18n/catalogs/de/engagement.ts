import type { engagement as en } from '../en/engagement.js';

// Meldungen der Klickzählung auf der öffentlichen Website (Issue 20).
export const engagement: Record<keyof typeof en, string> = {
  'engagement.forged.title': 'Dieser Link ist ungültig',
  'engagement.forged.text': 'Der Link wurde unterwegs verändert oder abgeschnitten. Öffnen Sie die Ausgabe stattdessen über unser Archiv.',
  'engagement.gone.title': 'Dieser Link ist nicht mehr verfügbar',
  'engagement.gone.text': 'Der Newsletter, aus dem dieser Link stammt, wird nicht mehr vollständig aufbewahrt. Die Ausgabe selbst ist weiterhin auf der Website.',
  'engagement.gone.issue': 'Ausgabe lesen',
  'engagement.gone.allIssues': 'Alle Ausgaben',
  'engagement.consent.wording': 'Ich bin einverstanden, dass {site} erfasst, welche Links in seinen Newslettern ich anklicke, um zu erfahren, was mich interessiert. Ich kann dies jederzeit auf meiner Kontoseite widerrufen; das Erfasste wird dann gelöscht.',
  'engagement.account.heading': 'Klickstatistik',
  'engagement.account.on': 'Sie haben zugestimmt, dass wir erfassen, welche Newsletter-Links Sie anklicken („Nutzungsmessung“).',
  'engagement.account.off': 'Wir zählen Klicks auf Newsletter-Links nur je Link, ohne zu wissen, wer geklickt hat.',
  'engagement.account.siteOff': 'Die Erfassung von Klicks je Person ist für diese Website derzeit ausgeschaltet; Ihre Wahl gilt, sobald sie eingeschaltet wird.',
  'engagement.account.give': 'Meine Klicks erfassen',
  'engagement.account.withdraw': 'Meine Klicks nicht mehr erfassen und löschen',
  'engagement.account.given': 'Gespeichert: Wir erfassen jetzt, welche Newsletter-Links Sie anklicken.',
  'engagement.account.withdrawn': 'Gespeichert: Wir erfassen Ihre Klicks nicht mehr, die erfassten wurden gelöscht.',
  'engagement.privacy.clicksOn': 'Links in unseren Newslettern führen über unsere eigene Website (/r/…) und werden je Link und Newsletter gezählt, ohne zu erfassen, wer geklickt hat; Link-Scanner und Vorschauen werden getrennt gezählt. Wir speichern keine IP-Adresse, nur einen verschlüsselten Hash davon für einen Tag, um Maschinen von Menschen zu unterscheiden.',
  'engagement.privacy.clicksOff': 'Links in unseren Newslettern führen direkt zu ihrem Ziel; Klicks werden nicht gezählt.',
  'engagement.privacy.consent': 'Nur bei Leserinnen und Lesern, die auf ihrer Kontoseite zugestimmt haben („Nutzungsmessung“), werden die eigenen Klicks erfasst; sie können jederzeit widerrufen, wodurch diese Daten gelöscht werden.',
};
