// Messages of the browse pages and paged lists: the archive's pages, topic, sector and organisation pages, feeds.
export const browse = {
  'browse.pager.label': 'Pages',
  'browse.pager.newer': 'Newer',
  'browse.pager.older': 'Older',
  'browse.pager.pageOf': 'Page {page} of {pages}',
  'browse.pager.page': 'Page {page}',
  'browse.archive.titlePage': 'Archive, page {page} of {pages}',
  'browse.feed.jsonTitle': '{site} (JSON Feed)',
} as const;
