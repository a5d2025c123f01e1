import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Editors write Markdown; raw HTML is shown as text (html: false) and the output passes an
// allow-list sanitiser as a second line of defence. Links may only use safe schemes.

const SAFE_LINK = /^(https?:|mailto:|\/(?!\/)|#)/i;

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

// Links that leave the site open normally but carry no referrer details or opener access.
const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = tokens[idx]?.attrGet('href') ?? '';
  if (/^https?:/i.test(href)) tokens[idx]?.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'strong', 'em', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5',
    'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 's', 'del', 'sup', 'sub',
  ],
  allowedAttributes: { a: ['href', 'rel', 'title'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
};

/** Renders editor Markdown to safe HTML. Headings are shifted down so pages own h1/h2. */
export function renderMarkdown(markdown: string): string {
  const html = md.render(markdown).replace(/<(\/?)h([12])>/g, (_m, slash: string, level: string) => `<${slash}h${Number(level) + 2}>`);
  return sanitizeHtml(html, sanitizeOptions);
}

/** Renders Markdown inline (no surrounding paragraph), for titles and one-liners. */
export function renderInlineMarkdown(markdown: string): string {
  return sanitizeHtml(md.renderInline(markdown), sanitizeOptions);
}

/** Plain text of some Markdown: for meta descriptions, feeds and excerpts. */
export function markdownToText(markdown: string): string {
  const html = md.render(markdown);
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/** Shortens text at a word boundary, adding an ellipsis when cut. */
export function excerpt(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxLength * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:–-]+$/, '')}…`;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
