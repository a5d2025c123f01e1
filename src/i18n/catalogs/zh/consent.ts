import type { consent as source } from '../en/consent.js';

export const consent: Record<keyof typeof source, string> = {
  'consent.wording.newsletter': '是的，请将 {site} 发送到我的电子邮箱：介绍创新动态、活动和项目的简报，每年约四期。我可以随时通过每封邮件中的链接或在我的账户页面撤回此同意。',
  'consent.wording.eventRegistration': '我报名参加此活动。{site} 使用我的姓名、电子邮箱、公司和回答来组织活动并就此与我联系。我可以随时取消报名。',
  'consent.wording.programRegistration': '我报名参加此项目。{site} 使用我的姓名、电子邮箱、公司和回答来开展项目并将我介绍给其他参与者。我可以随时撤回报名。',
  'consent.prompt.title': '我们可以给您发送简报吗？',
  'consent.prompt.text': '我们没有您同意通过电子邮件接收 {site} 的记录。我们只向已同意的人发送。点击一次即可记录您的同意；您可以随时撤回。',
  'consent.prompt.button': '是的，请给我发送简报',
  'consent.prompt.done': '谢谢：您的同意已记录，今后您将收到简报。',
  'consent.box.legend': '简报（可选）',
};
