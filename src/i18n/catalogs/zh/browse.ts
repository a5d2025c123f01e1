import type { browse as source } from '../en/browse.js';

export const browse: Record<keyof typeof source, string> = {
  'browse.pager.label': '分页',
  'browse.pager.newer': '较新',
  'browse.pager.older': '较早',
  'browse.pager.pageOf': '第{page}页，共{pages}页',
  'browse.pager.page': '第{page}页',
  'browse.archive.titlePage': '往期，第{page}页，共{pages}页',
  'browse.feed.jsonTitle': '{site}（JSON Feed）',
  'browse.topic.kicker': '主题',
  'browse.sector.kicker': '行业',
  'browse.term.description': '{site}关于{name}的文章，最新的在前。',
  'browse.term.titlePage': '{name}，第{page}页，共{pages}页',
  'browse.term.empty': '这一主题下尚未发表文章。',
  'browse.term.stories': '文章',
  'browse.term.follow': '通过{atom}或{json}关注这一主题的新文章。',
  'browse.feed.atom': 'Atom 订阅源',
  'browse.feed.json': 'JSON Feed',
  'browse.feed.termSubtitle': '关于{name}的文章：公开网络版。',
};
