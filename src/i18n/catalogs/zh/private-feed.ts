import type { privateFeed as source } from '../en/private-feed.js';

// 私人全文订阅源的文案：/account 页面上的相应部分以及订阅源本身（docs/feeds.md）。
export const privateFeed: Record<keyof typeof source, string> = {
  'privateFeed.account.heading': '您的私人订阅源',
  'privateFeed.account.intro': '在您的订阅阅读器中阅读完整版：一个私人 Atom 订阅源，包含最新各期的全文，含仅限会员的内容。',
  'privateFeed.account.personal': '此链接仅供您本人使用：任何持有它的人都能阅读该订阅源。请勿分享；如已泄露，请生成新链接，旧链接将立即失效。',
  'privateFeed.account.none': '您还没有订阅源链接。',
  'privateFeed.account.exists': '您已有一个订阅源链接，生成于 {date}。链接仅在生成时显示一次：如已遗失，请生成新链接。',
  'privateFeed.account.created': '这是您的新订阅源链接。请立即将其复制到您的订阅阅读器中：它只显示这一次。',
  'privateFeed.account.rotated': '您之前的订阅源链接已失效。',
  'privateFeed.account.url': '订阅源地址',
  'privateFeed.account.create': '生成订阅源链接',
  'privateFeed.account.rotate': '更换：生成新链接',
  'privateFeed.account.revoke': '撤销订阅源链接',
  'privateFeed.account.revoked': '您的订阅源链接已撤销，不再有效。',
  'privateFeed.account.notMember': '含全文的私人订阅源仅面向会员企业的联系人。',
  'privateFeed.feed.title': '{site}：完整版',
  'privateFeed.feed.subtitle': '每一期的全文，含仅限会员的内容。此订阅源仅供您本人使用：请勿分享其地址。',
  'privateFeed.notFound': '此地址没有订阅源。订阅源链接在被更换或撤销、或会员资格终止后失效；请在您的账户页面生成新链接：{url}',
};
