import type { engagementOpens as source } from '../en/engagement-opens.js';

export const engagementOpens: Record<keyof typeof source, string> = {
  'engagementOpens.settings.label': 'Öffnungszählung (unzuverlässig): Newsletter-E-Mails enthalten ein 1×1-Bild (/o/…), das zählt, wer es geladen hat; je Kontakt nur mit Einwilligung',
  'engagementOpens.settings.hint': 'Öffnungen sind unzuverlässig: Apple Mail Privacy Protection und Bild-Proxys laden das Bild, ohne dass jemand liest, und viele E-Mail-Programme blockieren Bilder. Standardmäßig aus; setzt die Klickzählung voraus.',
  'engagementOpens.delivery.heading': 'Öffnungen (unzuverlässig)',
  'engagementOpens.delivery.count': 'Gezählte Öffnungen: {count}',
  'engagementOpens.delivery.explanation': 'Gezählt, wenn das 1×1-Bild geladen wird: Datenschutzfunktionen und Bild-Proxys laden es ohne Leser, blockierte Bilder zählen nie; die Zahl ist also weder eine Leserzahl noch eine Quote.',
  'engagementOpens.privacy.on': 'Unsere Newsletter-E-Mails enthalten ein kleines unsichtbares Bild (/o/…): Wenn Ihr E-Mail-Programm es lädt, zählen wir eine Öffnung dieses Newsletters, ohne festzuhalten, wer ihn geöffnet hat. Nur bei Lesern, die der Engagement-Auswertung zugestimmt haben, speichern wir, dass sie ihn geöffnet haben.',
  'engagementOpens.privacy.off': 'Unsere Newsletter-E-Mails enthalten kein Zählbild: Wir zählen keine Öffnungen.',
};
