import type { innovationPlatform as en } from '../en/innovation-platform.js';

// Der Abschnitt „Innovationsplattform“ einer Ausgabe, Funktion und Vorschläge im Mitgliederkonto, die Funktion im Desk.
export const innovationPlatform: Record<keyof typeof en, string> = {
  'innovationPlatform.intro': 'Unsere Plattform verbindet Mitgliedsunternehmen mit chinesischen Innovatoren, damit sie Ideen austauschen und ihre Geschäfte ausbauen können.',
  'innovationPlatform.figuresHeading': 'Vorstellungen bei Innovatoren im Quartal {quarter}/{year}:',
  'innovationPlatform.requested': 'Angefragte Vorstellungen',
  'innovationPlatform.made': 'Zustande gekommene Vorstellungen',
  'innovationPlatform.declined': 'Abgelehnte Anfragen',
  'innovationPlatform.sectors': 'Branchen: {sectors}',
  'innovationPlatform.fewerThan': 'weniger als {count}',
  'innovationPlatform.toInnovators': 'Zum Verzeichnis der Innovatoren',
  'innovationPlatform.toServices': 'Die Leistungen des Innovation Hub',
};
