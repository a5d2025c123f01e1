import { encodeInlineImage, encodePart } from '../../mail/encoded-part.js';
import type { EncodedBody } from '../../mail/transport.js';
import type { EditionImage, EditionTemplate } from '../delivery.js';

// Per-recipient values go into a compiled edition through placeholders delimited by two
// private-use characters, which are stripped from all content first: no story text can forge
// a placeholder, and the MJML is never compiled per recipient.

const OPEN = '\uE000';
const CLOSE = '\uE001';

export const PLACEHOLDERS = ['greeting', 'unsubscribe_url', 'preferences_url', 'web_url'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** The marker a template holds where a per-recipient value goes. */
export function placeholder(name: Placeholder): string {
  return `${OPEN}${name}${CLOSE}`;
}

/** The marker of numbered link `index` (engagement: `/r/<token>` per recipient, filled at assembly). */
export function linkPlaceholder(index: number): string {
  return `${OPEN}link_${index}${CLOSE}`;
}

/** The marker of the open pixel (engagement: an `<img>` of `/o/<token>` per recipient, filled at assembly; HTML part only, nothing when the recipient has no open address). */
export function openPlaceholder(): string {
  return `${OPEN}open${CLOSE}`;
}

/** Removes the placeholder delimiters from content before it enters a template. */
export function stripDelimiters(text: string): string {
  return text.replace(/[\uE000\uE001]/g, '');
}

/** The values of one recipient, unescaped; `link` gives numbered link `index`'s address (its click redirect). */
export type RecipientValues = Readonly<Record<Placeholder, string>> & { readonly link?: (index: number) => string; /** The open pixel's address (`/o/<token>`); '' leaves the pixel without one. */ readonly open?: string };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

const PATTERN = /\uE000([a-z_]+|link_\d{1,5})\uE001/g;

/** A template split at its placeholders once, so each recipient costs one join. */
export interface PreparedPart {
  readonly pieces: readonly string[];
  /** A placeholder's name, or a numbered link's index. */
  readonly names: readonly Slot[];
}

/** A placeholder's name, a numbered link's index, or the open pixel. */
type Slot = Placeholder | number | 'open';

function prepare(template: string): PreparedPart {
  const pieces: string[] = [];
  const names: Slot[] = [];
  let last = 0;
  for (const match of template.matchAll(PATTERN)) {
    const name = match[1]!;
    const link = name.startsWith('link_') ? Number(name.slice(5)) : null;
    if (link === null && name !== 'open' && !PLACEHOLDERS.includes(name as Placeholder)) throw new Error(`unknown placeholder ${name}`);
    pieces.push(template.slice(last, match.index));
    names.push(link ?? (name as Placeholder | 'open'));
    last = match.index + match[0].length;
  }
  pieces.push(template.slice(last));
  return { pieces, names };
}

/** One placeholder's value (unescaped): a numbered link without a `link` function is left out of the message (never happens: the sender gives one). */
function valueOf(values: RecipientValues, name: Slot): string {
  if (name === 'open') return values.open ?? '';
  return typeof name === 'number' ? (values.link?.(name) ?? '') : values[name];
}

/** A slot's value in the HTML part: escaped; the open pixel is a whole 1×1 image with an empty alt, or nothing. */
function htmlValue(values: RecipientValues, name: Slot): string {
  if (name !== 'open') return escapeHtml(valueOf(values, name));
  return values.open ? `<img src="${escapeHtml(values.open)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;margin:0;padding:0" />` : '';
}

function fill(part: PreparedPart, value: (name: Slot) => string): string {
  let out = part.pieces[0]!;
  for (let i = 0; i < part.names.length; i++) out += value(part.names[i]!) + part.pieces[i + 1]!;
  return out;
}

/** A compiled edition, ready to personalise. */
export interface PreparedEdition {
  readonly subject: string;
  /** The images the HTML shows by Content-ID (the same for every recipient). */
  readonly images: readonly EditionImage[];
  personalise(values: RecipientValues): { html: string; text: string };
  /** The same two parts as MIME entities, encoded once per edition (mail/encoded-part.ts). */
  encode(values: RecipientValues): EncodedBody;
}

/** Splits a compiled edition's parts at their placeholders. */
export function prepareEdition(template: EditionTemplate): PreparedEdition {
  const html = prepare(template.html);
  const text = prepare(template.text);
  const encodedHtml = encodePart('text/html', html.pieces);
  const encodedText = encodePart('text/plain', text.pieces);
  // Encoded here, once per edition and language: every message shares these strings.
  const images = template.images ?? [];
  const related = images.map((image) => ({ cid: image.cid, raw: encodeInlineImage(image) }));
  return {
    subject: template.subject,
    images,
    personalise: (values) => ({
      html: fill(html, (name) => htmlValue(values, name)),
      text: fill(text, (name) => valueOf(values, name)),
    }),
    encode: (values) => ({
      html: encodedHtml.fill(html.names.map((name) => htmlValue(values, name))),
      text: encodedText.fill(text.names.map((name) => valueOf(values, name))),
      ...(related.length > 0 ? { related } : {}),
    }),
  };
}
