import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { encodeInlineImage, encodePart, prefersQuotedPrintable } from './encoded-part.js';
import { toNodemailer, type MailBody } from './transport.js';

// A part encoded once with holes must decode, for every recipient, to exactly the text that
// nodemailer would have encoded itself: the same message is composed both ways and read back.

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

async function roundTrip(body: MailBody): Promise<{ raw: string; html: string; text: string }> {
  const message = { ...body, from: 'Insights <newsletter@insights.example.org>', to: 'ann@example.com', subject: 'Über 中国', headers: {}, messageId: '<1@insights.example.org>', returnPath: 'bounces@insights.example.org' };
  const info = await composer.sendMail(toNodemailer(message));
  const raw = (info.message as Buffer).toString('latin1');
  const parsed = await simpleParser(info.message as Buffer);
  return { raw, html: parsed.html || '', text: parsed.text ?? '' };
}

function fill(pieces: readonly string[], values: readonly string[]): string {
  return pieces.reduce((out, piece, i) => out + (i === 0 ? '' : values[i - 1]!) + piece, '');
}

const long = 'Shanghai-based BYD sold 3.02 million new energy vehicles in 2023, a record; '.repeat(6);
const latinPieces = [
  `<html><body><p style="margin:0">`,
  `</p>\n<p>${long}</p>\n.dot at a line start = equals sign, trailing spaces   \n\tand tabs\t\n<p>Künstliche Intelligenz in München, 新能源汽车.</p>\n<a href="`,
  `">Unsubscribe</a>\n`,
];
const chinesePieces = ['<p>', `</p><p>${'比亚迪2023年销售新能源汽车302万辆。'.repeat(20)}</p><a href="`, '">退订</a>'];

describe('parts encoded once per edition', () => {
  it('chooses the encoding as nodemailer does: quoted-printable for mostly Latin text, base64 otherwise', () => {
    expect(prefersQuotedPrintable(latinPieces.join(''))).toBe(true);
    expect(prefersQuotedPrintable(chinesePieces.join(''))).toBe(false);
    expect(encodePart('text/html', latinPieces).encoding).toBe('quoted-printable');
    expect(encodePart('text/html', chinesePieces).encoding).toBe('base64');
  });

  for (const [name, pieces] of [['quoted-printable', latinPieces], ['base64', chinesePieces]] as const) {
    it(`${name}: every recipient's part decodes to the filled text, lines stay within 76 characters`, async () => {
      const html = encodePart('text/html', pieces);
      const text = encodePart('text/plain', pieces);
      for (const values of [
        ['Hello Ann,', 'https://insights.example.org/unsubscribe/1-2-abc'],
        [`Hello ${'Müller-Lüdenscheidt '.repeat(8)}=3D,`, `https://insights.example.org/unsubscribe/${'x'.repeat(120)}`],
        ['', ''],
        ['你好，王先生：', 'https://insights.example.org/unsubscribe/9'],
      ]) {
        const encoded = await roundTrip({ encoded: { html: html.fill(values), text: text.fill(values) } });
        const plain = await roundTrip({ html: fill(pieces, values), text: fill(pieces, values) });
        expect(encoded.html).toBe(fill(pieces, values));
        expect(encoded.html).toBe(plain.html);
        expect(encoded.text).toBe(plain.text);
        expect(encoded.raw).toContain(`Content-Transfer-Encoding: ${name}`);
        for (const line of encoded.raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
      }
    });
  }

  it('an inline image encoded once is the same picture nodemailer would attach: in multipart/related, its Content-ID, lines within 76 characters', async () => {
    const content = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256))]);
    const image = { cid: 'chart-1.0123abcd@insights.example.org', filename: 'chart-1.png', contentType: 'image/png', content };
    const html = '<p><img src="cid:chart-1.0123abcd@insights.example.org" alt="55%" width="480"></p>';
    const message = { from: 'Insights <newsletter@insights.example.org>', to: 'ann@example.com', subject: 'Chart', headers: {}, messageId: '<2@insights.example.org>', returnPath: 'bounces@insights.example.org' };
    const encoded = encodePart('text/html', [html]).fill([]);
    const info = await composer.sendMail(toNodemailer({ ...message, encoded: { html: encoded, text: encodePart('text/plain', ['55%']).fill([]), related: [{ cid: image.cid, raw: encodeInlineImage(image) }] } }));
    const raw = (info.message as Buffer).toString('latin1');
    expect(raw).toMatch(/Content-Type: multipart\/related; type="text\/html"/);
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    const parsed = await simpleParser(info.message as Buffer, { keepCidLinks: true });
    expect(parsed.attachments).toHaveLength(1);
    const [attachment] = parsed.attachments;
    expect(attachment!.cid).toBe(image.cid);
    expect(attachment!.contentType).toBe('image/png');
    expect(attachment!.contentDisposition).toBe('inline');
    expect(attachment!.related).toBe(true);
    expect(attachment!.content.equals(content)).toBe(true);
    expect(parsed.html).toContain('src="cid:chart-1.0123abcd@insights.example.org"');
    expect(() => encodeInlineImage({ ...image, contentType: 'text/html\r\nX-Evil: 1' })).toThrow(/not an image type/);
  });
});
