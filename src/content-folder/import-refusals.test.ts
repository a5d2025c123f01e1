import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { FIELD_LIMITS } from '../content/fields.js';
import { SETTINGS_LIMITS } from '../events/event.schema.js';
import { ISSUE_LIMITS } from '../issues/issue-editing.service.js';
import { fixedClock } from '../lib/clock.js';
import { Invalid, formatProblem } from '../lib/errors.js';
import { STORY_LIMITS } from '../stories/story.schema.js';
import { MAX_YAML_ALIASES, MAX_YAML_DEPTH } from './front-matter.js';
import { importContent } from './import.service.js';
import { MAX_FILE_BYTES } from './read-file.js';

// What the importer refuses because it cannot read it faithfully: YAML that would blow up
// (alias bombs, deep nesting), bytes that are not UTF-8, texts longer than the desk takes, and
// anything reached through a symbolic link or lying outside the folder. Each is a problem at
// `file:line` (or the path, for links), every other file's problems are still reported, and
// nothing is written.

const clock = fixedClock('2026-11-28T12:00:00Z');
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'insights-import-refusals-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A content folder with these files (path → text or bytes). */
async function folderWith(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = join(scratch, name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await mkdir(dir, { recursive: true });
  return dir;
}

const story = (front: string, body = 'Text.') => `---\ntitle: A story\nkind: news\n${front}---\n${body}\n`;
const event = (front: string) => `---\ntitle: An event\nstarts: 2027-03-03\nends: 2027-03-03\ntime_zone: Asia/Shanghai\norganiser: own\n${front}---\n`;
const issue = (front: string, body = 'Intro.') => `---\ntitle: 2027 Spring Issue\nseason: spring\nyear: 2027\nstatus: draft\n${front}---\n${body}\n`;
const x = (count: number) => 'x'.repeat(count);

forEachDialect('content import refusals', ({ db, engine }) => {
  const countStories = async () => Number((await db().selectFrom('stories').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  /** The problems of importing `dir`, as `file:line: message`; the database must stay as it was. */
  async function refusals(dir: string): Promise<string[]> {
    const before = await countStories();
    const error = await importContent(db(), dir, { clock }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Invalid);
    expect(await countStories()).toBe(before);
    return (error as Invalid).problems.map(formatProblem);
  }

  it('refuses an alias bomb and documents nested too deep with one problem each, where it starts, and still reports every other file', async () => {
    const laughs = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let level = 1; level <= 9; level++) laughs.push(`a${level}: &a${level} [${Array.from({ length: 9 }, () => `*a${level - 1}`).join(', ')}]`);
    const blockDeep = Array.from({ length: 40 }, (_, depth) => `${'  '.repeat(depth)}k${depth}:`).join('\n');
    const dir = await folderWith(`${engine}-yaml`, {
      'stories/bomb.md': story(`${laughs.join('\n')}\n`),
      'stories/deep-flow.md': story(`organizations: ${'['.repeat(5000)}${']'.repeat(5000)}\n`),
      'stories/deep-block.md': story(`${blockDeep}\n`),
      'stories/dangling-alias.md': story('organizations:\n  - *nowhere\n'),
      'stories/fine.md': story(''),
      'stories/typo.md': story('topcs: []\n'),
      // A few aliases are fine: this file has no problem.
      'events/with-alias.md': event('venue: &place Pazhou Complex\ncity: *place\n'),
    });
    const lines = await refusals(dir);
    expect(lines).toEqual([
      `stories/bomb.md:4: YAML: the aliases (*name) stand for more than ${MAX_YAML_ALIASES} values in all; write the values out instead of repeating anchors`,
      'stories/dangling-alias.md:5: YAML: the alias *nowhere has no anchor &nowhere before it',
      // k0 (file line 4) is at depth 1, so the mapping of k{MAX_YAML_DEPTH - 1} is the first one too deep.
      `stories/deep-block.md:${4 + MAX_YAML_DEPTH}: YAML: lists and mappings are nested more than ${MAX_YAML_DEPTH} levels deep here; front matter needs at most 5`,
      `stories/deep-flow.md:4: YAML: lists and mappings are nested more than ${MAX_YAML_DEPTH} levels deep here; front matter needs at most 5`,
      'stories/typo.md:4: topcs: unknown key',
    ]);
  });

  it('refuses files that are not UTF-8 at the line of the first bad byte, and reads UTF-8 with a byte order mark', async () => {
    const utf8 = (text: string) => new TextEncoder().encode(text);
    const joined = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
    const dir = await folderWith(`${engine}-utf8`, {
      // Latin-1 "é" (0xE9) in the body, on file line 6.
      'stories/latin-1.md': joined(utf8('---\ntitle: A story\nkind: news\n---\nLine one.\nCaf'), Uint8Array.of(0xe9), utf8('\n')),
      // A bad byte in the front matter, line 2.
      'stories/in-title.md': joined(utf8('---\ntitle: Bad '), Uint8Array.of(0xff), utf8('\nkind: news\n---\nText.\n')),
      // The file ends inside a three-byte character (the first two bytes of "€"), on line 5.
      'stories/cut-short.md': joined(utf8('---\ntitle: A story\nkind: news\n---\nPrice: 5'), Uint8Array.of(0xe2, 0x82)),
      // A lead byte followed by a line break: the bad sequence is on the line it starts.
      'stories/lone-lead.md': joined(utf8('---\ntitle: T'), Uint8Array.of(0xc3), utf8('\nkind: news\n---\n')),
      'stories/with-bom.md': joined(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(story('', '北辰东路8号院 — fine.'))),
    });
    const message = 'is not valid UTF-8 from this line on; save the file as UTF-8 (it may have been saved as Latin-1 or Windows-1252)';
    expect(await refusals(dir)).toEqual([
      `stories/cut-short.md:5: ${message}`,
      `stories/in-title.md:2: ${message}`,
      `stories/latin-1.md:6: ${message}`,
      `stories/lone-lead.md:2: ${message}`,
    ]);
  });

  it('refuses every text longer than the desk takes, with the desk’s numbers, and takes texts of exactly that length', async () => {
    const long = await folderWith(`${engine}-too-long`, {
      [`stories/${'s'.repeat(FIELD_LIMITS.slug + 1)}.md`]: story(''),
      'stories/long-title.md': `---\ntitle: ${x(STORY_LIMITS.title + 1)}\nkind: news\n---\nText.\n`,
      'stories/long-body.md': story('', x(STORY_LIMITS.body + 1)),
      'stories/long-organization.md': story(`organizations:\n  - ${x(STORY_LIMITS.organization + 1)}\n`),
      'stories/long-source.md': story(`sources:\n  - outlet: ${x(FIELD_LIMITS.name + 1)}\n    url: https://example.org/${x(FIELD_LIMITS.url)}\n`),
      'stories/many-sources.md': story(`sources:\n${'  - outlet: Technode\n'.repeat(STORY_LIMITS.sources + 1)}`),
      'events/long-venue.md': event(`venue: ${x(FIELD_LIMITS.name + 1)}\n`),
      'events/long-question.md': event(`registration_questions:\n  - ${x(SETTINGS_LIMITS.label + 1)}\n  - "Which? [${Array.from({ length: SETTINGS_LIMITS.choices + 1 }, (_, n) => `c${n}`).join(' | ')}]"\n`),
      'events/long-intro.md': event(`call_for: [speaker]\ncall_intro: ${x(SETTINGS_LIMITS.intro + 1)}\n`),
      'programs/long-contact.md': `---\ntitle: A program\nroles: [mentor]\ncontact_name: ${x(FIELD_LIMITS.name + 1)}\n---\n`,
      'reports/long-finding.md': `---\ntitle: A report\nsegments:\n  - key: all\n    name: all\n    respondents: 10\nfindings:\n  - title: T\n    statement: ${x(FIELD_LIMITS.title + 1)}\n    segment: all\n    count: 1\n---\n`,
      'issues/2027-spring.md': issue(
        `sections:\n  - kind: news\n    heading: ${x(ISSUE_LIMITS.heading + 1)}\n    items:\n      - label: ${x(ISSUE_LIMITS.label + 1)}\n        story: long-title\n`,
        x(ISSUE_LIMITS.intro + 1),
      ),
    });
    const lines = await refusals(long);
    expect(lines).toEqual([
      `events/long-intro.md:8: call_intro: must be at most ${SETTINGS_LIMITS.intro} characters`,
      `events/long-question.md:8: registration_questions[0]: the question must be at most ${SETTINGS_LIMITS.label} characters`,
      `events/long-question.md:9: registration_questions[1]: at most ${SETTINGS_LIMITS.choices} answers to choose from`,
      `events/long-venue.md:7: venue: must be at most ${FIELD_LIMITS.name} characters`,
      `issues/2027-spring.md:13: the body must be at most ${ISSUE_LIMITS.intro} characters (it has ${ISSUE_LIMITS.intro + 1}); shorten it or split it in two`,
      `programs/long-contact.md:4: contact_name: must be at most ${FIELD_LIMITS.name} characters`,
      `reports/long-finding.md:9: findings[0].statement: must be at most ${FIELD_LIMITS.title} characters`,
      `stories/long-body.md:5: the body must be at most ${STORY_LIMITS.body} characters (it has ${STORY_LIMITS.body + 1}); shorten it or split it in two`,
      `stories/long-organization.md:5: organizations[0]: must be at most ${STORY_LIMITS.organization} characters`,
      `stories/long-source.md:5: sources[0].outlet: must be at most ${FIELD_LIMITS.name} characters`,
      `stories/long-source.md:6: sources[0].url: must be at most ${FIELD_LIMITS.url} characters`,
      `stories/long-title.md:2: title: must be at most ${STORY_LIMITS.title} characters`,
      `stories/many-sources.md:4: sources: at most ${STORY_LIMITS.sources} sources`,
      `stories/${'s'.repeat(FIELD_LIMITS.slug + 1)}.md:1: file name: the slug must be at most ${FIELD_LIMITS.slug} characters (it has ${FIELD_LIMITS.slug + 1}); choose a shorter file name`,
    ]);

    // The issue's own limits come after its intro: fix the intro and they show.
    const issueLimits = await folderWith(`${engine}-issue-limits`, {
      'issues/2027-spring.md': issue(
        `sections:\n${Array.from({ length: ISSUE_LIMITS.sections + 1 }, () => '  - kind: news\n    heading: News\n').join('')}  - kind: news\n    heading: ${x(ISSUE_LIMITS.heading + 1)}\n    items:\n      - label: ${x(ISSUE_LIMITS.label + 1)}\n        story: there\n${'      - story: there\n'.repeat(ISSUE_LIMITS.items)}`,
      ),
      'stories/there.md': story(''),
    });
    const section = 7 + 2 * (ISSUE_LIMITS.sections + 1); // the line of the last section's `- kind:`
    expect(await refusals(issueLimits)).toEqual([
      `issues/2027-spring.md:6: sections: an issue has at most ${ISSUE_LIMITS.sections} sections`,
      `issues/2027-spring.md:${section + 1}: sections[${ISSUE_LIMITS.sections + 1}].heading: must be at most ${ISSUE_LIMITS.heading} characters`,
      `issues/2027-spring.md:${section + 2}: sections[${ISSUE_LIMITS.sections + 1}].items: a section has at most ${ISSUE_LIMITS.items} items`,
      `issues/2027-spring.md:${section + 3}: sections[${ISSUE_LIMITS.sections + 1}].items[0].label: must be at most ${ISSUE_LIMITS.label} characters`,
    ]);

    // Exactly at every limit, the same folder imports.
    const atLimits = await folderWith(`${engine}-at-limits`, {
      [`stories/${'s'.repeat(FIELD_LIMITS.slug)}.md`]: `---\ntitle: ${x(STORY_LIMITS.title)}\nkind: news\norganizations:\n  - ${x(STORY_LIMITS.organization)}\n---\n${x(STORY_LIMITS.body)}\n`,
      'events/at-limits.md': event(`venue: ${x(FIELD_LIMITS.name)}\nregistration_questions:\n  - ${x(SETTINGS_LIMITS.label)}\ncall_for: [speaker]\ncall_intro: ${x(SETTINGS_LIMITS.intro)}\n`),
      'issues/2027-spring.md': issue(`sections:\n  - kind: news\n    heading: ${x(ISSUE_LIMITS.heading)}\n    items:\n      - label: ${x(ISSUE_LIMITS.label)}\n        story: ${'s'.repeat(FIELD_LIMITS.slug)}\n`, x(ISSUE_LIMITS.intro)),
    });
    const summary = await importContent(db(), atLimits, { clock });
    expect(summary).toMatchObject({ stories: 1, events: 1, issues: 1 });
  });

  it('refuses symbolic links to files and folders, inside or outside, without reading through them', async () => {
    const outside = await folderWith(`${engine}-outside`, {
      // Broken on purpose: if the importer read through a link, its YAML problem would show.
      'secret.md': '---\ntitle: [unclosed\n---\n',
      'events/elsewhere.md': '---\ntitle: [unclosed\n---\n',
    });
    const dir = await folderWith(`${engine}-links`, {
      'stories/real.md': story(''),
      'stories/typo.md': story('topcs: []\n'),
      'stories/nested.md/inside.md': story(''),
    });
    await symlink(join(outside, 'secret.md'), join(dir, 'stories', 'to-outside.md'));
    await symlink(join(dir, 'stories', 'real.md'), join(dir, 'stories', 'to-inside.md'));
    await symlink(join(outside, 'events'), join(dir, 'events'));
    await symlink('/etc/passwd', join(dir, 'README.md'));
    const link = 'is a symbolic link, and the importer never follows links: put the file or folder itself in the content folder';
    expect(await refusals(dir)).toEqual([
      `README.md: ${link}`,
      `events: ${link}`,
      'stories/nested.md/: is a folder; content files sit directly in stories/',
      `stories/to-inside.md: ${link}`,
      `stories/to-outside.md: ${link}`,
      'stories/typo.md:4: topcs: unknown key',
    ]);
  });

  it('refuses a file too large to be content, and follows a link only as the folder named on the command line', async () => {
    const big = await folderWith(`${engine}-big`, { 'stories/huge.md': story('', x(MAX_FILE_BYTES)) });
    expect(await refusals(big)).toEqual([
      `stories/huge.md: is 1.0 MB; a content file may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB (a body at most ${FIELD_LIMITS.body} characters)`,
    ]);

    const real = await folderWith(`${engine}-real`, { 'stories/through-the-named-link.md': story('') });
    const named = join(scratch, `${engine}-named-link`);
    await symlink(real, named);
    expect(await importContent(db(), named, { clock })).toMatchObject({ stories: 1 });
  });
});
