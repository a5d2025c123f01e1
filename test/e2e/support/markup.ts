// Whether a page under /de or /zh is, as markup, the page at / with other words: the crawls
// (support/xss-crawl.ts) render a translated page in Chromium only when it is not. Two documents
// have the same markup when, token by token, they have the same tags with the same attributes,
// the same addresses (once the language prefix is taken off) and the same script and style
// text, and differ only in text between tags and in attributes that hold words (a title, a
// label, an alternative text, a placeholder, a form value, a meta description, a date). A browser
// parses such a pair into the same elements with the same handlers, addresses and scripts: what
// it can run, load or navigate to is the same, so rendering one of them proves the other.
// Anything that differs otherwise (an element, an attribute, a handler, an address, a style, a
// script, a comment, the number of tokens) makes the pair different, and the translated page is
// rendered too. checks-can-fail.test.ts proves each of these differences is seen.

/** A piece of a document: a tag with its attributes, text between tags, or a script's or style's own text. */
export type MarkupToken =
  | { readonly kind: 'tag'; readonly name: string; readonly attributes: readonly (readonly [string, string])[] }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'raw'; readonly text: string };

const TAG = /^<(\/?)([A-Za-z][^\s/>]*)((?:\s*[^\s"'>/=][^\s"'>/=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?|\s*\/)*)\s*>/;
const ATTRIBUTE = /([^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
/** Elements whose content is not markup: it runs (scripts) or styles (styles), and must be the same. */
const RAW = new Set(['script', 'style']);

/** The tokens of an HTML (or XML) document, in order. Comments, doctypes and processing instructions are raw tokens. */
export function markupTokens(html: string): MarkupToken[] {
  const tokens: MarkupToken[] = [];
  let text = '';
  let at = 0;
  const flush = () => {
    if (text) tokens.push({ kind: 'text', text });
    text = '';
  };
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (lt < 0) {
      text += html.slice(at);
      break;
    }
    text += html.slice(at, lt);
    at = lt;
    const rest = html.slice(at);
    const special = /^<!--[\s\S]*?(?:-->|$)|^<![^>]*>|^<\?[^>]*>/.exec(rest);
    if (special) {
      flush();
      tokens.push({ kind: 'raw', text: special[0] });
      at += special[0].length;
      continue;
    }
    const tag = TAG.exec(rest);
    if (!tag) {
      // A '<' that starts no tag is text, as for the browser.
      text += '<';
      at += 1;
      continue;
    }
    flush();
    const name = tag[2]!.toLowerCase();
    const attributes: [string, string][] = [];
    for (const match of (tag[3] ?? '').matchAll(ATTRIBUTE)) {
      const value = match[2] ?? '';
      attributes.push([match[1]!.toLowerCase(), /^["']/.test(value) ? value.slice(1, -1) : value]);
    }
    tokens.push({ kind: 'tag', name: `${tag[1]}${name}`, attributes });
    at += tag[0].length;
    if (!tag[1] && RAW.has(name)) {
      const end = html.toLowerCase().indexOf(`</${name}`, at);
      const stop = end < 0 ? html.length : end;
      tokens.push({ kind: 'raw', text: html.slice(at, stop) });
      at = stop;
    }
  }
  flush();
  return tokens;
}

/** Attributes that hold words, which a translation changes: never code, an address or a style. */
const WORD_ATTRIBUTES = new Set(['lang', 'title', 'alt', 'placeholder', 'value', 'datetime', 'nonce', 'hreflang', 'label']);
/** A language's code, the value of any attribute that names one (`lang`, `hreflang`, `data-language-offer`). */
const LANGUAGE = /^(?:en|de|zh|zh-Hans)$/;
/** Addresses: compared without the language prefix. */
const ADDRESS_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'srcset', 'poster', 'data', 'cite']);

/** An address without its `/de` or `/zh` prefix (also inside an absolute address on `origin`). */
export function withoutLanguage(address: string, origin = ''): string {
  const base = origin && address.startsWith(origin) ? origin : '';
  return base + address.slice(base.length).replace(/^\/(?:de|zh)(?=\/)/, '').replace(/^\/(?:de|zh)(?=[?#]|$)/, '/');
}

/** The English path of a path under /de or /zh (`/de` → `/`, `/zh/stories/x` → `/stories/x`); undefined for any other path. */
export function englishPathOf(path: string): string | undefined {
  if (!/^\/(?:de|zh)(?:\/|$)/.test(path)) return undefined;
  return path.replace(/^\/(?:de|zh)/, '') || '/';
}

/** Whether an attribute's value may differ between two pages that have the same markup. */
function holdsWords(tag: string, name: string, attributes: readonly (readonly [string, string])[]): boolean {
  if (WORD_ATTRIBUTES.has(name) || name.startsWith('aria-')) return true;
  // A meta's content is words, except a refresh's (it holds an address).
  if (tag === 'meta' && name === 'content') return !attributes.some(([attribute]) => attribute === 'http-equiv');
  return false;
}

/**
 * The first difference between the markup of two documents that is not just other words (see
 * the top of this file), or undefined when they have the same markup. `origin` is the site's,
 * for absolute addresses on it.
 */
export function markupDifference(english: string, translated: string, origin = ''): string | undefined {
  const a = markupTokens(english);
  const b = markupTokens(translated);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const difference = tokenDifference(a[i]!, b[j]!, origin);
    if (!difference) {
      i += 1;
      j += 1;
    } else if (isWordWrapper(b[j]!)) {
      // The translated page wraps words it left in English (`<span lang="en">…</span> <span class="untranslated">(Englisch)</span>`).
      j += 1;
    } else {
      return `token ${i} against ${j}: ${difference}`;
    }
  }
  while (j < b.length && isWordWrapper(b[j]!)) j += 1;
  return i === a.length && j === b.length ? undefined : `${a.length - i} tokens left against ${b.length - j}`;
}

/**
 * A token a translation may add around words: text (without a '<') and a `<span>` with nothing
 * but a `lang` and a `class`, and its end. None can run, load or navigate to anything.
 */
function isWordWrapper(token: MarkupToken): boolean {
  if (token.kind === 'text') return !token.text.includes('<');
  if (token.kind !== 'tag') return false;
  return token.name === '/span' || (token.name === 'span' && token.attributes.every(([name]) => name === 'lang' || name === 'class'));
}

/** How two tokens differ other than in words (see the top of this file), or undefined. */
export function tokenDifference(x: MarkupToken, y: MarkupToken, origin = ''): string | undefined {
  // Text is words, unless it holds a '<' that starts no tag (never in our pages: JSX escapes it).
  if (x.kind === 'text' && y.kind === 'text') {
    return x.text !== y.text && (x.text.includes('<') || y.text.includes('<')) ? "text with a '<' differs" : undefined;
  }
  if (x.kind === 'raw' && y.kind === 'raw') return x.text === y.text ? undefined : `${JSON.stringify(x.text.slice(0, 80))} against ${JSON.stringify(y.text.slice(0, 80))}`;
  if (x.kind !== 'tag' || y.kind !== 'tag') return `${x.kind} against ${y.kind}`;
  if (x.name !== y.name) return `<${x.name}> against <${y.name}>`;
  return attributeDifference(x.name, x.attributes.filter(([name]) => !name.startsWith('aria-')), y.attributes.filter(([name]) => !name.startsWith('aria-')), origin);
}

/** Attributes (`aria-*` left out: states and words, present on one page's current link only, say) compared as in `tokenDifference`. */
function attributeDifference(tag: string, xs: readonly (readonly [string, string])[], ys: readonly (readonly [string, string])[], origin: string): string | undefined {
  const x = { name: tag, attributes: xs };
  const y = { attributes: ys };
  if (x.attributes.length !== y.attributes.length || x.attributes.some(([name], at) => name !== y.attributes[at]![0])) {
    return `<${x.name}> with ${x.attributes.map(([name]) => name).join(' ')} against ${y.attributes.map(([name]) => name).join(' ')}`;
  }
  for (const [at, [name, value]] of x.attributes.entries()) {
    const other = y.attributes[at]![1];
    if (value === other || holdsWords(x.name, name, x.attributes) || (LANGUAGE.test(value) && LANGUAGE.test(other))) continue;
    if (ADDRESS_ATTRIBUTES.has(name) && withoutLanguage(value, origin) === withoutLanguage(other, origin)) continue;
    return `<${x.name}> ${name}=${JSON.stringify(value.slice(0, 80))} against ${JSON.stringify(other.slice(0, 80))}`;
  }
  return undefined;
}

/** Addresses of links (`a[href]`) and sitemap entries (`<loc>`) in a document, entities decoded, as the crawls follow them. */
export function linksIn(html: string): string[] {
  const links: string[] = [];
  const tokens = markupTokens(html);
  for (const [index, token] of tokens.entries()) {
    if (token.kind !== 'tag') continue;
    if (token.name === 'a') {
      const href = token.attributes.find(([name]) => name === 'href');
      if (href) links.push(decodeEntities(href[1]));
    } else if (token.name === 'loc') {
      const next = tokens[index + 1];
      links.push(next?.kind === 'text' ? decodeEntities(next.text) : '');
    }
  }
  return links;
}

/** Whether a document's text (outside scripts, styles and tags) shows a payload's run flag as text. */
export function textShowsPayload(html: string): boolean {
  return markupTokens(html).some((token) => token.kind === 'text' && token.text.includes('__xss'));
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, body: string) => {
    if (body[0] === '#') return String.fromCodePoint(body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1)));
    return NAMED[body.toLowerCase()] ?? entity;
  });
}
