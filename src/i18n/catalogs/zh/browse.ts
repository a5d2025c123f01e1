import type { browse as source } from '../en/browse.js';

export const browse: Record<keyof typeof source, string> = {
  'browse.pager.label': '分页',
  'browse.pager.newer': '较新',
  'browse.pager.older': '较早',
  'browse.pager.pageOf': '第{page}页，共{pages}页',
  'browse.pager.page': '第{page}页',
  'browse.archive.titlePage': '往期，第{page}页，共{pages}页',
  'browse.feed.jsonTitle': '{site}（JSON Feed）',
};
