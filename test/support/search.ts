import type { SearchOutcome, SearchRequest } from '../../src/search/search.js';

// Search fixtures: a few stories in English, German and Chinese with members-only words, a
// published issue listing them and a draft issue listing one more, as content-folder files.

const story = (title: string, teaser: string, members: string, topics = ['technology-trends'], sectors = ['automotive']) =>
  `---\ntitle: ${title}\nkind: news\ntopics:\n${topics.map((t) => `  - ${t}`).join('\n')}\nsectors:\n${sectors.map((s) => `  - ${s}`).join('\n')}\n---\n${teaser}\n\n<!-- members-only -->\n${members}\n`;

/** An issue file listing stories (published ones dated 2025-04-17). */
export const searchIssueFile = (slug: string, status: string, stories: readonly string[]) => `---\ntitle: Issue ${slug}\nseason: ${slug.slice(5)}\nyear: ${slug.slice(0, 4)}\nstatus: ${status}\n${status === 'draft' ? '' : 'published_at: 2025-04-17T08:00:00Z\n'}sections:\n  - kind: landscape\n    heading: Landscape\n    items:\n${stories.map((s) => `      - story: ${s}`).join('\n')}\n---\nAn intro.\n`;

/** The search content: three listed stories (English, German, Chinese words) and one only a draft issue lists. */
export const SEARCH_FILES: Readonly<Record<string, string>> = {
  'stories/battery.md': story('Batterierecycling in Sachsen', 'Künstliche Intelligenz sorts batteries in München.', 'Members learn about zebrafinch pricing.'),
  'stories/nev.md': story('新能源汽车销量大增', '比亚迪的新能源汽车在2023年销量翻倍。', '会员专享分析：固态电池。', ['technology-trends'], ['energy']),
  'stories/byd.md': story('BYD tripled its sales', 'BYD sold 1.86 million electric cars.', 'The members-only view on CATL.', ['leveraging-chinese-innovation'], ['automotive']),
  'stories/secret.md': story('Quokkaplan unveiled', 'A draft story about quokkaplan.', 'Nothing.'),
  'issues/2025-spring.md': searchIssueFile('2025-spring', 'published', ['battery', 'nev', 'byd']),
  'issues/2025-summer.md': searchIssueFile('2025-summer', 'draft', ['secret']),
};

/** The kind:slug of every hit of a query's first page, sorted. */
export async function slugsFound(run: (request: SearchRequest) => Promise<SearchOutcome>, q: string, audience: SearchRequest['audience'] = 'public'): Promise<string[]> {
  const outcome = await run({ q, audience, page: 1 });
  return outcome.status === 'results' ? outcome.hits.map((h) => `${h.kind}:${h.slug}`).sort() : [];
}


/** An organisation profile file (`innovators/<slug>.md`) with a members-only part. */
const innovator = (fields: string, teaser: string, members: string) => `---\n${fields}\n---\n${teaser}\n\n<!-- members-only -->\n${members}\n`;

/**
 * Innovators for search: one in the directory (Chinese origin) with a Chinese name, another name,
 * technologies, a city and a members-only word; one of German origin (a profile, not in the
 * directory, so never found).
 */
export const SEARCH_INNOVATOR_FILES: Readonly<Record<string, string>> = {
  'innovators/glorybot.md': innovator(
    'name: Glorybot Robotics\nname_zh: 光荣机器人\ncountry: CN\nkind: startup\ncity: Hangzhou\nsectors:\n  - robotics\n  - manufacturing\ntechnologies:\n  - humanoid grippers\n  - 固态电池\naliases:\n  - GBR Tech',
    'Glorybot builds humanoid robots for Hangzhou factories.',
    'Members hear about its okapistream funding round.',
  ),
  'innovators/lindwurm.md': innovator(
    'name: Lindwurm Antriebe\ncountry: DE\ncity: Stuttgart\nsectors:\n  - automotive',
    'Lindwurm builds gearboxes for humanoid robots.',
    'Nothing more.',
  ),
};
