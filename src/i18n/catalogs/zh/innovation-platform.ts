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
};
