import { foldText } from './analysis.js';
import type { SnippetPart } from './search.js';

// Snippets: a window of a hit's text around its first match, with the matched words marked.
// The text passed in is the audience's own (the public text alone for the public), so a public
// snippet cannot quote members-only text. Parts stay plain text: the page escapes them (JSX) and
// wraps the marked ones in <mark>.

const WINDOW = 200;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Whether a folded word of the text matches a folded query word (as itself, a prefix, or a part). */
function isMatch(word: string, queryWords: readonly string[]): boolean {
  return queryWords.some((q) => word.startsWith(q) || (q.length >= 2 && word.includes(q)) || (word.length >= 2 && q.includes(word) && /\p{Script=Han}/u.test(word)));
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
    if (known === undefined) matched.set(s.segment, (known = isMatch(foldText(s.segment), queryWords)));
    return known;
  };
  const iterator = segmenter.segment(plain)[Symbol.iterator]();
  // The segments up to the first match (all of them when none matches).
  const seen: Intl.SegmentData[] = [];
  let first = -1;
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    seen.push(next.value);
    if (matches(next.value)) {
      first = seen.length - 1;
      break;
    }
  }
  const startAt = first < 0 ? 0 : Math.max(0, (seen[first]?.index ?? 0) - WINDOW / 4);
  const parts: SnippetPart[] = [];
  let length = 0;
  if (startAt > 0) parts.push({ text: '… ', mark: false });
  const rest = function* (): Generator<Intl.SegmentData> {
    yield* seen;
    if (first >= 0) for (let next = iterator.next(); !next.done; next = iterator.next()) yield next.value;
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
