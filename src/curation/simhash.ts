import { createHash } from 'node:crypto';

// Near-duplicate detection: a 64-bit SimHash of an item's normalised text (title and summary).
// The same news from three outlets shares most of its words, so their hashes differ in few bits;
// unrelated texts differ in about 32. Two hashes within NEAR_BITS bits are one story. The 64 bits
// are kept as four 16-bit bands: two hashes within 3 bits of each other agree on at least one
// band (pigeonhole), so the database finds the candidates by index and only those are compared.

/** Hashes at most this many bits apart are near-duplicates. */
export const NEAR_BITS = 3;

// Words so common in news that they say nothing about which news it is.
const STOP_WORDS = new Set(
  'a an and are as at be by for from has have in into is it its new of on or says said that the this to was were will with after over than more about up its their we our you'.split(' '),
);

/** Lower-case, accent-free words (Chinese as single characters), stop words left out. */
export function normalisedWords(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  const words: string[] = [];
  for (const match of folded.matchAll(/[\p{Script=Han}]|[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    if (!STOP_WORDS.has(word)) words.push(word);
  }
  return words;
}

/** The features hashed: each word and each pair of neighbouring words. */
function features(words: readonly string[]): string[] {
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  return out;
}

/** The 64-bit SimHash of a text, as 16 hex digits. */
export function simhash(text: string): string {
  const counts = new Int32Array(64);
  const seen = features(normalisedWords(text));
  if (seen.length === 0) return createHash('sha256').update(text).digest('hex').slice(0, 16);
  for (const feature of seen) {
    const digest = createHash('md5').update(feature).digest();
    for (let bit = 0; bit < 64; bit++) {
      const byte = digest[bit >> 3]!;
      counts[bit]! += (byte >> (bit & 7)) & 1 ? 1 : -1;
    }
  }
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let value = 0;
    for (let b = 0; b < 4; b++) if (counts[nibble * 4 + b]! > 0) value |= 1 << (3 - b);
    hex += value.toString(16);
  }
  return hex;
}

/** The four 16-bit bands of a hash, high to low. */
export function bandsOf(hash: string): [number, number, number, number] {
  return [0, 1, 2, 3].map((i) => parseInt(hash.slice(i * 4, i * 4 + 4), 16)) as [number, number, number, number];
}

function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** How many bits two hashes differ in. */
export function hammingDistance(a: string, b: string): number {
  return popcount32((parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) >>> 0) + popcount32((parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16)) >>> 0);
}
