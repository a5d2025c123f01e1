import type { deskPrivacy as source } from '../en/desk-privacy.js';

export const deskPrivacy: Record<keyof typeof source, string> = {
  'deskPrivacy.heading': '个人数据',
  'deskPrivacy.intro': '处理数据请求：下载此人的全部存储数据，或将其删除。',
  'deskPrivacy.export': '下载其数据（JSON）',
  'deskPrivacy.erase': '删除此人…',
  'deskPrivacy.eraseTitle': '删除联系人 #{id}',
  'deskPrivacy.eraseIntro': '此操作将一次性删除或匿名化与 {email} 有关的全部数据，且无法撤销。仅保留该地址的密钥哈希值，确保不再向其发送邮件或再次导入。在重新应用删除之前，备份中仍保留此人（docs/operations.md）。',
  'deskPrivacy.where': '位置',
  'deskPrivacy.what': '处理方式',
  'deskPrivacy.rows': '行数',
  'deskPrivacy.action': '{action, select, delete {删除} anonymise {匿名化} other {保留}}',
  'deskPrivacy.confirm': '永久删除',
  'deskPrivacy.cancel': '取消',
  'deskPrivacy.erased': '联系人 #{id} 已删除。',
  'deskPrivacy.csvErased': '{count} 行已屏蔽（已删除），已跳过：第 {lines} 行',
};
