import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { mediaSrcset, parseMediaPath } from './media-urls.js';

// Editors write Markdown; raw HTML is shown as text (html: false) and the output passes an
// allow-list sanitiser as a second line of defence. Links may only use safe schemes.

const SAFE_LINK = /^(https?:|mailto:|\/(?!\/)|#)/i;

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

// Pages own h1 and h2 (and items use h3), so every Markdown heading moves down two levels.
md.core.ruler.push('shift_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
    }
  }
  return true;
});

// An image alone in its paragraph with a title becomes a figure whose caption is the title
// (`![Alt text](/media/… "Caption · Photo: credit")`).
md.core.ruler.push('figures', (state) => {
  const tokens = state.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const open = tokens[i]!;
    const inline = tokens[i + 1]!;
    const close = tokens[i + 2]!;
    if (open.type !== 'paragraph_open' || inline.type !== 'inline' || close.type !== 'paragraph_close') continue;
    const children = inline.children ?? [];
    const image = children.length === 1 ? children[0] : undefined;
    const title = image?.type === 'image' ? image.attrGet('title') : null;
    if (!image || !title) continue;
    open.tag = 'figure';
    close.tag = 'figure';
    image.meta = { caption: title };
  }
  return true;
});

// Our own images (media/) get every width as a srcset and load lazily; a figure's caption
// follows its image.
const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const caption = (token.meta as { caption?: string } | null)?.caption;
  const ref = parseMediaPath(token.attrGet('src') ?? '');
  if (ref) {
    token.attrSet('srcset', mediaSrcset(ref));
    token.attrSet('sizes', '(min-width: 48rem) 46rem, 100vw');
    token.attrSet('loading', 'lazy');
  }
  if (caption) token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'title');
  const img = defaultImage(tokens, idx, options, env, self);
  return caption ? `${img}<figcaption>${md.utils.escapeHtml(caption)}</figcaption>` : img;
};

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
    'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 's', 'del', 'sup', 'sub', 'img', 'figure', 'figcaption',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'title'],
    img: ['src', 'alt', 'title', 'srcset', 'sizes', 'loading'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
};

/** Renders editor Markdown to safe HTML: no raw HTML, safe link and image schemes only. */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(md.render(markdown), sanitizeOptions);
}

/**
 * A URL that may go into an `href`: http(s) and mailto only, else null. Content is checked on
 * the way in too; this is the check on the way out (Preact escapes but passes `javascript:`).
 */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : null;
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
