import type { privacy as source } from '../en/privacy.js';

export const privacy: Record<keyof typeof source, string> = {
  'privacy.account.heading': '您的数据',
  'privacy.account.intro': '您可以获取我们存储的关于您的全部数据副本，或要求全部删除。我们会向您发送一封邮件，通过其中的链接确认请求来自您本人。',
  'privacy.account.export': '给我发送数据下载链接',
  'privacy.account.erase': '给我发送删除数据的链接',
  'privacy.account.exportSent': '我们已向您发送数据下载链接。该链接仅可使用一次，24 小时内有效。',
  'privacy.account.eraseSent': '我们已向您发送确认删除的链接。该链接仅可使用一次，24 小时内有效。',
  'privacy.erase.title': '删除您的数据',
  'privacy.erase.intro': '此操作将删除您的联系人记录、报名信息、留言以及我们存储的关于您的其他全部数据。您将不再收到我们的邮件，也无法再登录。此操作无法撤销。',
  'privacy.erase.confirm': '删除我的数据',
  'privacy.erase.doneTitle': '您的数据已删除',
  'privacy.erase.done': '我们存储的关于您的全部数据均已删除。我们仅保留由您的地址生成的一个代码，以确保不再向您发送邮件。',
  'privacy.link.problem': '此链接无法使用：{reason}',
  'privacy.email.exportSubject': '您在 {site} 的数据',
  'privacy.email.exportBody': '请通过此链接以 JSON 文件形式下载我们存储的关于您的全部数据。该链接仅可使用一次，24 小时内有效。',
  'privacy.email.exportAction': '下载我的数据',
  'privacy.email.eraseSubject': '请确认删除您在 {site} 的数据',
  'privacy.email.eraseBody': '请打开此链接，确认我们应删除存储的关于您的全部数据。该链接仅可使用一次，24 小时内有效。',
  'privacy.email.eraseAction': '确认删除',
  'privacy.email.closing': '如果这不是您本人的请求，请忽略此邮件；没有该链接，任何操作都不会发生。',
};
