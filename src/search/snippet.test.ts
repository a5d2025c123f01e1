import { expect, it } from 'vitest';
import { foldText } from './analysis.js';
import { snippetOf } from './snippet.js';
import type { SnippetPart } from './search.js';

// Snippets: the window around the first match with the matches marked. snippetOf segments
// lazily and folds each distinct word once; the straightforward version below (segment it all,
// fold every word) is what it must still give, word for word, on any text.

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const isMatch = (word: string, queryWords: readonly string[]) =>
  queryWords.some((q) => word.startsWith(q) || (q.length >= 2 && word.includes(q)) || (word.length >= 2 && q.includes(word) && /\p{Script=Han}/u.test(word)));

function straightforward(text: string, queryWords: readonly string[]): SnippetPart[] {
  const plain = text.replace(/<!--[^]*?-->/g, ' ').replace(/[#*_`>[\]]+/g, ' ').replace(/\(https?:[^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  const segments = [...segmenter.segment(plain)];
  const first = segments.findIndex((s) => s.isWordLike && isMatch(foldText(s.segment), queryWords));
  const startAt = first < 0 ? 0 : Math.max(0, (segments[first]?.index ?? 0) - 50);
  const parts: SnippetPart[] = [];
  let length = 0;
  if (startAt > 0) parts.push({ text: '… ', mark: false });
  for (const s of segments) {
    if (s.index < startAt) continue;
    if (length > 200) {
      parts.push({ text: ' …', mark: false });
      break;
    }
    const mark = !!s.isWordLike && isMatch(foldText(s.segment), queryWords);
    const last = parts.at(-1);
    if (last && !last.mark && !mark) parts[parts.length - 1] = { text: last.text + s.segment, mark: false };
    else parts.push({ text: s.segment, mark });
    length += s.segment.length;
  }
  return parts;
}

it('marks the first match and those in its window', () => {
  const parts = snippetOf(`${'Filler words here. '.repeat(20)}BYD tripled its sales; byd again.`, ['byd']);
  expect(parts[0]?.text.startsWith('… ')).toBe(true);
  expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['BYD', 'byd']);
});

it('gives what segmenting and folding the whole text gives, on random text in three languages', () => {
  let seed = 11;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const words = ['Batterierecycling', 'München', 'BYD', 'byd', 'electric', 'Straße', '新能源汽车', '汽車', '电池', '人工智能', '**bold**', '[link](https://x.test)', '<!-- members-only -->', '#', 'tripled', 'Künstliche', '2023', '—', '。'];
  const queries = [['byd'], ['汽车'], ['munchen', 'strasse'], ['recycling'], ['nothingmatches'], ['电'], ['kunstliche', 'electric']];
  for (let n = 0; n < 300; n++) {
    const text = Array.from({ length: 1 + Math.floor(random() * 400) }, () => words[Math.floor(random() * words.length)]).join(random() < 0.3 ? '' : ' ');
    const q = queries[n % queries.length]!;
    expect(snippetOf(text, q), `${q} in ${text.slice(0, 80)}`).toEqual(straightforward(text, q));
  }
});

it('gives the same on long Latin, Greek and Cyrillic text, where pieces without a match are skipped unsegmented', () => {
  let seed = 5;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const words = ['Batterierecycling', 'München', 'BYD', 'byd', 'electric', 'Straße', 'STRASSE', 'İstanbul', 'ﬁle', 'don\'t', 'e.g.', '3,14', 'U.S.A.', 'Ελλάδα', 'ΟΔΟΣ', 'москва',
    'Künstliche', 'Ku\u0308nstliche', '\u0301', '\u00ad', '\u200d', '—', '…', '2023', 'tripled', 'Mittelstand', 'ŉ', 'Œuvre', '**bold**', '[link](https://x.test)'];
  const queries = [['byd'], ['munchen', 'strasse'], ['recycling'], ['nothingmatches'], ['kunstliche', 'electric'], ['istanbul'], ['file'], ['οδος'], ['москва'], ['oeuvre'], ['don']];
  for (let n = 0; n < 400; n++) {
    const text = Array.from({ length: 1 + Math.floor(random() * 900) }, () => words[Math.floor(random() * words.length)]).join(random() < 0.1 ? '' : random() < 0.5 ? ' ' : '  ');
    const q = queries[n % queries.length]!;
    expect(snippetOf(text, q), `${q} in ${text.slice(0, 80)}`).toEqual(straightforward(text, q));
  }
});
