import { constants } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { compareText } from '../lib/compare.js';
import type { Problem } from '../lib/errors.js';
import { MAX_UPLOAD_BYTES } from '../media/media.js';
import type { MediaFile } from './content-bundle.js';
import { parseFrontMatter } from './front-matter.js';
import { LINK_MESSAGE, readContentFile } from './read-file.js';

// The content folder's images (docs/media.md): `media/<hash>.<ext>`, the EXIF-free master the
// export wrote (or any JPEG, PNG, WebP, AVIF or GIF named so), and beside it `<hash>.md` whose
// front matter holds its alt text, caption and credit. Bodies and lead images refer to them by
// relative path: `../media/<hash>.<ext>`.

export const MEDIA_FOLDER = 'media';
const IMAGE_NAME = /^([0-9a-f]{16})\.(jpg|png)$/;
const TEXT_NAME = /^([0-9a-f]{16})\.md$/;

const textSchema = z.object({ alt: z.string(), caption: z.string().optional(), credit: z.string().optional() }).strict();

/** A body's or front matter's relative image path. */
export const RELATIVE_MEDIA = /\.\.\/media\/([0-9a-f]{16})\.(jpg|png)/g;

async function readBytes(path: string): Promise<Buffer | { problem: string }> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    const stat = await handle.stat();
    if (!stat.isFile()) return { problem: 'is not a regular file' };
    if (stat.size > MAX_UPLOAD_BYTES) return { problem: `is ${(stat.size / 1024 / 1024).toFixed(1)} MB; an image may have at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` };
    return await handle.readFile();
  } catch {
    return { problem: 'cannot be read; check the file’s permissions' };
  } finally {
    await handle?.close();
  }
}

/** Reads `media/`: every image with its texts; every problem named by file. */
export async function readMediaFolder(root: string, problems: Problem[]): Promise<MediaFile[]> {
  let entries;
  try {
    entries = await readdir(join(root, MEDIA_FOLDER), { withFileTypes: true });
  } catch {
    problems.push({ where: `${MEDIA_FOLDER}/`, message: 'cannot be read; check the folder’s permissions' });
    return [];
  }
  const images = new Map<string, { ext: string; name: string }>();
  const texts = new Set<string>();
  for (const entry of entries.sort((a, b) => compareText(a.name, b.name))) {
    const where = `${MEDIA_FOLDER}/${entry.name}`;
    if (entry.name.startsWith('.')) continue;
    if (entry.isSymbolicLink()) problems.push({ where, message: LINK_MESSAGE });
    else if (!entry.isFile()) problems.push({ where, message: 'is not a regular file; images sit directly in media/' });
    else if (IMAGE_NAME.test(entry.name)) {
      const [, hash, ext] = IMAGE_NAME.exec(entry.name)!;
      if (images.has(hash!)) problems.push({ where, message: `a second image named ${hash}; keep one` });
      else images.set(hash!, { ext: ext!, name: entry.name });
    } else if (TEXT_NAME.test(entry.name)) texts.add(TEXT_NAME.exec(entry.name)![1]!);
    else problems.push({ where, message: 'is not an image of the content format: name it <16 hexadecimal digits>.jpg or .png, with its texts in <the same>.md' });
  }
  for (const hash of texts) if (!images.has(hash)) problems.push({ where: `${MEDIA_FOLDER}/${hash}.md`, message: `has no image ${hash}.jpg or ${hash}.png beside it` });
  const media: MediaFile[] = [];
  for (const [hash, { ext, name }] of images) {
    const where = `${MEDIA_FOLDER}/${name}`;
    if (!texts.has(hash)) {
      problems.push({ where, message: `needs its alt text: add ${MEDIA_FOLDER}/${hash}.md with "alt: …" in its front matter` });
      continue;
    }
    const textWhere = `${MEDIA_FOLDER}/${hash}.md`;
    const file = await readContentFile(root, join(MEDIA_FOLDER, `${hash}.md`));
    if ('problem' in file) {
      problems.push({ where: textWhere, ...file.problem });
      continue;
    }
    const parsed = parseFrontMatter(file.text);
    if ('problems' in parsed) {
      problems.push(...parsed.problems.map((p) => ({ where: textWhere, line: p.line, message: p.message })));
      continue;
    }
    const text = textSchema.safeParse(parsed.data);
    if (!text.success) {
      problems.push({ where: textWhere, line: 1, message: 'the front matter holds alt (required), caption and credit, each text' });
      continue;
    }
    const bytes = await readBytes(join(root, MEDIA_FOLDER, name));
    if ('problem' in bytes) {
      problems.push({ where, message: bytes.problem });
      continue;
    }
    media.push({ hash, ext, where, bytes, alt: text.data.alt, caption: text.data.caption ?? '', credit: text.data.credit ?? '' });
  }
  return media;
}
