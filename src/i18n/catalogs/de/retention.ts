import type { retention as source } from '../en/retention.js';

export const retention: Record<keyof typeof source, string> = {
  'retention.networkLogAges': 'Die Browserkennung wird nach {userAgents} Tagen gelöscht; die IP-Adresse bleibt als Nachweis bei der Einwilligung.',
};
