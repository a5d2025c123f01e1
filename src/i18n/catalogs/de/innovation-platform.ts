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
  'innovationPlatform.role.heading': 'Ihre Funktion',
  'innovationPlatform.role.label': 'Funktion (Berufsbezeichnung)',
  'innovationPlatform.role.hint': 'Zum Beispiel „Leiterin Einkauf“. Wenn Sie um eine Vorstellung bitten, erfährt der Innovator sie erst, nachdem beide Seiten zugestimmt haben, zusammen mit Ihrem Namen, Ihrem Unternehmen und Ihrer Adresse.',
  'innovationPlatform.role.save': 'Funktion speichern',
  'innovationPlatform.role.saved': 'Ihre Funktion ist gespeichert.',
  'innovationPlatform.error.roleOneLine': 'Bitte geben Sie die Funktion in einer Zeile an.',
  'innovationPlatform.error.roleTooLong': 'Bitte verwenden Sie für die Funktion höchstens {count} Zeichen.',
  'innovationPlatform.suggestions.heading': 'Innovatoren für Ihr Unternehmen',
  'innovationPlatform.suggestions.lede': 'Innovatoren aus unserem Verzeichnis, die zu Ihrem Unternehmen passen: nach seiner Branche, den Themen, denen Ihre Kolleginnen und Kollegen folgen, und den Technologien und Städten der Innovatoren, die Ihr Unternehmen kennenlernen wollte. Jeder Vorschlag nennt den Grund.',
  'innovationPlatform.suggestions.empty': 'Noch passt kein Innovator zu Ihrem Unternehmen. Wählen Sie oben Themen oder stöbern Sie im Verzeichnis.',
  'innovationPlatform.suggestions.why': '{part, select, sector {Gleiche Branche: {names}} topic {In Beiträgen zu Themen, denen Ihre Kollegen folgen: {names}} technology {Technologien wie die der Innovatoren, die Ihr Unternehmen kennenlernen wollte: {names}} city {In einer Stadt der Innovatoren, die Ihr Unternehmen kennenlernen wollte: {names}} read {Genannt in Beiträgen, die Ihre Kollegen angeklickt haben: {names}} other {{names}}} ({points} Punkte)',
  'innovationPlatform.desk.role': 'Funktion (Berufsbezeichnung)',
  'innovationPlatform.desk.roleHint': 'Ein Innovator sieht sie erst, nachdem beide Seiten einer Vorstellung zugestimmt haben. Der Kontakt kann sie auf seiner Kontoseite ändern.',
  'innovationPlatform.desk.suggestionWhy': '{part, select, technology {Technologien wie die der Innovatoren, die das Unternehmen kennenlernen wollte: {names}} city {In einer Stadt der Innovatoren, die das Unternehmen kennenlernen wollte: {names}} other {{names}}} ({points} Punkte)',
};
