import type { engagement as en } from '../en/engagement.js';

// 公开网站上的点击统计消息（Issue 20）。
export const engagement: Record<keyof typeof en, string> = {
  'engagement.forged.title': '此链接无效',
  'engagement.forged.text': '该链接在传递过程中被修改或截断。请改从我们的往期存档中打开这一期。',
  'engagement.gone.title': '此链接已不可用',
  'engagement.gone.text': '此链接所属的通讯已不再完整保存。该期内容仍在网站上。',
  'engagement.gone.issue': '阅读这一期',
  'engagement.gone.allIssues': '所有期刊',
  'engagement.consent.wording': '我同意 {site} 记录我点击了其通讯中的哪些链接，以了解我的兴趣。我可以随时在我的账户页面撤回，已记录的内容随之删除。',
  'engagement.account.heading': '点击统计',
  'engagement.account.on': '您已同意我们记录您点击了哪些通讯链接（“互动统计”）。',
  'engagement.account.off': '我们只按链接统计通讯链接的点击次数，不知道是谁点击的。',
  'engagement.account.siteOff': '本网站目前已关闭按人记录点击；开启后您的选择即生效。',
  'engagement.account.give': '记录我的点击',
  'engagement.account.withdraw': '停止记录并删除我的点击',
  'engagement.account.given': '已保存：我们现在会记录您点击了哪些通讯链接。',
  'engagement.account.withdrawn': '已保存：我们不再记录您的点击，已记录的点击已删除。',
  'engagement.privacy.clicksOn': '我们通讯中的链接经由本网站（/r/…）跳转，按链接和期次计数，不记录是谁点击的；链接扫描器和预览会单独计数。我们不保存 IP 地址，只保存其加密哈希一天，用于区分机器与真人。',
  'engagement.privacy.clicksOff': '我们通讯中的链接直接指向目标；不统计点击。',
  'engagement.privacy.consent': '只有在账户页面同意（“互动统计”）的读者，其本人的点击才会被记录；他们可随时撤回，相关记录随之删除。',
};
