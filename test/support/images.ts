import { crc32 } from 'node:zlib';
import sharp from 'sharp';

// Images for upload tests, made with sharp (real encoders), and a multipart body that carries
// binary files as a browser sends them.

/** A photo-like image in a format, `width` × `height`, optionally with EXIF (a camera and a place). */
export async function testImage(format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif', width = 1200, height = 800, options: { exif?: boolean; alpha?: boolean } = {}): Promise<Buffer> {
  const channels = options.alpha ? 4 : 3;
  let image = sharp({ create: { width, height, channels, background: options.alpha ? { r: 200, g: 40, b: 40, alpha: 0.5 } : { r: 30, g: 90, b: 160 } } });
  if (options.exif) image = image.withExif({ IFD0: { Make: 'TestCam', Model: 'Secret Model 9', Copyright: 'GPS-Home-Address' } });
  return image.toFormat(format, format === 'avif' ? { effort: 0 } : {}).toBuffer();
}

/** A PNG whose header claims `width` × `height` pixels with almost no data behind it: a decompression bomb's shape. */
export function bombPng(width = 30_000, height = 30_000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))]);
}

/** A multipart/form-data body with text fields and one binary file. */
export function multipartFile(fields: Record<string, string>, file?: { field: string; name: string; type: string; content: Buffer }) {
  const boundary = '----insights-image-boundary';
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`), file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
