// Messages about the retention purge (the privacy page's part the site writes itself).
export const retention = {
  'retention.networkLogAges': 'The browser identification is deleted after {userAgents} days; the IP address stays with the consent as its proof.',
} as const;
