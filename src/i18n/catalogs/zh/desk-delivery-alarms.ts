// 发送告警的文案（issue 19）。
export const deskDeliveryAlarms = {
  'deskDeliveryAlarms.email.body': '“{title}”的发送 #{id}（{edition, select, full {完整版} other {预览版}}）：{alarm}。目前已发送 {sent} / {total}，剩余 {left}。',
  'deskDeliveryAlarms.email.closing': '作为网站的所有者或管理员，每次事件您只会收到一封此邮件。发送恢复正常后，告警会自动解除。',
  'deskDeliveryAlarms.settings.legend': '发送',
  'deskDeliveryAlarms.settings.domainLimits': '各收件域名的发送上限',
  'deskDeliveryAlarms.settings.domainLimitsHint': '每个域名最多发送的邮件数，例如 qq.com=4000/h, 163.com=1000/h（单位 s、m、h 或 d），用逗号分隔。在此保存后将取代 SEND_DOMAIN_LIMITS；留空表示不设固定上限。',
  'deskDeliveryAlarms.settings.badLimit': '“{part}”不是有效的上限：请写域名、=、大于 0 的数字、/ 以及 s、m、h 或 d，例如 qq.com=4000/h。',
  'deskDeliveryAlarms.timeline.heading': '各域名的回复随时间变化',
  'deskDeliveryAlarms.timeline.none': '收件服务器尚无回复。',
  'deskDeliveryAlarms.timeline.label': '{count, plural, other {# 个域名}}每分钟的回复，共 {minutes, plural, other {# 个有回复的分钟}}；每分钟同类回复最多 {max} 封。',
  'deskDeliveryAlarms.timeline.colours': '每条线上方：已接收（绿色）。下方：被延迟（琥珀色），其次为失败（红色）。',
  'deskDeliveryAlarms.timeline.bar': '{domain}，{minute}：已接收 {accepted}，延迟 {deferred}，失败 {failed}',
  'deskDeliveryAlarms.timeline.table': '以表格查看数据',
  'deskDeliveryAlarms.timeline.minute': '分钟',
  'deskDeliveryAlarms.timeline.cell': '已接收 {accepted}，延迟 {deferred}，失败 {failed}',
} as const;
