import type { retention as source } from '../en/retention.js';

export const retention: Record<keyof typeof source, string> = {
  'retention.networkLogAges': '浏览器标识在 {userAgents} 天后删除；IP 地址作为同意的证明随同意记录保留。',
};
