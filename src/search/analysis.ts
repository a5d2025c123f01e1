import { Converter } from 'opencc-js/t2cn';

// The one text analysis of search: the index and the query both go through `analyzeText`, so a
// word matches exactly when both sides fold it to the same token. Tokens hold only letters and
// digits (plus the gram marker `_`), so neither engine's query syntax ever sees an operator:
// SQLite's FTS5 and PostgreSQL's tsquery receive our tokens quoted, never the user's text.
//
// - Folding: NFKC, lower case, diacritics removed (München → munchen), ß → ss.
// - Chinese: Traditional folded to Simplified (opencc-js), words from Intl.Segmenter, and every
//   character bigram of a Han run as a gram token (`_汽车`), so a word inside a longer word is
//   found whatever ICU's dictionary cut ("汽车" finds "新能源汽车").
// - Long Latin words (German compounds): their character trigrams as gram tokens, so a part is
//   found inside the compound ("recycling" finds "Batterierecycling").
// Intl.Segmenter's output depends on the ICU version; the index stores it (ICU_VERSION) and
// `insights reindex` rebuilds when it changes.

/** The ICU version the segmenter of this process uses: stored with the index. */
export const ICU_VERSION: string = process.versions.icu ?? 'none';

/** Latin words at least this long are also indexed by their trigrams (compound parts). */
export const COMPOUND_MIN_LENGTH = 8;

/** Longer "words" (pasted hashes, runs of one letter) are no compounds: their grams would only bloat the index. */
const COMPOUND_MAX_LENGTH = 64;

/** A query word at least this long also matches as a substring of a long word, by its trigrams. */
export const PART_MIN_LENGTH = 4;

/** What marks a gram token, so it never equals a word token. */
export const GRAM_MARK = '_';

const toSimplified = Converter({ from: 't', to: 'cn' });
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const WORD_CHARS = /[\p{L}\p{N}]+/gu;

/**
 * Text that needs neither opencc nor ICU's dictionaries: Latin, Greek, Cyrillic and the shared
 * signs only. opencc changes none of these characters, and ICU's word cuts in such text never
 * split a run of letters and digits, so for it both steps are skipped with the same result
 * (analysis.test.ts checks the equivalence); they are the most of an index rebuild's time.
 */
const PLAIN = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]*$/u;

/** Text folded for matching: NFKC, Simplified Chinese, lower case, no diacritics, ß as ss. */
export function foldText(text: string): string {
  const normal = text.normalize('NFKC');
  return (PLAIN.test(normal) ? normal : toSimplified(normal))
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .normalize('NFC');
}

/**
 * The longest word kept, in characters: longer ones are cut to it, in the index and in queries
 * alike (PostgreSQL refuses a lexeme over 2,047 bytes; 200 characters are at most 800 bytes).
 */
export const MAX_WORD_LENGTH = 200;

/** The words of a text, folded, in order: segmenter words split further into runs of letters and digits. */
export function wordsOf(text: string): string[] {
  return wordsOfFolded(foldText(text));
}

/** wordsOf for text folded already. `segment` false takes runs of letters and digits without the segmenter (PLAIN text's same result). */
export function wordsOfFolded(folded: string, segment = !PLAIN.test(folded)): string[] {
  const words: string[] = [];
  const add = (part: string) => words.push(part.length > MAX_WORD_LENGTH ? [...part].slice(0, MAX_WORD_LENGTH).join('') : part);
  if (!segment) {
    for (const part of folded.match(WORD_CHARS) ?? []) add(part);
    return words;
  }
  for (const piece of segmenter.segment(folded)) {
    if (!piece.isWordLike) continue;
    for (const part of piece.segment.match(WORD_CHARS) ?? []) add(part);
  }
  return words;
}

function isHan(word: string): boolean {
  return HAN.test(word);
}

/** The character n-grams of a string, each marked as a gram token. */
function gramsOf(text: string, n: number): string[] {
  const grams: string[] = [];
  if (!/[\uD800-\uDFFF]/.test(text)) {
    // No surrogate pairs: code units are characters.
    for (let i = 0; i + n <= text.length; i++) grams.push(GRAM_MARK + text.slice(i, i + n));
    return grams;
  }
  const chars = [...text];
  for (let i = 0; i + n <= chars.length; i++) grams.push(GRAM_MARK + chars.slice(i, i + n).join(''));
  return grams;
}

/**
 * The index tokens of a text: every word, the bigrams of every Han run (across the segmenter's
 * cuts), the trigrams of long Latin words. Repeats are kept: they count for ranking.
 */
export function indexTokens(text: string): string[] {
  const folded = foldText(text);
  const tokens = wordsOfFolded(folded);
  for (const run of folded.match(HAN_RUN) ?? []) for (const gram of gramsOf(run, 2)) tokens.push(gram);
  for (const word of tokens.slice()) {
    if (isHan(word) || word.startsWith(GRAM_MARK)) continue;
    const length = [...word].length;
    if (length >= COMPOUND_MIN_LENGTH && length <= COMPOUND_MAX_LENGTH) for (const gram of gramsOf(word, 3)) tokens.push(gram);
  }
  return tokens;
}

/** One way a query word matches: all of `tokens` (the last one as a prefix when `prefix`). */
export interface Alternative {
  readonly tokens: readonly string[];
  readonly prefix: boolean;
}

/** A query word: a document matches it when it matches any one alternative. */
export interface QueryTerm {
  readonly word: string;
  readonly alternatives: readonly Alternative[];
}

/** The query operators people type (`OR`, `NEAR(`, …), in capitals as the engines spell them: searched as nothing, with a note. */
const OPERATOR_WORDS = /(?<![\p{L}\p{N}])(?:AND|OR|NOT|NEAR)(?![\p{L}\p{N}])/gu;

/** A query, analysed: its terms (all must match) and what was left out of it. */
export interface AnalysedQuery {
  readonly terms: readonly QueryTerm[];
  /** Operator words or signs were in the query and were ignored (searched as plain words). */
  readonly hadOperators: boolean;
}

/**
 * The trigrams a query word's part match needs: every third one and the last, which together
 * cover every letter. A word inside a longer word has all of its trigrams there, so no hit is
 * lost; leaving out the overlapping ones makes the match (and its ranking) about three times
 * cheaper for long words, at the cost of a few more false positives (docs/search.md).
 */
function coveringTrigrams(word: string): string[] {
  const all = gramsOf(word, 3);
  const kept = all.filter((_, i) => i % 3 === 0);
  if ((all.length - 1) % 3 !== 0) kept.push(all[all.length - 1]!);
  return kept;
}

/** The alternatives of one query word; `typing` makes the last word a prefix. */
function termOf(word: string, typing: boolean): QueryTerm {
  const alternatives: Alternative[] = [{ tokens: [word], prefix: typing }];
  const length = [...word].length;
  if (isHan(word)) {
    if (length >= 2) alternatives.push({ tokens: gramsOf(word, 2), prefix: false });
    else alternatives.push({ tokens: [GRAM_MARK + word], prefix: true });
  } else if (length >= PART_MIN_LENGTH) {
    alternatives.push({ tokens: coveringTrigrams(word), prefix: false });
  }
  return { word, alternatives };
}

const HAN_ONLY = /^\p{Script=Han}+$/u;

const cut = (word: string) => (word.length > MAX_WORD_LENGTH ? [...word].slice(0, MAX_WORD_LENGTH).join('') : word);

/**
 * A query's words: wordsOf, except that a run of Han characters the segmenter cut into pieces,
 * one of them a single character (no dictionary word: 氢|能, 机器|人), stays one word, matched as
 * itself or by all of its bigrams (adjacent in the text, as the index's bigrams run across the
 * cuts). Single characters would each match every bigram starting with them: far more hits, and
 * far more work for both engines.
 */
function queryWordsOf(text: string): string[] {
  const folded = foldText(text);
  if (PLAIN.test(folded)) return wordsOfFolded(folded, false);
  const words: string[] = [];
  let run: { pieces: string[]; end: number } | undefined;
  const flush = () => {
    if (run) words.push(...(run.pieces.length > 1 && run.pieces.some((p) => [...p].length === 1) ? [cut(run.pieces.join(''))] : run.pieces.map(cut)));
    run = undefined;
  };
  for (const piece of segmenter.segment(folded)) {
    if (!piece.isWordLike) {
      flush();
      continue;
    }
    if (HAN_ONLY.test(piece.segment)) {
      if (run && run.end === piece.index) run.pieces.push(piece.segment);
      else {
        flush();
        run = { pieces: [piece.segment], end: 0 };
      }
      run.end = piece.index + piece.segment.length;
      continue;
    }
    flush();
    for (const part of piece.segment.match(WORD_CHARS) ?? []) words.push(cut(part));
  }
  flush();
  return words;
}

/**
 * A query through the same analysis as the index. Every word must match (as itself, or as a
 * part of a longer word by its grams); the last word matches as a prefix while one is typing
 * (no trailing space). Operators and signs are searched as nothing.
 */
export function analyzeQuery(query: string): AnalysedQuery {
  const raw = query.normalize('NFKC');
  const hadOperators = /["*():^{}+\-]/.test(raw) || new RegExp(OPERATOR_WORDS.source, 'u').test(raw);
  const kept = raw.replace(OPERATOR_WORDS, ' ');
  const words = [...new Set(queryWordsOf(kept))];
  const typing = words.length > 0 && !/\s$/.test(query);
  return { terms: words.map((word, i) => termOf(word, typing && i === words.length - 1)), hadOperators };
}
