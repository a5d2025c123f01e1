import type { deskConsent as source } from '../en/desk-consent.js';

export const deskConsent: Record<keyof typeof source, string> = {
  'deskConsent.link': '同意证明',
  'deskConsent.title': '同意证明：{email}',
  'deskConsent.intro': '此地址给出、申请或撤回的每一项同意，按时间先后排列，与记录簿中保存的一致。记录之后从不更改。',
  'deskConsent.none': '此地址没有任何同意记录。',
  'deskConsent.time': '时间（UTC）',
  'deskConsent.purpose': '目的',
  'deskConsent.action': '操作',
  'deskConsent.source': '来源',
  'deskConsent.wording': '显示的文字',
  'deskConsent.network': 'IP 地址和浏览器',
  'deskConsent.noWording': '未显示文字（链接、导入或编辑台）',
  'deskConsent.purposeName': '{purpose, select, newsletter {简报} event_registration {活动报名} program_registration {项目报名} innovator_introduction {创新者介绍} survey {调查} other {使用跟踪}}',
  'deskConsent.actionName': '{action, select, requested {已申请} confirmed {已确认} other {已撤回}}',
  'deskConsent.sourceKind': '{kind, select, form {表单} link {链接} import {导入} desk {编辑台} other {命令行}}',
  'deskConsent.subject': '关于 {subject}',
  'deskConsent.exportCsv': '将证明导出为 CSV',
  'deskConsent.back': '返回联系人',
  'deskConsent.importHint': '可选的第七列 {consent} 注明此人何时、在何处同意接收简报，例如 {example}。没有此列的新联系人导入时不订阅简报；已有联系人保持其订阅状态。',
  'deskConsent.importNotSubscribed': '{count, plural, other {# 个新联系人}}没有同意记录，{dryRun, select, yes {将以未订阅简报的状态导入} other {已以未订阅简报的状态导入}}（会员仍可在网站上阅读）',
};
