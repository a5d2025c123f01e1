import { encode, wrap } from 'nodemailer/lib/qp';

// A newsletter's HTML and text are the same for every recipient but for a few short values (the
// greeting, the unsubscribe link). Encoding a 100 kB part for MIME (choosing the encoding,
// quoted-printable, line wrapping) was most of the sender's time per message, so a part is
// encoded once per edition: its fixed pieces are encoded in advance and each recipient costs the
// encoding of their few values. The result is a complete MIME entity (headers and body) that the
// transport hands to nodemailer as a raw alternative; nodemailer still writes the message's
// headers, the multipart structure and the DKIM signature.
//
// Quoted-printable (text that is mostly Latin script, as nodemailer would choose): every piece
// and every value starts on a line of its own, joined by soft line breaks (`=` at the end of a
// line, removed when decoded), so no encoded line depends on the length of a value and none is
// longer than 76 characters. Base64 (mostly non-Latin text, e.g. Chinese, where quoted-printable
// would triple the size): the filled text is encoded per recipient, which is native and fast.

const LINE = 76;
const SOFT_BREAK = '=\r\n';

/** How nodemailer chooses a text part's encoding: quoted-printable when Latin letters outnumber the rest. */
export function prefersQuotedPrintable(text: string): boolean {
  let nonLatin = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x08 || code === 0x0b || code === 0x0c || (code >= 0x0e && code <= 0x1f) || code >= 0x80) nonLatin++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
  }
  return nonLatin < latin;
}

function quotedPrintable(text: string): string {
  return wrap(encode(text), LINE);
}

function base64Lines(text: string): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  let out = '';
  for (let i = 0; i < encoded.length; i += LINE) out += `${encoded.slice(i, i + LINE)}\r\n`;
  return out;
}

/** A text part with holes, encoded once; `fill` gives the MIME entity of one recipient. */
export interface EncodedPart {
  readonly encoding: 'quoted-printable' | 'base64';
  /** `values[i]` goes between `pieces[i]` and `pieces[i + 1]`. */
  fill(values: readonly string[]): string;
}

/** Prepares a `text/plain` or `text/html` part made of `pieces` with one value between each two. */
export function encodePart(mediaType: 'text/plain' | 'text/html', pieces: readonly string[]): EncodedPart {
  const quoted = prefersQuotedPrintable(pieces.join(''));
  const encoding = quoted ? 'quoted-printable' : 'base64';
  const head = `Content-Type: ${mediaType}; charset=utf-8\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n`;
  if (!quoted) {
    return {
      encoding,
      fill: (values) => {
        let text = pieces[0]!;
        for (let i = 1; i < pieces.length; i++) text += values[i - 1]! + pieces[i]!;
        return head + base64Lines(text);
      },
    };
  }
  const encodedPieces = pieces.map(quotedPrintable);
  return {
    encoding,
    fill: (values) => {
      let body = head + encodedPieces[0]!;
      for (let i = 1; i < encodedPieces.length; i++) body += SOFT_BREAK + quotedPrintable(values[i - 1]!) + SOFT_BREAK + encodedPieces[i]!;
      return body;
    },
  };
}

/** An image shown by Content-ID in the HTML part (a newsletter's chart). */
export interface InlineImage {
  readonly cid: string;
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

/** An inline image as a complete MIME entity, encoded once per edition (base64, 76 characters a line). */
export function encodeInlineImage(image: InlineImage): string {
  const safe = (value: string) => value.replace(/[^\w.@-]/g, '');
  if (!/^image\/[\w.+-]+$/.test(image.contentType)) throw new Error(`not an image type: ${image.contentType}`);
  const filename = safe(image.filename);
  const encoded = image.content.toString('base64');
  let body = '';
  for (let i = 0; i < encoded.length; i += LINE) body += `${encoded.slice(i, i + LINE)}\r\n`;
  return (
    `Content-Type: ${image.contentType}; name="${filename}"\r\n` +
    'Content-Transfer-Encoding: base64\r\n' +
    `Content-ID: <${safe(image.cid)}>\r\n` +
    `Content-Disposition: inline; filename="${filename}"\r\n\r\n` +
    body
  );
}
