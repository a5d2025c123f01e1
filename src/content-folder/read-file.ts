import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { FIELD_LIMITS } from '../content/fields.js';

// Reading one file of a content folder, faithfully or not at all: never through a symbolic link,
// never from outside the folder, never a file too large to be content, and only valid UTF-8.

/** The largest content file read: room for the longest body the desk takes, in any script. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** What a file reads as: its text, or the one problem that kept it from being read. */
export type FileText = { readonly text: string } | { readonly problem: { readonly line?: number; readonly message: string } };

/** The problem of a symbolic link, wherever one is found in the folder. */
export const LINK_MESSAGE = 'is a symbolic link, and the importer never follows links: put the file or folder itself in the content folder';

/** Is `path` (a real path) inside the folder `root` (a real path)? */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * Reads `root/path` as UTF-8 text. `root` must be a real path (no links in it); the file is
 * opened without following a link, so one swapped in after the folder was listed is refused too.
 */
export async function readContentFile(root: string, path: string): Promise<FileText> {
  const full = join(root, path);
  let real: string;
  try {
    real = await realpath(full);
  } catch (error) {
    return unreadable(error);
  }
  if (!isInside(root, real)) return { problem: { message: `leads outside the content folder (to ${real}); copy the file into the folder instead` } };
  let handle;
  try {
    // O_NONBLOCK: a FIFO put in place of the file must not hang the import.
    handle = await open(full, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return codeOf(error) === 'ELOOP' ? { problem: { message: LINK_MESSAGE } } : unreadable(error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { problem: { message: 'is not a regular file; a content file is a Markdown file' } };
    if (stat.size > MAX_FILE_BYTES) {
      return {
        problem: {
          message: `is ${(stat.size / 1024 / 1024).toFixed(1)} MB; a content file may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB (a body at most ${FIELD_LIMITS.body} characters)`,
        },
      };
    }
    return decodeUtf8(await handle.readFile());
  } catch (error) {
    return unreadable(error);
  } finally {
    await handle.close();
  }
}

/** The bytes as text, or the line of the first byte that is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): FileText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = firstBadByte(bytes);
    let line = 1;
    for (let index = 0; index < at; index++) if (bytes[index] === 0x0a) line++;
    return { problem: { line, message: 'is not valid UTF-8 from this line on; save the file as UTF-8 (it may have been saved as Latin-1 or Windows-1252)' } };
  }
}

/** Does the first `length` bytes' decoding hold no error yet (a character cut at the end is not one)? */
function validSoFar(bytes: Uint8Array, length: number): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The index of the first byte at which decoding fails. Validity of prefixes is monotone, so a
 * binary search finds it in about twenty decodes; a file that only ends inside a character
 * fails at the start of that character.
 */
function firstBadByte(bytes: Uint8Array): number {
  if (validSoFar(bytes, bytes.length)) {
    let start = bytes.length - 1;
    while (start > 0 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start--;
    return start;
  }
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (validSoFar(bytes, middle)) good = middle;
    else bad = middle;
  }
  return bad - 1;
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function unreadable(error: unknown): FileText {
  const code = codeOf(error);
  if (code === 'EACCES' || code === 'EPERM') return { problem: { message: 'cannot be read: permission denied; check the file’s permissions' } };
  if (code === 'ENOENT') return { problem: { message: 'disappeared while the folder was read; run the import again' } };
  return { problem: { message: `cannot be read (${code ?? String(error)})` } };
}
