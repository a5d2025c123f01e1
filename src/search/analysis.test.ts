import { describe, expect, it } from 'vitest';
import { analyzeQuery, foldText, indexTokens, wordsOf, wordsOfFolded, type AnalysedQuery } from './analysis.js';

// The shared analysis, by what it guarantees: a query term matches a text's tokens exactly when
// the search should find it. Checked on our functions' outputs, not on ICU's word cuts (which
// differ between Node versions).

/** Whether a text's index tokens satisfy every term of a query, as both engines evaluate it. */
function matches(text: string, query: AnalysedQuery): boolean {
  const tokens = indexTokens(text);
  const has = (token: string, prefix: boolean) => tokens.some((t) => (prefix ? t.startsWith(token) : t === token));
  return query.terms.length > 0 && query.terms.every((term) =>
    term.alternatives.some((alt) => alt.tokens.every((token, i) => has(token, alt.prefix && i === alt.tokens.length - 1))));
}

const finds = (query: string, text: string) => matches(text, analyzeQuery(`${query} `));

describe('folding', () => {
  it('folds case, diacritics, ß and compatibility forms', () => {
    expect(foldText('Künstliche Intelligenz in MÜNCHEN')).toBe('kunstliche intelligenz in munchen');
    expect(foldText('Straße')).toBe('strasse');
    expect(foldText('ＢＹＤ ﬁle')).toBe('byd file');
  });

  it('folds Traditional Chinese to Simplified', () => {
    expect(foldText('新能源汽車 電池')).toBe('新能源汽车 电池');
  });

  it('keeps only letters and digits in words', () => {
    expect(wordsOf('"e-mobility" OR NEAR(x*)')).toEqual(['e', 'mobility', 'or', 'near', 'x']);
  });
});

describe('long input', () => {
  it('cuts a 100,000-letter word to its first 200 letters, in the index and in a query, without grams', () => {
    expect(indexTokens(`a ${'x'.repeat(100_000)} Batterierecycling`)).toContain('batterierecycling');
    expect(indexTokens('x'.repeat(100_000))).toEqual(['x'.repeat(200)]);
    expect(wordsOf('y'.repeat(5_000))).toEqual(['y'.repeat(200)]);
  });
});

describe('matching through the shared tokens', () => {
  it('finds words regardless of case and diacritics', () => {
    expect(finds('kunstliche', 'Künstliche Intelligenz')).toBe(true);
    expect(finds('munchen', 'Messe in München')).toBe(true);
    expect(finds('strasse', 'Die Straße')).toBe(true);
    expect(finds('berlin', 'Messe in München')).toBe(false);
  });

  it('finds a Chinese word inside a longer one, and Traditional spellings', () => {
    expect(finds('汽车', '新能源汽车销量大增')).toBe(true);
    expect(finds('汽車', '新能源汽车销量大增')).toBe(true);
    expect(finds('能源汽', '新能源汽车')).toBe(true);
    expect(finds('飞机', '新能源汽车')).toBe(false);
  });

  it('finds a German compound by its parts', () => {
    expect(finds('recycling', 'Batterierecycling in Sachsen')).toBe(true);
    expect(finds('batterie', 'Batterierecycling in Sachsen')).toBe(true);
    expect(finds('recyclinghof', 'Batterierecycling in Sachsen')).toBe(false);
  });

  it('requires every word', () => {
    expect(finds('byd münchen', 'BYD opens an office in Munich')).toBe(false);
    expect(finds('byd munich', 'BYD opens an office in Munich')).toBe(true);
  });

  it('matches the last word as a prefix while typing, not after a space', () => {
    expect(matches('Battery by CATL', analyzeQuery('catl batt'))).toBe(true);
    expect(matches('Battery by CATL', analyzeQuery('catl batt '))).toBe(false);
    expect(analyzeQuery('catl batt').terms.map((t) => t.alternatives[0]?.prefix)).toEqual([false, true]);
  });
});

describe('queries with operators', () => {
  it('searches operator words and signs as nothing and says so', () => {
    const query = analyzeQuery('"BYD" OR NIO* NEAR (x');
    expect(query.terms.map((t) => t.word)).toEqual(['byd', 'nio', 'x']);
    expect(query.hadOperators).toBe(true);
    expect(analyzeQuery('byd nio').hadOperators).toBe(false);
  });

  it('gives no terms for an empty or sign-only query', () => {
    expect(analyzeQuery('').terms).toEqual([]);
    expect(analyzeQuery('  "" * ; -- ').terms).toEqual([]);
  });
});

describe('compound parts', () => {
  it('matches a part as the prefix of a suffix of the compound, and finds it in every position', () => {
    const alternatives = (q: string) => analyzeQuery(`${q} `).terms[0]!.alternatives.map((alt) => [alt.tokens, alt.prefix]);
    expect(alternatives('recycling')).toEqual([[['recycling'], false], [['_recycling'], true]]);
    expect(alternatives('robo')).toEqual([[['robo'], false], [['_robo'], true]]);
    for (const text of ['Batterierecycling', 'Recyclinghof', 'Batterierecyclinghof']) expect(finds('recycling', text)).toBe(true);
    expect(finds('zentrum', 'Innovationszentrum')).toBe(true);
    expect(finds('recycling', 'Batteriewiederverwertung')).toBe(false);
  });

  it('finds a part only where it is, not where its letters are spread over the text', () => {
    // Every trigram of "recycling" is in these words, but not the word itself.
    expect(finds('recycling', 'Rechtsberatung Cyclingteam Kreiselflug')).toBe(false);
    expect(finds('recycling', 'Direktrecyclingteam')).toBe(true);
  });

  it('matches a part longer than a part token by the tokens that cover it, each exact', () => {
    const query = analyzeQuery('kundenantwortenden ').terms[0]!.alternatives[1]!;
    expect(query).toEqual({ tokens: ['_kundenantwor', '_antwortenden'], prefix: false });
    expect(finds('kundenantwortenden', 'Die Mittelstandskundenantwortenden')).toBe(true);
    expect(finds('kundenantwortenden', 'Kundenantwort Wortenden')).toBe(false);
    // The limit of covering tokens: both are in these two words, so they match too (rare: two long runs of 12 letters).
    expect(finds('kundenantwortenden', 'Kundenantworten Antwortenden')).toBe(true);
  });

  it('indexes a long word by its suffixes of at least four letters, each cut to twelve', () => {
    expect(indexTokens('Batterierecycling').filter((t) => t.startsWith('_'))).toEqual([
      '_batterierecy', '_atterierecyc', '_tterierecycl', '_terierecycli', '_erierecyclin', '_rierecycling', '_ierecycling',
      '_erecycling', '_recycling', '_ecycling', '_cycling', '_ycling', '_cling', '_ling',
    ]);
    expect(indexTokens('Batterie').filter((t) => t.startsWith('_'))).toEqual(['_batterie', '_atterie', '_tterie', '_terie', '_erie']);
    expect(indexTokens('Fabrik')).toEqual(['fabrik']);
  });
});

describe('plain text without the segmenter', () => {
  it('gives the same words as the segmenter for Latin, Greek and Cyrillic text with every kind of sign', () => {
    const alphabet = [...'abcdefghijklmnopqrstuvwxyzäöüßéèçñøåœæ0123456789αβγδωπλмирдух', ' ', '  ', '\n', ...".,;:!?'’‘\"“”-–—_/\\@#$%&*()[]{}<>+=~^`|·•…€£¥©®™°±×÷§¶", '\u00ad', '\u200b', '\u200d', '\u0301', '\t', '1.5', "don't", 'e.g.', 'U.S.A.', '3,14', 'a_b', 'x@y.z'];
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const text = foldText(Array.from({ length: 1 + Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
      expect(wordsOfFolded(text, false), text).toEqual(wordsOfFolded(text, true));
    }
  });

  it('still segments text with Chinese in it', () => {
    expect(wordsOf('BYD 新能源汽车').length).toBeGreaterThan(1);
    expect(wordsOf('BYD 新能源汽车')[0]).toBe('byd');
  });
});

describe('Chinese queries', () => {
  it('keeps a run of Han characters one word when the segmenter would leave single characters, found where it is', () => {
    expect(analyzeQuery('氢能 ').terms.map((t) => t.word)).toEqual(['氢能']);
    expect(finds('氢能', '发展氢能产业')).toBe(true);
    expect(finds('氢能', '氢气和能源')).toBe(false);
    expect(finds('机器人', '工业机器人市场')).toBe(true);
    expect(analyzeQuery('电 ').terms.map((t) => t.alternatives.map((a) => a.tokens))).toEqual([[['电'], ['_电']]]);
    expect(finds('电', '新能源汽车电池')).toBe(true);
  });

  it('finds a Chinese word inside a Han run where it is, not where its characters are spread', () => {
    expect(indexTokens('新能源汽车').filter((t) => t.startsWith('_'))).toEqual(['_新能源', '_能源汽', '_源汽车', '_汽车']);
    expect(finds('新能源', '新能力和能源')).toBe(false);
    expect(finds('新能源汽车', '新能源汽车销量')).toBe(true);
    expect(analyzeQuery('新能源汽车 ').terms.flatMap((t) => t.alternatives.slice(1))).toEqual(
      analyzeQuery('新能源汽车 ').terms.map((t) => ({ tokens: [...t.word].length > 3 ? expect.any(Array) : [`_${t.word}`], prefix: [...t.word].length <= 3 })),
    );
    expect(finds('能源汽车产', '新能源汽车产业')).toBe(true);
    expect(finds('能源汽车产', '能源汽车 车产业')).toBe(false);
  });
});
