// Search bench: 100,000 generated stories in English, German and Chinese on SQLite, all listed by
// one published issue; the time to write them and to build the index (reindexAll, one
// transaction), then p50/p95 of 50 mixed queries (words, prefixes, compound parts, Chinese words
// inside longer ones, members' full text) against a LIKE scan of the stories' bodies for the same
// words, in the same run. Goal (issue 16): p95 < 25 ms; import with indexing < 2 min.
//
// Two runs, each on its own fresh database:
// - `realistic`: stories drawn from a realistic vocabulary (the seed archive's English words, the
//   demo's German and Chinese translations, the old bench lists, and generated word forms and
//   compounds up to VOCABULARY distinct words per language), with a Zipf distribution (s = 1),
//   of realistic length (title 6-12 words, body 150-400, members-only part 80-200). Its 50
//   queries are drawn from that vocabulary at a spread of frequency ranks (printed per query).
// - `broad` (worst case): the old generator, ~15-20 words per language, 40 + 30 words a story,
//   so every query matches a third of the archive.
//
// `npx tsx bench/search.ts [stories] [--run realistic|broad|both]` (default 100,000, both);
// figures go to stderr and exactly one JSON line to stdout, holding each run's figures. Wall times count the machine's
// other load too; the cpu_ figures are this process's own time. It reports, it never asserts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { connectDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { reindexAll, search } from '../src/search/search.service.js';

const args = process.argv.slice(2);
const runArg = args.includes('--run') ? args[args.indexOf('--run') + 1] : 'both';
const STORIES = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--run') ?? 100_000);
const RUNS = runArg === 'both' ? ['realistic', 'broad'] as const : [runArg as 'realistic' | 'broad'];
/** `--keep`: leave the database file for profiling (its path goes to stderr). */
const KEEP = args.includes('--keep');

// ---- The broad (worst-case) generator: unchanged from the first bench. ----
const EN = ['battery', 'electric', 'vehicle', 'robotics', 'semiconductor', 'startup', 'innovation', 'charging', 'hydrogen', 'factory', 'software', 'platform', 'shenzhen', 'shanghai', 'investment', 'autonomous', 'driving', 'solar', 'market', 'export'];
const DE = ['Batterierecycling', 'Elektromobilität', 'Künstliche', 'Intelligenz', 'München', 'Wasserstoff', 'Halbleiterfertigung', 'Ladeinfrastruktur', 'Mittelstand', 'Zulieferer', 'Fabrik', 'Forschung', 'Straße', 'Innovationszentrum'];
const ZH = ['新能源汽车', '电池', '人工智能', '半导体', '机器人', '深圳', '上海', '充电桩', '氢能', '自动驾驶', '创新', '投资', '光伏', '芯片'];
const BROAD_QUERIES = ['battery', 'electric vehicle', 'robo', 'semiconductor ', 'recycling', 'kunstliche', 'munchen', 'wasserstoff', '汽车', '电池', '人工智能',
  '驾驶', 'shenzhen startup', 'hydrogen factory', 'charg', 'halbleiter', 'infrastruktur', 'strasse', 'innovation', 'software platform', '芯片', '深圳 创新',
  'solar market', 'autonomous driving', 'export', 'mittelstand', 'zulieferer', 'forschung', 'investment', 'platf', '光伏', '机器人', 'elektromobilitat',
  'batterie', 'shanghai', 'market export', 'nonexistentword', 'factory ', '氢能', '充电', 'vehicle', 'robotics startup', 'innovationszentrum', 'fabrik',
  'intelligenz', 'startup', 'software', 'solar', 'driving', '上海'];

let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const sentence = (words: readonly string[], n: number, joiner: string) => Array.from({ length: n }, () => pick(words)).join(joiner);

function broadStory(n: number): { title: string; body: string } {
  const [words, joiner] = n % 3 === 0 ? [EN, ' '] as const : n % 3 === 1 ? [DE, ' '] as const : [ZH, ''] as const;
  return { title: sentence(words, 5, joiner), body: `${sentence(words, 40, joiner)}.\n\n<!-- members-only -->\n${sentence(words, 30, joiner)}.` };
}

// ---- The realistic generator. ----
/** Distinct words per language (seed words first, by their frequency there, then generated forms). */
const VOCABULARY = 8_000;
const ROOT = new URL('..', import.meta.url).pathname;

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, suffix) : path.endsWith(suffix) ? [path] : [];
  });
}

const withoutFrontMatter = (text: string) => text.replace(/^---\n[\s\S]*?\n---\n/, '');
const HAN = /^\p{Script=Han}+$/u;

/** Words of a text in order of frequency (most first), each spelling once (case-insensitively). */
function rankedWords(texts: readonly string[], keep: (word: string) => boolean, extra: readonly string[]): string[] {
  const counts = new Map<string, { word: string; count: number; first: number }>();
  let order = 0;
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  for (const text of texts) {
    for (const piece of segmenter.segment(text)) {
      if (!piece.isWordLike) continue;
      for (const word of piece.segment.match(/[\p{L}\p{N}]+/gu) ?? []) {
        if (!keep(word)) continue;
        const key = word.toLowerCase();
        const entry = counts.get(key);
        if (entry) entry.count++;
        else counts.set(key, { word, count: 1, first: order++ });
      }
    }
  }
  for (const word of extra) if (!counts.has(word.toLowerCase())) counts.set(word.toLowerCase(), { word, count: 1, first: order++ });
  return [...counts.values()].sort((a, b) => b.count - a.count || a.first - b.first).map((e) => e.word);
}

/** Fills a ranked list up to VOCABULARY distinct words with `forms` of its words (appended, so rarer). */
function grown(base: readonly string[], forms: (i: number) => string | undefined): string[] {
  const seen = new Set(base.map((w) => w.toLowerCase()));
  const words = [...base];
  for (let i = 0; words.length < VOCABULARY && i < VOCABULARY * 50; i++) {
    const form = forms(i);
    if (form && !seen.has(form.toLowerCase())) {
      seen.add(form.toLowerCase());
      words.push(form);
    }
  }
  return words;
}

let rseed = 7;
/** mulberry32: the realistic run's own random numbers (the broad run keeps its old ones). */
function rand(): number {
  rseed = (rseed + 0x6d2b79f5) | 0;
  let t = Math.imul(rseed ^ (rseed >>> 15), 1 | rseed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const between = (low: number, high: number) => low + Math.floor(rand() * (high - low + 1));

interface Vocabulary {
  readonly language: 'en' | 'de' | 'zh';
  readonly words: readonly string[];
  /** Generated compounds: the compound, its parts. */
  readonly compounds: ReadonlyMap<string, readonly [string, string]>;
  readonly joiner: string;
  readonly stop: string;
}

function vocabularies(): Vocabulary[] {
  const seedText = readFileSync('/work/shared/seed/newsletter-archive-2023-2024.txt', 'utf8');
  const latin = (w: string) => /^\p{Script=Latin}[\p{Script=Latin}\p{N}]*$/u.test(w) && w.length >= 2;
  const german = filesUnder(join(ROOT, 'demo'), '.de.md').map((f) => withoutFrontMatter(readFileSync(f, 'utf8')));
  const chinese = filesUnder(join(ROOT, 'demo'), '.zh.md').map((f) => withoutFrontMatter(readFileSync(f, 'utf8')));

  const enBase = rankedWords([seedText], latin, EN);
  const enStems = enBase.filter((w) => w.length >= 4 && /^[a-z]+$/.test(w));
  const suffixes = ['s', 'ing', 'ed', 'er', 'ers', 'al', 'ly', 'ness', 'ment', 'ments', 'ity', 'ize', 'ized', 'ization', 'ist', 'ive', 'less', 'able'];
  const en = grown(enBase, (i) => `${enStems[i % enStems.length]}${suffixes[Math.floor(i / enStems.length) % suffixes.length]}`);

  const deBase = rankedWords(german, latin, DE);
  const nouns = deBase.filter((w) => w.length >= 4 && /^\p{Lu}\p{Ll}+$/u.test(w));
  const compounds = new Map<string, readonly [string, string]>();
  const de = grown(deBase, (i) => {
    const head = nouns[Math.floor(rand() * nouns.length)]!;
    const tail = nouns[Math.floor(rand() * nouns.length)]!;
    if (head === tail) return undefined;
    const compound = head + tail.toLowerCase();
    compounds.set(compound, [head, tail]);
    return i % 7 === 6 ? `${compound}en` : compound;
  });

  const zhBase = rankedWords(chinese, (w) => HAN.test(w), ZH);
  const zhWords = zhBase.filter((w) => w.length >= 2);
  const zh = grown(zhBase, () => {
    const head = zhWords[Math.floor(rand() * zhWords.length)]!;
    const tail = zhWords[Math.floor(rand() * zhWords.length)]!;
    if (head === tail) return undefined;
    compounds.set(head + tail, [head, tail]);
    return head + tail;
  });
  process.stderr.write(`words from the sources: en ${enBase.length}, de ${deBase.length}, zh ${zhBase.length}; the rest generated forms and compounds\n`);
  return [
    { language: 'en', words: en, compounds: new Map(), joiner: ' ', stop: '.' },
    { language: 'de', words: de, compounds: new Map([...compounds].filter(([c]) => !HAN.test(c))), joiner: ' ', stop: '.' },
    { language: 'zh', words: zh, compounds: new Map([...compounds].filter(([c]) => HAN.test(c))), joiner: '', stop: '。' },
  ];
}

/** Draws ranks 0..n-1 with P(rank r) proportional to 1 / (r + 1) (Zipf, s = 1). */
function zipf(n: number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) cdf[r] = sum += 1 / (r + 1);
  return () => {
    const x = rand() * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cdf[mid]! < x) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

function prose(v: Vocabulary, draw: () => number, n: number): string {
  const parts: string[] = [];
  let sentenceLength = between(8, 16);
  for (let i = 0; i < n; i++) {
    parts.push(v.words[draw()]!);
    if (--sentenceLength === 0 || i === n - 1) {
      parts[parts.length - 1] += v.stop;
      sentenceLength = between(8, 16);
    }
  }
  return parts.join(v.joiner);
}

interface BenchQuery {
  readonly q: string;
  /** What kind of query and which vocabulary ranks (1-based) it was drawn from. */
  readonly what: string;
}

/** 50 queries drawn from the vocabularies at a spread of ranks; the bands are the documentation. */
function realisticQueries(vs: readonly Vocabulary[]): BenchQuery[] {
  const [en, de, zh] = vs as [Vocabulary, Vocabulary, Vocabulary];
  const usable = (v: Vocabulary, w: string) => (v.language === 'zh' ? w.length >= 2 : w.length >= 4);
  const at = (v: Vocabulary, low: number, high: number, also: (w: string) => boolean = () => true): [string, number] => {
    for (let tries = 0; tries < 10_000; tries++) {
      const r = between(low, Math.min(high, v.words.length));
      const w = v.words[r - 1]!;
      if (usable(v, w) && also(w)) return [w, r];
    }
    throw new Error(`no word in ranks ${low}-${high}`);
  };
  const queries: BenchQuery[] = [];
  const single = (label: string, low: number, high: number, list: readonly Vocabulary[]) => {
    for (const v of list) {
      const [w, r] = at(v, low, high);
      queries.push({ q: w, what: `${label} ${v.language} #${r}` });
    }
  };
  // Single common words (ranks 10-100; the very top are "the", "und", "的").
  single('common', 10, 100, [en, en, en, de, de, zh, zh, en]);
  // Single mid-frequency words (ranks 100-1,000).
  single('mid', 100, 1_000, [en, en, de, de, zh, zh, en, de]);
  // Rare words (ranks 1,000-8,000: generated forms and compounds, a few documents each).
  single('rare', 1_000, VOCABULARY, [en, en, en, de, de, zh, zh, en, de]);
  // Two-word queries: a common word (10-200) and a mid-frequency one (100-2,000).
  for (const v of [en, en, en, de, de, zh, zh, en]) {
    const [a, ra] = at(v, 10, 200);
    const [b, rb] = at(v, 100, 2_000);
    queries.push({ q: `${a} ${b}`, what: `two words ${v.language} #${ra} #${rb}` });
  }
  // Prefixes while typing: the first 4-5 letters of a word of rank 10-1,000 (6 letters or more).
  for (const v of [en, en, en, de, de, en]) {
    const [w, r] = at(v, 10, 1_000, (x) => x.length >= 6);
    queries.push({ q: w.slice(0, between(4, 5)), what: `prefix ${v.language} of #${r}` });
  }
  // German compound parts: the second part of a generated compound (found inside it by trigrams).
  const parts = [...de.compounds.values()].map(([, tail]) => tail).filter((t) => t.length >= 6);
  for (let i = 0; i < 5; i++) {
    const tail = parts[Math.floor(rand() * parts.length)]!;
    queries.push({ q: tail.toLowerCase(), what: `compound part de #${de.words.indexOf(tail) + 1}` });
  }
  // Chinese words inside longer ones: a part of a generated compound (found by bigrams).
  const zhParts = [...zh.compounds.values()].map(([head]) => head);
  for (let i = 0; i < 5; i++) {
    const head = zhParts[Math.floor(rand() * zhParts.length)]!;
    queries.push({ q: head, what: `inside longer zh #${zh.words.indexOf(head) + 1}` });
  }
  queries.push({ q: 'nonexistentword', what: 'no such word' });
  return queries;
}

// ---- Measuring. ----
function percentile(sorted: readonly number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** This process's CPU time (ms) for a run: on a shared machine, what the wall time would be without the others' load (SQLite runs in process). */
async function cpuTimed(run: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const load = () => Math.round(loadavg()[0]! * 100) / 100;

async function bench(run: 'realistic' | 'broad'): Promise<Record<string, unknown>> {
  const label = run === 'realistic' ? 'realistic vocabulary (Zipf, s = 1)' : 'worst case: every query matches a third of the archive';
  process.stderr.write(`\n== ${run}: ${label}, ${STORIES} stories ==\n`);
  let storyOf: (n: number) => { title: string; body: string };
  let queries: BenchQuery[];
  let vocabularySizes: Record<string, number> = { en: EN.length, de: DE.length, zh: ZH.length };
  if (run === 'broad') {
    seed = 42;
    storyOf = broadStory;
    queries = BROAD_QUERIES.map((q) => ({ q, what: 'broad' }));
  } else {
    rseed = 7;
    const vs = vocabularies();
    vocabularySizes = Object.fromEntries(vs.map((v) => [v.language, v.words.length]));
    const draws = vs.map((v) => zipf(v.words.length));
    storyOf = (n) => {
      const v = vs[n % 3]!;
      const draw = draws[n % 3]!;
      const title = prose(v, draw, between(6, 12)).slice(0, -1);
      return { title, body: `${prose(v, draw, between(150, 400))}\n\n<!-- members-only -->\n${prose(v, draw, between(80, 200))}` };
    };
    queries = realisticQueries(vs);
  }
  const dir = mkdtempSync(join(tmpdir(), 'insights-bench-search-'));
  try {
    const db = await connectDatabase({ kind: 'sqlite', file: join(dir, 'search.sqlite') });
    await migrateToLatest(db);
    const now = new Date('2026-12-01T10:00:00Z');
    const at = now.toISOString();
    const loadBefore = load();
    let words = 0;
    const writeMs = await timed(() => db.transaction().execute(async (trx) => {
      const issue = await trx.insertInto('issues').values({ slug: '2026-fall', title: 'Bench issue', season: 'fall', year: 2026, intro: 'Bench.', status: 'published', published_at: '2026-10-01T08:00:00Z', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      const section = await trx.insertInto('sections').values({ issue_id: issue.id, position: 0, kind: 'landscape', heading: 'Landscape' }).returning('id').executeTakeFirstOrThrow();
      for (let start = 0; start < STORIES; start += 500) {
        const rows = Array.from({ length: Math.min(500, STORIES - start) }, (_, i) => {
          const n = start + i;
          const story = storyOf(n);
          if (n % 3 !== 2) words += story.title.split(' ').length + story.body.split(/\s+/).length - 1;
          return { slug: `story-${n}`, title: story.title, kind: 'news' as const, body: story.body, created_at: at, updated_at: at };
        });
        const ids = await trx.insertInto('stories').values(rows).returning('id').execute();
        await trx.insertInto('section_items').values(ids.map((row, i) => ({ section_id: section.id, position: start + i, label: null, story_id: row.id, event_id: null, program_id: null, report_id: null }))).execute();
      }
    }));
    let indexCpuMs = 0;
    const indexMs = await timed(async () => { indexCpuMs = await cpuTimed(() => reindexAll(db, (done, total) => { if (done % 20_000 === 0) process.stderr.write(`indexed ${done}/${total}\n`); }, now)); });
    process.stderr.write(`vocabulary ${JSON.stringify(vocabularySizes)}; ${Math.round(words / Math.ceil((STORIES * 2) / 3))} words per English/German story\n`);
    process.stderr.write(`wrote ${STORIES} stories in ${Math.round(writeMs)} ms, indexed in ${Math.round(indexMs)} ms (cpu ${Math.round(indexCpuMs)} ms)\n`);

    const searchMs: number[] = [];
    const searchCpuMs: number[] = [];
    const likeMs: number[] = [];
    let hits = 0;
    let exactHits = 0;
    let estimated = 0;
    const estimateErrors: number[] = [];
    const loadQueries = load();
    for (const [i, query] of queries.entries()) {
      let cpu = 0;
      let total = 0;
      let approximate = false;
      const audience = i % 2 === 0 ? 'public' : 'member';
      const wall = await timed(async () => {
        cpu = await cpuTimed(async () => {
          const outcome = await search(db, { q: query.q, audience, page: 1 }, now);
          if (outcome.status === 'results') {
            total = outcome.total;
            approximate = outcome.approximate;
          }
        });
      });
      hits += total;
      // Not timed: the exact count (no cap), to say how far the estimate is off.
      const uncapped = await search(db, { q: query.q, audience, page: 1 }, now, Number.MAX_SAFE_INTEGER);
      const exact = uncapped.status === 'results' ? uncapped.total : 0;
      exactHits += exact;
      if (approximate) {
        estimated++;
        estimateErrors.push(Math.abs(total - exact) / Math.max(1, exact));
      }
      searchMs.push(wall);
      searchCpuMs.push(cpu);
      const likeWords = query.q.trim().split(/\s+/).map((w) => w.toLowerCase());
      const like = await timed(() => sql`select id from stories where ${sql.join(likeWords.map((w) => sql`(lower(title) like ${`%${w}%`} or lower(body) like ${`%${w}%`})`), sql` and `)} limit 20`.execute(db));
      likeMs.push(like);
      if (run === 'realistic') process.stderr.write(`${JSON.stringify(query.q).padEnd(28)} ${query.what.padEnd(26)} ${audience.padEnd(6)} hits ${`${approximate ? '~' : ''}${total}`.padStart(7)} (${String(exact).padStart(6)})  ${wall.toFixed(1).padStart(6)} ms wall ${cpu.toFixed(1).padStart(6)} ms cpu  like ${like.toFixed(1)} ms\n`);
    }
    searchMs.sort((a, b) => a - b);
    searchCpuMs.sort((a, b) => a - b);
    likeMs.sort((a, b) => a - b);
    await db.destroy();
    const line = {
      bench: 'search', run, label, engine: 'sqlite', stories: STORIES, queries: queries.length, vocabulary: vocabularySizes,
      write_ms: Math.round(writeMs), index_ms: Math.round(indexMs), index_cpu_ms: Math.round(indexCpuMs), import_with_index_s: Math.round((writeMs + indexMs) / 100) / 10, import_goal_s: 120,
      p50_ms: percentile(searchMs, 50), p95_ms: percentile(searchMs, 95), goal_p95_ms: 25,
      cpu_p50_ms: percentile(searchCpuMs, 50), cpu_p95_ms: percentile(searchCpuMs, 95),
      like_p50_ms: percentile(likeMs, 50), like_p95_ms: percentile(likeMs, 95),
      p95_ratio_to_like: Math.round((percentile(searchMs, 95) / Math.max(0.01, percentile(likeMs, 95))) * 1000) / 1000,
      total_hits: hits, exact_hits: exactHits, estimated_queries: estimated,
      estimate_error_median: estimateErrors.length ? Math.round(percentile([...estimateErrors].sort((a, b) => a - b), 50) * 1000) / 1000 : 0,
      estimate_error_max: estimateErrors.length ? Math.round(Math.max(...estimateErrors) * 1000) / 1000 : 0, average_hits: Math.round(hits / queries.length), cpus: cpus().length, load_at_write: loadBefore, load_at_queries: loadQueries, load_after: load(),
    };
    process.stderr.write(`${JSON.stringify(line)}\n`);
    return line;
  } finally {
    if (KEEP) process.stderr.write(`kept ${join(dir, 'search.sqlite')}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

// Like every bench: exactly one JSON line on stdout, the runs inside it (each run's line is also on stderr as it ends).
const lines: Record<string, unknown>[] = [];
for (const run of RUNS) lines.push(await bench(run));
process.stdout.write(`${JSON.stringify({ bench: 'search', stories: STORIES, runs: lines })}\n`);
