// Generates a large content folder from the demo for scale tests and benches (issue 16, "Bounded
// at scale"): the demo folder as it is, plus generated copies of its issues and stories until
// there are `--issues` issues and `--stories` stories (default 400 and 1,600: about 100 times the
// demo's archive). Copies keep the demo's text, names, figures and sources exactly; their titles
// say "[generated copy N]" and story slugs end in `-copy-N`, so nobody mistakes them for real
// ones. Issue copies fill the seasons going back from the winter before the demo's first year
// (named `<year>-<season>` as every issue is; copy N of an issue lists copy N of its stories).
//
//   npx tsx scripts/generate-archive.ts <dir> [--issues 400] [--stories 1600]
//   npx insights import content <dir>
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { DEMO_DIR } from '../src/content-folder/demo.js';

interface Options {
  readonly dir: string;
  readonly issues: number;
  readonly stories: number;
}

/** A content file split into its YAML front matter and its body. */
function split(text: string, file: string): { front: string; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file}: no front matter`);
  return { front: match[1]!, body: match[2]! };
}

/** The English originals of a demo folder (translations, `<slug>.<lang>.md`, are not copied). */
function originals(folder: string): string[] {
  return readdirSync(join(DEMO_DIR, folder))
    .filter((name) => /^[a-z0-9-]+\.md$/.test(name))
    .sort();
}

function copySlug(slug: string, copy: number): string {
  return `${slug}-copy-${copy}`;
}

/** Copy `copy` of a story: the same text, a marked title. */
function storyCopy(text: string, file: string, copy: number): string {
  const { front, body } = split(text, file);
  const doc = parseDocument(front);
  doc.set('title', `${String(doc.get('title'))} [generated copy ${copy}]`);
  return `---\n${doc.toString().trimEnd()}\n---\n${body}`;
}

const SEASONS = ['winter', 'fall', 'summer', 'spring'] as const;

/** The k-th (0-based) free season going back from the winter before the demo's first year. */
function slotOf(k: number, firstYear: number): { year: number; season: string } {
  return { year: firstYear - 1 - Math.floor(k / SEASONS.length), season: SEASONS[k % SEASONS.length]! };
}

/** An issue copy for `slot`: the original's sections and text, a marked title, listing copy `copy` of its stories. */
function issueCopy(text: string, file: string, slot: { year: number; season: string }, copy: number, storyCopies: number): { slug: string; text: string } {
  const { front, body } = split(text, file);
  const doc = parseDocument(front);
  const season = slot.season[0]!.toUpperCase() + slot.season.slice(1);
  doc.set('title', `${slot.year} ${season} Issue [generated copy ${copy} of ${String(doc.get('title'))}]`);
  doc.set('year', slot.year);
  doc.set('season', slot.season);
  if (doc.get('published_at') !== undefined) {
    const month = { spring: 4, summer: 7, fall: 10, winter: 12 }[slot.season]!;
    doc.set('published_at', `${slot.year}-${String(month).padStart(2, '0')}-15T08:00:00Z`);
  }
  const sections = doc.toJS().sections as { items?: { story?: string }[] }[] | undefined;
  (sections ?? []).forEach((section, s) => {
    (section.items ?? []).forEach((item, i) => {
      if (item.story && copy <= storyCopies) doc.setIn(['sections', s, 'items', i, 'story'], copySlug(item.story, copy));
    });
  });
  return { slug: `${slot.year}-${slot.season}`, text: `---\n${doc.toString().trimEnd()}\n---\n${body}` };
}

export function generateArchive({ dir, issues, stories }: Options): { issues: number; stories: number } {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty; give a new folder`);
  cpSync(DEMO_DIR, dir, { recursive: true });
  const demoStories = originals('stories');
  const demoIssues = originals('issues');
  const storyCopies = Math.max(0, Math.ceil((stories - demoStories.length) / demoStories.length));
  let storyCount = demoStories.length;
  for (let copy = 1; copy <= storyCopies && storyCount < stories; copy++) {
    for (const file of demoStories) {
      if (storyCount >= stories) break;
      const text = readFileSync(join(DEMO_DIR, 'stories', file), 'utf8');
      writeFileSync(join(dir, 'stories', `${copySlug(file.slice(0, -3), copy)}.md`), storyCopy(text, file, copy));
      storyCount++;
    }
  }
  // Only as many story copies as were made fully can be listed by issue copies.
  const fullStoryCopies = Math.floor((storyCount - demoStories.length) / demoStories.length);
  const firstYear = Math.min(...demoIssues.map((file) => Number(file.slice(0, 4))));
  let issueCount = demoIssues.length;
  for (let k = 0; issueCount < issues; k++) {
    const file = demoIssues[k % demoIssues.length]!;
    const slot = slotOf(k, firstYear);
    if (slot.year < 1900) throw new Error(`at most ${k + demoIssues.length} issues fit between 1900 and the demo's first year`);
    const text = readFileSync(join(DEMO_DIR, 'issues', file), 'utf8');
    const made = issueCopy(text, file, slot, Math.floor(k / demoIssues.length) + 1, fullStoryCopies);
    writeFileSync(join(dir, 'issues', `${made.slug}.md`), made.text);
    issueCount++;
  }
  return { issues: issueCount, stories: storyCount };
}

function parseArgs(argv: readonly string[]): Options {
  const [dir, ...rest] = argv;
  if (!dir || dir.startsWith('--')) throw new Error('usage: npx tsx scripts/generate-archive.ts <dir> [--issues 400] [--stories 1600]');
  const options = { dir, issues: 400, stories: 1600 };
  for (let i = 0; i < rest.length; i += 2) {
    const name = rest[i];
    const value = Number(rest[i + 1]);
    if ((name !== '--issues' && name !== '--stories') || !Number.isInteger(value) || value < 1) {
      throw new Error(`unknown or bad option ${name ?? ''} ${rest[i + 1] ?? ''}: use --issues N and --stories N`);
    }
    options[name === '--issues' ? 'issues' : 'stories'] = value;
  }
  return options;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  try {
    const made = generateArchive(parseArgs(process.argv.slice(2)));
    process.stdout.write(`wrote ${made.issues} issues and ${made.stories} stories; import them with: npx insights import content ${process.argv[2]}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
