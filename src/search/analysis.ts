import { Converter } from 'opencc-js/t2cn';

// The one text analysis of search: the index and the query both go through `analyzeText`, so a
// word matches exactly when both sides fold it to the same token. Tokens hold only letters and
// digits (plus the part marker `_`), so neither engine's query syntax ever sees an operator:
// SQLite's FTS5 and PostgreSQL's tsquery receive our tokens quoted, never the user's text.
//
// - Folding: NFKC, lower case, diacritics removed (München → munchen), ß → ss.
// - Chinese: Traditional folded to Simplified (opencc-js), words from Intl.Segmenter, and from
//   every character of a Han run the next few characters as a part token (`_汽车销`), so a word
//   inside a longer word is found where it is, whatever ICU's dictionary cut ("汽车" finds
//   "新能源汽车" by the prefix `_汽车*`).
// - Long Latin words (German compounds): their suffixes as part tokens, so a part is found inside
//   the compound by a prefix match ("recycling" finds "Batterierecycling" by `_recycling*`).
// Intl.Segmenter's output depends on the ICU version, the tokens on this analysis: the index
// stores both (INDEX_VERSION) and `insights reindex` rebuilds when either changes.

/** The ICU version the segmenter of this process uses: stored with the index. */
export const ICU_VERSION: string = process.versions.icu ?? 'none';

/** The version of the index's tokens (raise it when indexTokens changes what it makes): an older index is rebuilt. */
export const ANALYSIS_VERSION = 'parts-3';

/** What the index records it was built with: the ICU version and the analysis's. */
export const INDEX_VERSION = `${ICU_VERSION} ${ANALYSIS_VERSION}`;

/** Latin words at least this long are also indexed by their suffixes (compound parts). */
export const COMPOUND_MIN_LENGTH = 8;

/** Longer "words" (pasted hashes, runs of one letter) are no compounds: their parts would only bloat the index. */
const COMPOUND_MAX_LENGTH = 64;

/** A query word at least this long also matches as a substring of a long word, by its part tokens. */
export const PART_MIN_LENGTH = 4;

/**
 * A part token holds at most this many characters: a long word's suffixes and a Han run's
 * character sequences are cut to it. A query part up to this long is one prefix match; a longer
 * one is matched by the part tokens that cover it (all of them exact, each where the text has it).
 */
export const LATIN_PART_LENGTH = 12;
export const HAN_PART_LENGTH = 3;

/** What marks a part token, so it never equals a word token. */
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
export const PLAIN = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]*$/u;

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

/** Whether a string holds surrogate pairs (characters of two code units). */
const SURROGATES = /[\uD800-\uDFFF]/;

/** A string's characters (code points). */
function charsOf(text: string): string[] {
  return SURROGATES.test(text) ? [...text] : text.split('');
}

/**
 * The part tokens of a string: from each character on, the next `length` characters (fewer at
 * the end, at least `min`), marked. Every substring of at least `min` characters is then the
 * prefix of one of them (or, longer than `length`, covered by them: partAlternative).
 */
function partsOf(text: string, length: number, min: number, into: string[], seen: Set<string>): void {
  const add = (part: string) => {
    if (seen.has(part)) return;
    seen.add(part);
    into.push(part);
  };
  if (!SURROGATES.test(text)) {
    // No surrogate pairs: code units are characters.
    for (let i = 0; i + min <= text.length; i++) add(GRAM_MARK + text.slice(i, i + length));
    return;
  }
  const chars = [...text];
  for (let i = 0; i + min <= chars.length; i++) add(GRAM_MARK + chars.slice(i, i + length).join(''));
}

/**
 * The index tokens of a text: every word, the part tokens of every Han run (across the
 * segmenter's cuts) and of long Latin words. Repeated words are kept (they count for ranking);
 * each part token is given once (`seen`, shared by the texts of one column: a part's repeats
 * would only make the index larger, and PostgreSQL's vectors keep each lexeme once anyway).
 *
 * Text of Han characters among Latin, Greek or Cyrillic only (Chinese text) is not segmented:
 * a Han run gives its part tokens and its last character as a word (so that a single character
 * is found in every place of a run, the last one too), the rest its runs of letters and digits
 * (ICU cuts at every change between Han and other letters, so these are the segmenter's words).
 * Every query word of Han characters matches by the part tokens (analyzeQuery), so the
 * dictionary's words add nothing to what is found, and the segmenter is most of the analysis's
 * time. Text of other scripts (kana, Hangul, Thai: cut by ICU's dictionaries) is segmented.
 */
export function indexTokens(text: string, seen: Set<string> = new Set()): string[] {
  const folded = foldText(text);
  let tokens: string[];
  if (PLAIN.test(folded)) tokens = wordsOfFolded(folded, false);
  else {
    const rest = folded.replace(HAN_RUN, ' ');
    const runs = folded.match(HAN_RUN) ?? [];
    if (PLAIN.test(rest)) {
      tokens = wordsOfFolded(rest, false);
      for (const run of runs) tokens.push(lastChar(run));
    } else tokens = wordsOfFolded(folded, true);
    for (const run of runs) partsOf(run, HAN_PART_LENGTH, 2, tokens, seen);
  }
  const words = tokens.length;
  for (let i = 0; i < words; i++) {
    const word = tokens[i]!;
    if (word.length < COMPOUND_MIN_LENGTH || seen.has(word) || isHan(word)) continue;
    seen.add(word);
    const length = SURROGATES.test(word) ? [...word].length : word.length;
    if (length <= COMPOUND_MAX_LENGTH) partsOf(word, LATIN_PART_LENGTH, PART_MIN_LENGTH, tokens, seen);
  }
  return tokens;
}

/** A string's last character (code point). */
function lastChar(text: string): string {
  const code = text.codePointAt(text.length - 1)!;
  return code >= 0xdc00 && code <= 0xdfff && text.length >= 2 ? text.slice(-2) : text.slice(-1);
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
 * How a query word matches inside a longer one: up to `length` characters, as the prefix of a
 * part token (`_recycling*`); longer, by the part tokens that cover it (from every `length`-th
 * character and the last `length` characters, each exact: the text's part token starting there
 * is cut to the same length).
 */
function partAlternative(word: string, length: number): Alternative {
  const chars = charsOf(word);
  if (chars.length <= length) return { tokens: [GRAM_MARK + word], prefix: true };
  const tokens: string[] = [];
  for (let i = 0; i + length < chars.length; i += length) tokens.push(GRAM_MARK + chars.slice(i, i + length).join(''));
  tokens.push(GRAM_MARK + chars.slice(chars.length - length).join(''));
  return { tokens: [...new Set(tokens)], prefix: false };
}

/** The last word is matched as a prefix while typing only from this many characters on (`in*` would merge thousands of terms). */
export const TYPED_PREFIX_MIN_LENGTH = 3;

/**
 * The alternatives of one query word; `typing` makes it (the last word, no space after it) a
 * prefix of a whole word when it has at least TYPED_PREFIX_MIN_LENGTH characters. Its Latin part
 * alternative is then exact (`_innov`: compounds ending in it) instead of a prefix over the part
 * tokens (`_innov*`: every word containing it, thousands of terms for a short prefix, merged at
 * each search); the Han part alternative, the substring fallback of `汽车`, stays as it is (its
 * part tokens are three characters, so their prefixes are few). After a space the word gets its
 * full part matching again.
 */
function termOf(word: string, typing: boolean): QueryTerm {
  const length = charsOf(word).length;
  const alternatives: Alternative[] = [{ tokens: [word], prefix: typing && length >= TYPED_PREFIX_MIN_LENGTH }];
  if (isHan(word)) alternatives.push(partAlternative(word, HAN_PART_LENGTH));
  else if (length >= PART_MIN_LENGTH) {
    const part = partAlternative(word, LATIN_PART_LENGTH);
    alternatives.push(typing ? { tokens: part.tokens, prefix: false } : part);
  }
  return { word, alternatives };
}

const HAN_ONLY = /^\p{Script=Han}+$/u;

const cut = (word: string) => (word.length > MAX_WORD_LENGTH ? [...word].slice(0, MAX_WORD_LENGTH).join('') : word);

/**
 * A query's words: wordsOf, except that a run of Han characters the segmenter cut into pieces,
 * one of them a single character (no dictionary word: 氢|能, 机器|人), stays one word, matched as
 * itself or inside a Han run by its part tokens (which run across the cuts). Single characters
 * would each match every part token starting with them: far more hits, and far more work for
 * both engines.
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
