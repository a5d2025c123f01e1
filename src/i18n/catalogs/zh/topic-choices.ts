import type { topicChoices as en } from '../en/topic-choices.js';

// 主题选择的文案（issue 20）：账户页面的接收方式和通讯中的“您的主题”部分。
export const topicChoices: Readonly<Record<keyof typeof en, string>> = {
  'topicChoices.account.mode': '当您关注部分主题时',
  'topicChoices.account.modeFirst': '先显示这些主题的文章，其他文章仅列出标题',
  'topicChoices.account.modeOnly': '只接收这些主题的文章（本期其余内容在网站上）',
  'topicChoices.account.modeInvalid': '请选择两种接收主题方式中的一种。',
  'topicChoices.email.yourTopics': '您的主题',
  'topicChoices.email.onlyNote': '您只接收所关注主题的文章。完整的一期在网站上：',
  'topicChoices.email.readOnline': '阅读完整一期',
};
