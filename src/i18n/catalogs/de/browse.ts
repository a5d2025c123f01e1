import type { browse as source } from '../en/browse.js';

export const browse: Record<keyof typeof source, string> = {
  'browse.pager.label': 'Seiten',
  'browse.pager.newer': 'Neuere',
  'browse.pager.older': 'Ältere',
  'browse.pager.pageOf': 'Seite {page} von {pages}',
  'browse.pager.page': 'Seite {page}',
  'browse.archive.titlePage': 'Archiv, Seite {page} von {pages}',
  'browse.feed.jsonTitle': '{site} (JSON Feed)',
};
