import type { browse as source } from '../en/browse.js';

export const browse: Record<keyof typeof source, string> = {
  'browse.pager.label': 'Seiten',
  'browse.pager.newer': 'Neuere',
  'browse.pager.older': 'Ältere',
  'browse.pager.pageOf': 'Seite {page} von {pages}',
  'browse.pager.page': 'Seite {page}',
  'browse.archive.titlePage': 'Archiv, Seite {page} von {pages}',
  'browse.feed.jsonTitle': '{site} (JSON Feed)',
  'browse.topic.kicker': 'Thema',
  'browse.sector.kicker': 'Branche',
  'browse.term.description': 'Beiträge zu {name} von {site}, die neuesten zuerst.',
  'browse.term.titlePage': '{name}, Seite {page} von {pages}',
  'browse.term.empty': 'Zu diesem Thema ist noch kein Beitrag erschienen.',
  'browse.term.stories': 'Beiträge',
  'browse.term.follow': 'Folgen Sie neuen Beiträgen zu diesem Thema mit dem {atom} oder dem {json}.',
  'browse.feed.atom': 'Atom-Feed',
  'browse.feed.json': 'JSON Feed',
  'browse.feed.termSubtitle': 'Beiträge zu {name}: die öffentliche Web-Ausgabe.',
};
