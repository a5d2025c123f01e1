import type { engagementOpens as source } from '../en/engagement-opens.js';

export const engagementOpens: Record<keyof typeof source, string> = {
  'engagementOpens.settings.label': '打开计数（不可靠）：通讯邮件包含一张 1×1 图片（/o/…），统计加载次数；仅在联系人同意后才按联系人记录',
  'engagementOpens.settings.hint': '打开次数并不可靠：Apple 邮件隐私保护和图片代理会在无人阅读时加载图片，许多邮件程序会屏蔽图片。默认关闭；需要开启点击计数。',
  'engagementOpens.delivery.heading': '打开次数（不可靠）',
  'engagementOpens.delivery.count': '统计到的打开次数：{count}',
  'engagementOpens.delivery.explanation': '在 1×1 图片加载时计数：邮件隐私功能和图片代理会在无人阅读时加载，被屏蔽的图片永远不计，因此这既不是读者人数，也不是打开率。',
  'engagementOpens.privacy.on': '我们的通讯邮件包含一张不可见的小图片（/o/…）：当您的邮件程序加载它时，我们为该期通讯计一次打开，但不记录是谁打开的。仅对同意“互动追踪”的读者，我们才记录其已打开。',
  'engagementOpens.privacy.off': '我们的通讯邮件不含追踪图片：我们不统计打开次数。',
};
