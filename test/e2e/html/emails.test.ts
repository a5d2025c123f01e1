import { beforeAll, describe, expect, it } from 'vitest';
import * as inquiryReceived from '../../../src/inquiries/emails/inquiry-received.email.js';
import * as pairIntroduction from '../../../src/programs/emails/pair-introduction.email.js';
import * as innovatorIntroduced from '../../../src/introductions/emails/introduced.email.js';
import * as innovatorRequest from '../../../src/introductions/emails/introduction-request.email.js';
import * as registrationSaved from '../../../src/programs/emails/registration-saved.email.js';
import { compileEdition } from '../../../src/delivery/render/edition.js';
import { parseBlocks } from '../../../src/delivery/render/topic-blocks.js';
import { figureCount } from '../../../src/introductions/introductions.js';
import type { LoadedIssue } from '../../../src/issues/issues.js';
import { saveArtifact } from '../support/artifacts.js';
import { describeHtmlErrors, validateHtmlFiles, type HtmlError } from '../support/vnu.js';

// The house email layout's lines and details (src/mail/simple-email.tsx) through the Nu Html
// Checker: a pair introduction (details, a mailto link, words typed on two lines), a registration
// confirmation (answers, one per line) and an inquiry notice (a message as typed). The page-kind
// walk in valid-html.test.ts meets only the emails its forms send; matching's pair introductions are
// sent from the desk's publish, so they are rendered here. An edition with an Innovation platform section is checked last.

const EMAILS: Readonly<Record<string, string>> = {
  'email-layout-pair-introduction': pairIntroduction.render({
    role: 'mentor',
    name: 'Ana Example',
    other: { name: 'Xu Wei', company: 'Robo & Co', email: 'xu+club@example.cn', areas: ['Market entry', 'AI'], city: 'Shanghai', goals: 'Ten years of <b>R&D</b>.\nHappy to talk.' },
    programTitle: 'AHK Innovators Club',
    contactEmail: 'club@example.org',
    siteName: 'Innovation Insights',
  }, 'en'),
  'email-layout-registration-saved': registrationSaved.render({
    created: true, name: 'Ana', role: 'mentor', programTitle: 'AHK Innovators Club', capacity: 2, areas: [], languages: ['English', 'Deutsch'], times: [],
    deadline: '2027-06-30', registrationUrl: 'https://insights.example.org/programs/club/register/mentor', contactEmail: null, siteName: 'Innovation Insights',
  }, 'de'),
  'email-layout-inquiry-received': inquiryReceived.render({
    id: 7, name: 'Sam', email: 'sam@example.net', company: null, topic: 'Membership', message: 'Hello,\n\nwe would like to join.\n— Sam', deskUrl: 'https://insights.example.org/admin/inquiries/7', siteName: 'Innovation Insights',
  }, 'zh'),
  // Innovator introductions (issue 17): the request to a contact person (first email: source and opt-out), and the introduction after both said yes.
  'email-layout-innovator-request': innovatorRequest.render({
    name: 'Li Wei', organizationName: 'HyperPark', memberCompany: 'Ana Maschinen GmbH', purpose: 'technology-scouting', message: 'We look for <b>parking</b> robots.\nSoon.',
    decideUrl: 'https://insights.example.org/zh/introductions/abc', acceptUrl: 'https://insights.example.org/zh/introductions/abc?decision=accept',
    declineUrl: 'https://insights.example.org/zh/introductions/abc?decision=decline', optOutUrl: 'https://insights.example.org/zh/introductions/opt-out/def',
    firstContact: { source: 'a business card' }, siteName: 'Innovation Insights',
  }, 'zh', { organisation: 'Demo Org', addressLines: ['Street 1', '20095 Hamburg'], imprintUrl: 'https://insights.example.org/zh/imprint' }),
  'email-layout-innovator-introduced': innovatorIntroduced.render({
    side: 'member', name: 'Ana Schmidt', other: { name: 'Li Wei', company: 'HyperPark', role: 'Head of Partnerships', email: 'li.wei+intro@example.cn' },
    organizationName: 'HyperPark', purpose: 'partnership', siteName: 'Innovation Insights', contactEmail: 'innovation@example.org',
  }, 'de'),
};

// A newsletter edition with an "Innovation platform" section (issue 17): the quarter's figures (an exact
// count, "fewer than 3"s, sectors) and the links to the directory and the services, in both editions.
const PLATFORM_ISSUE: LoadedIssue = {
  issue: {
    id: 1, slug: '2026-winter', title: '2026 Winter Issue', season: 'winter', year: 2026, status: 'published',
    intro: { teaser: 'The winter issue.', membersOnly: 'For members.' }, publishedAt: '2026-11-20T08:00:00.000Z', updatedAt: '2026-11-20T08:00:00.000Z',
  },
  sections: [{
    kind: 'innovation_platform', heading: 'Our Innovation Platform', items: [],
    platform: { quarter: '2026-Q4', requested: figureCount(4), made: figureCount(1), declined: figureCount(0), sectors: [{ slug: 'automotive', name: 'Automotive', count: figureCount(3) }, { slug: 'energy', name: 'Energy', count: figureCount(1) }] },
  }, {
    // Two stories on two topics: the topic variants (issue 20) move one up and list the other by title.
    kind: 'landscape', heading: 'Landscape', items: (['robots', 'energy'] as const).map((topic, i) => ({
      label: null, target: 'story' as const,
      story: {
        id: i + 1, slug: `story-${topic}`, title: `A ${topic} story`, kind: 'news' as const, body: { teaser: `The ${topic} teaser.`, membersOnly: `The ${topic} analysis.` },
        topics: [{ slug: topic, name: topic }], sectors: [], organizations: [], organizationTerms: [], sources: [], updatedAt: '2026-11-20T08:00:00.000Z', leadImage: null,
      },
    })),
  }],
};
const SITE = { name: 'Innovation Insights', url: 'https://insights.example.org' };

/** MJML keeps two Outlook idioms on purpose (see valid-html.test.ts): exactly these are allowed in editions. */
const OUTLOOK_IDIOMS = [/^Attribute “xmlns:(v|o)” not allowed here\.$/, /^CSS: “mso-[a-z-]+”: Property “mso-[a-z-]+” doesn't exist\.$/];

let results: Map<string, HtmlError[]>;
const files = new Map<string, string>();
const editions = new Map<string, string>();

beforeAll(async () => {
  for (const [name, html] of Object.entries(EMAILS)) files.set(name, saveArtifact('html', `${name}.html`, html));
  for (const [edition, language] of [['teaser', 'en'], ['full', 'de'], ['teaser', 'zh']] as const) {
    const name = `edition-innovation-platform-${edition}-${language}`;
    const compiled = await compileEdition(PLATFORM_ISSUE, edition, SITE, language);
    editions.set(name, compiled.html);
    files.set(name, saveArtifact('html', `${name}.html`, compiled.html));
    // Its topic variants (issue 20), assembled from the compiled blocks: one topic first, and only.
    const topic = 'robots';
    for (const mode of ['first', 'only'] as const) {
      const variant = parseBlocks(compiled.blocks!.html).assemble({ mode, topics: [topic] });
      editions.set(`${name}-${mode}`, variant);
      files.set(`${name}-${mode}`, saveArtifact('html', `${name}-${mode}.html`, variant));
    }
  }
  results = await validateHtmlFiles([...files.values()]);
}, 120_000);

describe('valid HTML: the house email layout (Nu Html Checker)', () => {
  it.each(Object.keys(EMAILS))('%s', (name) => {
    expect(EMAILS[name]).toContain('<br/>');
    const errors = results.get(files.get(name)!) ?? [];
    expect(errors, describeHtmlErrors(errors)).toEqual([]);
  });
});

describe('valid HTML: the topic variants of those editions, assembled from their blocks (Nu Html Checker)', () => {
  it.each(['teaser-en', 'full-de', 'teaser-zh'].flatMap((which) => [`${which}-first`, `${which}-only`]))('%s', (which) => {
    const name = `edition-innovation-platform-${which}`;
    const html = editions.get(name)!;
    // The "Your topics" section is really in it, and no marker is left.
    expect(html).toMatch(/Your topics|Ihre Themen|您的主题/);
    expect(html).not.toMatch(/[\uE000\uE001]#/);
    const errors = (results.get(files.get(name)!) ?? []).filter((error) => !OUTLOOK_IDIOMS.some((idiom) => idiom.test(error.message)));
    expect(errors, describeHtmlErrors(errors)).toEqual([]);
  });
});

describe('valid HTML: an edition with an Innovation platform section (Nu Html Checker)', () => {
  it.each(['teaser-en', 'full-de', 'teaser-zh'])('%s', (which) => {
    const name = `edition-innovation-platform-${which}`;
    const html = editions.get(name)!;
    const language = which.slice(-2) as 'en' | 'de' | 'zh';
    // The section is really in it: its figures and its links.
    expect(html).toContain({ en: 'Introductions requested: <strong>4</strong>', de: 'Angefragte Vorstellungen: <strong>4</strong>', zh: '申请的引荐: <strong>4</strong>' }[language]);
    expect(html).toContain(`https://insights.example.org${language === 'en' ? '' : `/${language}`}/innovators`);
    const errors = (results.get(files.get(name)!) ?? []).filter((error) => !OUTLOOK_IDIOMS.some((idiom) => idiom.test(error.message)));
    expect(errors, describeHtmlErrors(errors)).toEqual([]);
  });
});
