// Messages of the "Innovation platform" section of an issue (web and both email editions), the
// member account's contact role and innovator suggestions, and the desk's contact role.
export const innovationPlatform = {
  'innovationPlatform.intro': 'Our platform connects member companies with Chinese innovators to help them exchange ideas and grow their businesses.',
  'innovationPlatform.figuresHeading': 'Innovator introductions in {year} Q{quarter}:',
  'innovationPlatform.requested': 'Introductions requested',
  'innovationPlatform.made': 'Introductions made',
  'innovationPlatform.declined': 'Requests declined',
  'innovationPlatform.sectors': 'Sectors: {sectors}',
  'innovationPlatform.fewerThan': 'fewer than {count}',
  'innovationPlatform.toInnovators': 'Browse the innovators directory',
  'innovationPlatform.toServices': 'The Innovation Hub’s services',
} as const;
