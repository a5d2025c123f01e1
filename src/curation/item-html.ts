import sanitizeHtml from 'sanitize-html';

// Item HTML comes from other people's servers: only a small allow-list of tags survives, links
// keep http(s) and mailto addresses only and open nothing in the desk's window, images and
// scripts and styles and frames are dropped. Plain text (the summary, the clustering's input)
// is the same HTML with every tag removed and entities decoded.

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'a', 'em', 'i', 'strong', 'b', 'ul', 'ol', 'li', 'blockquote', 'q', 'code', 'pre', 'h2', 'h3', 'h4', 'figure', 'figcaption'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'template'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }, true) },
};

/** An item's HTML, safe to show in the desk (at most `limit` characters of input are read). */
export function sanitiseItemHtml(html: string, limit = 200_000): string {
  return sanitizeHtml(html.slice(0, limit), { ...OPTIONS, allowedAttributes: { a: ['href', 'rel'] } }).trim();
}

/** The text of some HTML: tags removed, entities decoded, whitespace collapsed. */
export function plainText(html: string, limit = 200_000): string {
  const text = sanitizeHtml(html.slice(0, limit), { allowedTags: [], allowedAttributes: {}, nonTextTags: OPTIONS.nonTextTags });
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/**
 * A one-line text field that may hold markup (a feed title or author): its plain text, or, when
 * markup swallowed all of it (an unclosed tag takes the rest of the line as its attributes, as a
 * browser would), the field itself as text. Never HTML: the desk escapes it like any text.
 */
export function lineText(field: string, limit = 2_000): string {
  return plainText(field, limit) || decodeEntities(field.slice(0, limit)).replace(/\s+/g, ' ').trim();
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Decodes the HTML entities sanitize-html leaves in text (and the common named ones). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}
