import type { privateFeed as source } from '../en/private-feed.js';

// Meldungen des privaten Volltext-Feeds: sein Abschnitt auf /account und der Feed selbst (docs/feeds.md).
export const privateFeed: Record<keyof typeof source, string> = {
  'privateFeed.account.heading': 'Ihr privater Feed',
  'privateFeed.account.intro': 'Lesen Sie die vollständige Ausgabe in Ihrem Feedreader: ein privater Atom-Feed der neuesten Ausgaben mit ihrem vollen Text, einschließlich der Teile nur für Mitglieder.',
  'privateFeed.account.personal': 'Der Link ist persönlich: Wer ihn hat, kann den Feed lesen. Geben Sie ihn nicht weiter; ist er nach außen gelangt, erstellen Sie einen neuen, und der alte funktioniert sofort nicht mehr.',
  'privateFeed.account.none': 'Sie haben noch keinen Feed-Link.',
  'privateFeed.account.exists': 'Sie haben einen Feed-Link, erstellt am {date}. Wir zeigen einen Link nur einmal, wenn er erstellt wird: Haben Sie ihn verloren, erstellen Sie einen neuen.',
  'privateFeed.account.created': 'Hier ist Ihr neuer Feed-Link. Kopieren Sie ihn jetzt in Ihren Feedreader: Wir zeigen ihn nur dieses eine Mal.',
  'privateFeed.account.rotated': 'Ihr bisheriger Feed-Link funktioniert nicht mehr.',
  'privateFeed.account.url': 'Feed-Adresse',
  'privateFeed.account.create': 'Feed-Link erstellen',
  'privateFeed.account.rotate': 'Erneuern: neuen Link erstellen',
  'privateFeed.account.revoke': 'Feed-Link widerrufen',
  'privateFeed.account.revoked': 'Ihr Feed-Link ist widerrufen und funktioniert nicht mehr.',
  'privateFeed.account.notMember': 'Der private Feed mit dem vollen Text ist für Kontakte von Mitgliedsunternehmen.',
  'privateFeed.feed.title': '{site}: vollständige Ausgabe',
  'privateFeed.feed.subtitle': 'Der volle Text jeder Ausgabe, einschließlich der Teile nur für Mitglieder. Dieser Feed ist persönlich: Geben Sie seine Adresse nicht weiter.',
  'privateFeed.notFound': 'Unter dieser Adresse gibt es keinen Feed. Ein Feed-Link funktioniert nicht mehr, wenn er ersetzt oder widerrufen wird oder die Mitgliedschaft endet; erstellen Sie einen neuen auf Ihrer Kontoseite: {url}',
};
