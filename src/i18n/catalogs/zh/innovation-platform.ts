import type { innovationPlatform as en } from '../en/innovation-platform.js';

// 期刊的“创新平台”栏目、会员账户中的职务与推荐，以及工作台中的职务。
export const innovationPlatform: Record<keyof typeof en, string> = {
  'innovationPlatform.intro': '我们的平台将会员企业与中国创新企业联系起来，帮助他们交流想法、发展业务。',
  'innovationPlatform.figuresHeading': '{year} 年第 {quarter} 季度的创新企业引荐：',
  'innovationPlatform.requested': '申请的引荐',
  'innovationPlatform.made': '达成的引荐',
  'innovationPlatform.declined': '被拒绝的申请',
  'innovationPlatform.sectors': '行业：{sectors}',
  'innovationPlatform.fewerThan': '少于 {count}',
  'innovationPlatform.toInnovators': '浏览创新企业名录',
  'innovationPlatform.toServices': '创新中心的服务',
  'innovationPlatform.role.heading': '您的职务',
  'innovationPlatform.role.label': '职务（职位名称）',
  'innovationPlatform.role.hint': '例如“采购主管”。当您申请引荐时，只有在双方都同意之后，创新企业才会得知您的职务，以及您的姓名、公司和邮箱地址。',
  'innovationPlatform.role.save': '保存职务',
  'innovationPlatform.role.saved': '您的职务已保存。',
  'innovationPlatform.error.roleOneLine': '请将职务写在一行内。',
  'innovationPlatform.error.roleTooLong': '职务最多 {count} 个字符。',
  'innovationPlatform.suggestions.heading': '适合贵公司的创新企业',
  'innovationPlatform.suggestions.lede': '我们名录中与贵公司相匹配的创新企业：依据贵公司的行业、您的同事关注的主题，以及贵公司申请结识的创新企业的技术和城市。每条推荐都说明理由。',
  'innovationPlatform.suggestions.empty': '暂时没有与贵公司匹配的创新企业。请在上方选择主题，或浏览名录。',
  'innovationPlatform.suggestions.why': '{part, select, sector {相同行业：{names}} topic {出现在您的同事关注主题的文章中：{names}} technology {与贵公司申请结识的创新企业技术相近：{names}} city {位于贵公司申请结识的创新企业所在城市：{names}} read {出现在您的同事点击过的文章中：{names}} other {{names}}}（{points} 分）',
  'innovationPlatform.desk.role': '职务（职位名称）',
  'innovationPlatform.desk.roleHint': '只有在引荐双方都同意之后，创新企业才能看到。联系人可以在其账户页面修改。',
  'innovationPlatform.desk.suggestionWhy': '{part, select, technology {与该公司申请结识的创新企业技术相近：{names}} city {位于该公司申请结识的创新企业所在城市：{names}} other {{names}}}（{points} 分）',
};
