import { foldText, PLAIN } from './analysis.js';
import type { SnippetPart } from './search.js';

// Snippets: a window of a hit's text around its first match, with the matched words marked.
// The text passed in is the audience's own (the public text alone for the public), so a public
// snippet cannot quote members-only text. Parts stay plain text: the page escapes them (JSX) and
// wraps the marked ones in <mark>.

const WINDOW = 200;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * Folded segments, kept across snippets (a hit page quotes the same words again and again): for
 * Chinese text foldText runs opencc, a few microseconds a word, and a page of 20 snippets folded
 * some thousands of segments. Emptied when it grows past FOLDS_KEPT (it holds words only).
 */
const folds = new Map<string, string>();
const FOLDS_KEPT = 100_000;
function foldSegment(segment: string): string {
  let folded = folds.get(segment);
  if (folded === undefined) {
    if (folds.size >= FOLDS_KEPT) folds.clear();
    folds.set(segment, (folded = foldText(segment)));
  }
  return folded;
}

/** Whether a folded word of the text matches a folded query word (as itself, a prefix, or a part). */
function isMatch(word: string, queryWords: readonly string[]): boolean {
  return queryWords.some((q) => word.startsWith(q) || (q.length >= 2 && word.includes(q)) || (word.length >= 2 && q.includes(word) && /\p{Script=Han}/u.test(word)));
}

/** Text is cut for the search of the first match into pieces of about this many characters. */
const PIECE = 256;

/** Characters below this fold one by one (NFKC, case, diacritics: no context), so a piece of them folds as its characters do. */
const SIMPLE_BELOW = 0x180;
const simpleFolds: string[] = [];
const foldSimple = (piece: string): string | undefined => {
  let folded = '';
  for (let i = 0; i < piece.length; i++) {
    const code = piece.charCodeAt(i);
    if (code >= SIMPLE_BELOW) return undefined;
    folded += simpleFolds[code] ??= foldText(piece[i]!);
  }
  return folded;
};

/**
 * Where the segmenter may start in Latin, Greek or Cyrillic text and give the segments the
 * whole text would (right after a space, before anything that is not a mark or format sign,
 * which would cling to the space): the first such place from `from` on, or the text's end.
 */
function cutFrom(plain: string, from: number): number {
  for (let i = plain.indexOf(' ', from - 1); i >= 0 && i + 1 < plain.length; i = plain.indexOf(' ', i + 1)) {
    if (i + 1 >= from && !/[\p{M}\p{Cf}]/u.test(String.fromCodePoint(plain.codePointAt(i + 1)!))) return i + 1;
  }
  return plain.length;
}

/** The last such place at or before `at` (0 at the latest). */
function cutBefore(plain: string, at: number): number {
  for (let i = plain.lastIndexOf(' ', at - 1); i >= 0; i = plain.lastIndexOf(' ', i - 1)) {
    if (i + 1 < plain.length && !/[\p{M}\p{Cf}]/u.test(String.fromCodePoint(plain.codePointAt(i + 1)!))) return i + 1;
    if (i === 0) break;
  }
  return 0;
}

/**
 * The snippet of `text` for the query words (already folded, as analyzeQuery's terms). The text
 * is segmented lazily (up to the window's end, not the whole text) and each distinct word is
 * folded and matched once: a hit's text may be thousands of words (docs/search.md, "Performance").
 */
export function snippetOf(text: string, queryWords: readonly string[]): SnippetPart[] {
  const plain = text.replace(/<!--[^]*?-->/g, ' ').replace(/[#*_`>[\]]+/g, ' ').replace(/\(https?:[^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  const matched = new Map<string, boolean>();
  const matches = (s: Intl.SegmentData) => {
    if (!s.isWordLike) return false;
    let known = matched.get(s.segment);
    if (known === undefined) matched.set(s.segment, (known = isMatch(foldSegment(s.segment), queryWords)));
    return known;
  };
  // The first match. Latin, Greek and Cyrillic text is searched piece by piece: a piece of
  // simple characters without any query word in its folding is skipped unsegmented, and the
  // window is then segmented from a place before its start where the segmenter gives the
  // segments the whole text would. Other text is segmented from its start up to the first match.
  const plainText = PLAIN.test(plain);
  const seen: Intl.SegmentData[] = [];
  let firstAt = -1;
  let from = 0;
  if (plainText) {
    for (let start = 0; start < plain.length && firstAt < 0;) {
      const end = cutFrom(plain, start + PIECE);
      const piece = plain.slice(start, end);
      const folded = foldSimple(piece);
      if (folded === undefined || queryWords.some((q) => folded.includes(q))) {
        for (const s of segmenter.segment(piece)) {
          if (matches(s)) {
            firstAt = start + s.index;
            break;
          }
        }
      }
      start = end;
    }
    if (firstAt >= 0) from = cutBefore(plain, Math.max(0, firstAt - WINDOW / 4));
  }
  const iterator = segmenter.segment(from === 0 ? plain : plain.slice(from))[Symbol.iterator]();
  if (!plainText) {
    // The segments up to the first match (all of them when none matches).
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      seen.push(next.value);
      if (matches(next.value)) {
        firstAt = next.value.index;
        break;
      }
    }
  }
  const startAt = firstAt < 0 ? 0 : Math.max(0, firstAt - WINDOW / 4);
  const parts: SnippetPart[] = [];
  let length = 0;
  if (startAt > 0) parts.push({ text: '… ', mark: false });
  const rest = function* (): Generator<Intl.SegmentData> {
    yield* seen;
    for (let next = iterator.next(); !next.done; next = iterator.next()) yield from === 0 ? next.value : { ...next.value, index: next.value.index + from };
  };
  for (const s of rest()) {
    if (s.index < startAt) continue;
    if (length > WINDOW) {
      parts.push({ text: ' …', mark: false });
      break;
    }
    const mark = matches(s);
    const last = parts.at(-1);
    if (last && !last.mark && !mark) parts[parts.length - 1] = { text: last.text + s.segment, mark: false };
    else parts.push({ text: s.segment, mark });
    length += s.segment.length;
  }
  return parts;
}
